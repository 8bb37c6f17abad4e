import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { BriefingResult } from '../../src/briefing/types.js';
import { UserError } from '../../src/errors.js';
import { reply } from '../fakes/fake-openai.js';
import { aFaultyMap } from '../cache/helpers.js';
import { aRecordingLogger } from '../support/logger.js';
import { allVerbatim, aPrefixTranslator, articleInPrompt, useWorlds, ENGLISH_HEADLINE, ENGLISH_ID, ENGLISH_PARAGRAPHS, GERMAN_HEADLINE, GERMAN_ID, GERMAN_PARAGRAPHS } from './helpers.js';

const run = promisify(execFile);
const world = useWorlds();

/** The UserError a promise rejects with. */
async function userErrorOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('BriefingService.summarize with a model', () => {
  it('GIVEN a summary in another language THEN the article text and the target language reach the model AND the answer is cached', async () => {
    const w = await world();
    w.fake?.setDefault('<headline>Stadtrat beschließt Haushalt</headline>\n\nDer Rat hat den Haushalt beschlossen.\n\nKritiker finden ihn zu teuer.');
    const first = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'Deutsch' }, { userId: 'u1' });
    expect(first).toMatchObject({
      kind: 'summarize',
      article: { id: ENGLISH_ID, headline: ENGLISH_HEADLINE, language: 'en' },
      language: 'de',
      headline: 'Stadtrat beschließt Haushalt',
      paragraphs: ['Der Rat hat den Haushalt beschlossen.', 'Kritiker finden ihn zu teuer.'],
      model: 'openai/fake-model',
      cached: false,
      notices: [],
    });
    const sent = w.fake?.completions[0]?.text ?? '';
    expect(sent).toContain(ENGLISH_PARAGRAPHS[2]);
    expect(sent).toContain('German');
    const again = await w.service.summarize('council budget', { length: 'short', language: 'de' });
    expect(again.cached).toBe(true);
    expect(again.paragraphs).toEqual(first.paragraphs);
    expect(w.fake?.callCount).toBe(1);
  });

  it('GIVEN 50 concurrent identical requests THEN the model is called exactly once', async () => {
    const w = await world();
    w.fake?.setDefault(reply.text('One shared summary.', { delayMs: 100 }));
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => w.service.summarize(ENGLISH_ID, { length: 'medium', language: 'en' }, { userId: `u${i}` })),
    );
    expect(w.fake?.callCount).toBe(1);
    expect(new Set(results.map((r) => r.paragraphs.join('|')))).toEqual(new Set(['One shared summary.']));
  });

  it('GIVEN a second process on the same sqlite store THEN it is served from the cache with zero model calls', async () => {
    const w = await world();
    w.fake?.setDefault('<headline>Le conseil adopte le budget</headline>\n\nCached across processes.');
    await w.service.summarize(ENGLISH_ID, { length: 'long', language: 'fr' });
    expect(w.fake?.callCount).toBe(1);
    const script = join(import.meta.dirname, 'second-process.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, join(w.dir, 'seeds'), w.storeUrl, w.fake?.url ?? '', ENGLISH_ID, 'long', 'French'], {
      cwd: join(import.meta.dirname, '../..'),
      timeout: 20_000,
    });
    const other = JSON.parse(stdout) as BriefingResult;
    expect(other).toMatchObject({ cached: true, language: 'fr', headline: 'Le conseil adopte le budget', paragraphs: ['Cached across processes.'] });
    expect(w.fake?.callCount).toBe(1);
  });

  it('GIVEN the article file changes THEN the next request misses the cache and asks the model again', async () => {
    const w = await world();
    w.fake?.script('Before the edit.', 'After the edit.');
    expect((await w.service.summarize(ENGLISH_ID, { length: 'short' })).paragraphs).toEqual(['Before the edit.']);
    await w.editArticle(ENGLISH_ID, ENGLISH_HEADLINE, [...ENGLISH_PARAGRAPHS, 'A late amendment added money for bicycle lanes across the city.']);
    const after = await w.service.summarize(ENGLISH_ID, { length: 'short' });
    expect(after).toMatchObject({ cached: false, paragraphs: ['After the edit.'] });
    expect(w.fake?.callCount).toBe(2);
    expect(w.fake?.completions[1]?.text).toContain('bicycle lanes');
  });

  it('GIVEN a store that fails on every call THEN requests are answered uncached AND the fault is logged once', async () => {
    const { logger, warnings } = aRecordingLogger();
    const { map } = aFaultyMap();
    const w = await world({ keyv: new Keyv(map), logger });
    w.fake?.setDefault('Served without a cache.');
    for (const length of ['short', 'medium', 'long'] as const) {
      const result = await w.service.summarize(ENGLISH_ID, { length });
      expect(result).toMatchObject({ cached: false, paragraphs: ['Served without a cache.'] });
    }
    expect(w.fake?.callCount).toBe(3);
    expect(warnings().filter((line) => /Cache store/.test(line.msg))).toHaveLength(1);
  });

  it('GIVEN the model fails THEN the summary is made offline from the article AND a notice says so', async () => {
    const w = await world();
    w.fake?.setDefault(reply.error(500, { message: 'internal upstream detail' }));
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' });
    expect(result.model).toBe('offline/extractive');
    expect(result.language).toBe('de');
    expect(allVerbatim(result.paragraphs.flatMap((p) => p.split(/(?<=[.!?“])\s+/)), GERMAN_PARAGRAPHS)).toBe(true);
    expect(result.notices.map((n) => n.code)).toEqual(['llm_fallback', 'language_fallback']);
    expect(JSON.stringify(result)).not.toContain('internal upstream detail');
  });

  it('GIVEN a model that hangs THEN the request ends at the timeout with an offline summary', async () => {
    const w = await world({ timeoutMs: 300 });
    w.fake?.setDefault(reply.hang());
    const result = await w.service.summarize(ENGLISH_ID, { length: 'short' });
    expect(result.model).toBe('offline/extractive');
    expect(result.notices[0]?.code).toBe('llm_fallback');
  });

  it('GIVEN a progress listener THEN the summary is streamed and the final text matches', async () => {
    const w = await world();
    w.fake?.setDefault('Streaming works word by word.');
    const partials: string[] = [];
    const result = await w.service.summarize(ENGLISH_ID, { length: 'short' }, undefined, { onPartial: (text) => partials.push(text) });
    expect(result.paragraphs).toEqual(['Streaming works word by word.']);
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toBe('Streaming works word by word.');
    expect(w.fake?.completions[0]?.stream).toBe(true);
  });

  it('GIVEN an unknown article or language THEN the user errors of the article store and languages pass through', async () => {
    const w = await world();
    expect((await userErrorOf(w.service.summarize('no such thing at all', { length: 'short' }))).code).toBe('article_not_found');
    expect((await userErrorOf(w.service.summarize(ENGLISH_ID, { length: 'short', language: 'Klingonisch-xyz' }))).code).toBe('language_unknown');
    expect(w.fake?.callCount).toBe(0);
  });
});

describe('BriefingService without a model (offline)', () => {
  it('GIVEN a summary in the article language THEN it is extractive, verbatim and without notices', async () => {
    const w = await world({ withModel: false });
    const result = await w.service.summarize(ENGLISH_ID, { length: 'medium' });
    expect(result).toMatchObject({ model: 'offline/extractive', language: 'en', cached: false, notices: [] });
    expect(result.paragraphs.length).toBeGreaterThan(0);
    expect(allVerbatim(result.paragraphs, ENGLISH_PARAGRAPHS)).toBe(true);
  });

  it('GIVEN a summary in another language THEN it is in the source language with a notice naming the fix', async () => {
    const w = await world({ withModel: false });
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'English' });
    expect(result.language).toBe('de');
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0]).toMatchObject({ code: 'language_fallback', params: { used: 'de', requested: 'en', reason: 'offline' } });
    expect(result.notices[0]?.message).toMatch(/OPENAI_BASE_URL.*OPENAI_API_KEY/);
  });

  it('GIVEN a translation THEN it fails with a clear error naming the fix', async () => {
    const w = await world({ withModel: false });
    const error = await userErrorOf(w.service.translate(GERMAN_ID, 'en'));
    expect(error.code).toBe('translation_unavailable');
    expect(error.message).toBe('I cannot translate into English: that needs a language model, and none is configured here. Whoever hosts Herald can set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.');
  });

  it('GIVEN quotes THEN they are verbatim passages picked offline', async () => {
    const w = await world({ withModel: false });
    const result = await w.service.quote(GERMAN_ID, { count: 2 });
    expect(result.paragraphs).toHaveLength(2);
    expect(allVerbatim(result.paragraphs, GERMAN_PARAGRAPHS)).toBe(true);
    expect(result.model).toBe('offline/extractive');
  });

  it('GIVEN quotes with a translation language THEN the originals come back with a language notice', async () => {
    const w = await world({ withModel: false });
    const result = await w.service.quote(GERMAN_ID, { count: 1, language: 'en' });
    expect(result.language).toBe('de');
    expect(result.originals).toBeUndefined();
    expect(result.notices.map((n) => n.code)).toEqual(['language_fallback']);
  });
});

describe('BriefingService.translate', () => {
  it('GIVEN a translation THEN headline and every paragraph are translated, paragraphs kept, and it is cached', async () => {
    const w = await world();
    w.fake?.setDefault(aPrefixTranslator('[en]'));
    const result = await w.service.translate(GERMAN_ID, 'englisch', { userId: 'u1', guildId: 'g1' });
    expect(result).toMatchObject({
      kind: 'translate',
      language: 'en',
      headline: `[en] ${GERMAN_HEADLINE}`,
      paragraphs: GERMAN_PARAGRAPHS.map((p) => `[en] ${p}`),
      cached: false,
      model: 'openai/fake-model',
    });
    expect(w.fake?.completions[0]?.text).toContain('English');
    expect((await w.service.translate(GERMAN_ID, 'EN')).cached).toBe(true);
    expect(w.fake?.callCount).toBe(1);
    expect((await w.usage.user('u1')).total).toBeGreaterThan(0);
    expect((await w.usage.guild('g1')).total).toBeGreaterThan(0);
  });

  it('GIVEN a context window smaller than the article THEN it is translated in several calls that each fit, keeping paragraphs', async () => {
    const longParagraph = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} of the long paragraph explains one more detail of the budget.`).join(' ');
    const w = await world({ contextTokens: 420 });
    await w.editArticle(ENGLISH_ID, ENGLISH_HEADLINE, [...ENGLISH_PARAGRAPHS, longParagraph]);
    w.fake?.setDefault(aPrefixTranslator('[fr]'));
    const result = await w.service.translate(ENGLISH_ID, 'fr');
    expect(result.headline).toBe(`[fr] ${ENGLISH_HEADLINE}`);
    expect(result.paragraphs).toHaveLength(ENGLISH_PARAGRAPHS.length + 1);
    expect(result.paragraphs.slice(0, -1)).toEqual(ENGLISH_PARAGRAPHS.map((p) => `[fr] ${p}`));
    // The long paragraph went out in pieces and came back as one paragraph.
    expect(result.paragraphs.at(-1)).toContain('Sentence number 1 ');
    expect(result.paragraphs.at(-1)).toContain('Sentence number 12 ');
    expect(w.fake?.callCount).toBeGreaterThan(ENGLISH_PARAGRAPHS.length);
    for (const request of w.fake?.completions ?? []) expect(request.text.length / 4).toBeLessThan(420);
  });

  it('GIVEN the model merges paragraphs THEN the chunk is redone paragraph by paragraph', async () => {
    const w = await world();
    w.fake?.setDefault((request) => {
      const paragraphs = articleInPrompt(request).map((p) => `[es] ${p}`);
      return paragraphs.length > 1 ? paragraphs.join(' ') : (paragraphs[0] ?? '');
    });
    const result = await w.service.translate(ENGLISH_ID, 'es');
    expect(result.paragraphs).toEqual(ENGLISH_PARAGRAPHS.map((p) => `[es] ${p}`));
    expect(w.fake?.callCount).toBe(1 + 1 + ENGLISH_PARAGRAPHS.length);
  });

  it('GIVEN a progress listener THEN partial translations stream in, headline first', async () => {
    const w = await world();
    w.fake?.setDefault(aPrefixTranslator('[it]'));
    const partials: string[] = [];
    const result = await w.service.translate(ENGLISH_ID, 'it', undefined, { onPartial: (text) => partials.push(text) });
    expect(partials.length).toBeGreaterThan(3);
    expect(partials.at(-1)).toBe([result.headline, ...result.paragraphs].join('\n\n'));
    expect(partials[0]?.length).toBeLessThan(partials.at(-1)?.length ?? 0);
  });

  it('GIVEN the article language as target THEN the original comes back without a model call', async () => {
    const w = await world();
    const result = await w.service.translate(GERMAN_ID, 'German');
    expect(result).toMatchObject({ language: 'de', headline: GERMAN_HEADLINE, paragraphs: GERMAN_PARAGRAPHS });
    expect(result.notices[0]?.code).toBe('same_language');
    expect(w.fake?.callCount).toBe(0);
  });

  it.each([
    [500, 'llm_unavailable'],
    [429, 'llm_rate_limited'],
  ])('GIVEN the model answers %i THEN the user gets %s without provider internals', async (status, code) => {
    const w = await world();
    w.fake?.setDefault(reply.error(status, { message: 'secret-internal-trace-id-123' }));
    const error = await userErrorOf(w.service.translate(GERMAN_ID, 'en'));
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/secret-internal|\d{3}/);
  });
});

describe('BriefingService.quote', () => {
  it('GIVEN hallucinated and reformatted quotes THEN only verbatim ones are kept (in the article’s exact text) and the gap is filled offline', async () => {
    const w = await world();
    w.fake?.setDefault(
      JSON.stringify([
        '"Wir haben viel zu lange auf diese Reparaturen gewartet",   sagte Bürgermeisterin Anna Berg.',
        'Die Bürgermeisterin versprach kostenlose Busse für alle Einwohner.',
        'Der Stadtrat hat den Haushalt einstimmig und ohne Debatte beschlossen.',
      ]),
    );
    const result = await w.service.quote(GERMAN_ID, { count: 3 });
    expect(result.paragraphs).toHaveLength(3);
    expect(result.paragraphs[0]).toBe('„Wir haben viel zu lange auf diese Reparaturen gewartet“, sagte Bürgermeisterin Anna Berg.');
    expect(allVerbatim(result.paragraphs, GERMAN_PARAGRAPHS)).toBe(true);
    expect(result.paragraphs.join(' ')).not.toMatch(/kostenlose|einstimmig/);
    expect(result.notices[0]).toMatchObject({ code: 'quotes_filled_offline', params: { filled: 2, dropped: 2 } });
    expect(result.model).toBe('openai/fake-model');
  });

  it('GIVEN quotes with a language THEN they are translated and the originals kept alongside', async () => {
    const w = await world();
    w.fake?.script(JSON.stringify([GERMAN_PARAGRAPHS[0], GERMAN_PARAGRAPHS[3]]), aPrefixTranslator('[en]'));
    const result = await w.service.quote(GERMAN_ID, { count: 2, language: 'en' });
    expect(result.originals).toEqual([GERMAN_PARAGRAPHS[0], GERMAN_PARAGRAPHS[3]]);
    expect(result.paragraphs).toEqual([`[en] ${GERMAN_PARAGRAPHS[0]}`, `[en] ${GERMAN_PARAGRAPHS[3]}`]);
    expect(result.language).toBe('en');
    const again = await w.service.quote(GERMAN_ID, { count: 2, language: 'English' });
    expect(again.cached).toBe(true);
    expect(w.fake?.callCount).toBe(2);
  });

  it('GIVEN the model is down THEN quotes are picked offline with a notice', async () => {
    const w = await world();
    w.fake?.setDefault(reply.error(503));
    const result = await w.service.quote(ENGLISH_ID, { count: 2 });
    expect(result.paragraphs).toHaveLength(2);
    expect(allVerbatim(result.paragraphs, ENGLISH_PARAGRAPHS)).toBe(true);
    expect(result.notices[0]?.code).toBe('llm_fallback');
    expect(result.model).toBe('offline/extractive');
  });

  it('GIVEN the model is down and a translation is asked THEN the quotes come untranslated after a single failed call', async () => {
    const w = await world();
    w.fake?.setDefault(reply.error(503));
    const result = await w.service.quote(ENGLISH_ID, { count: 2, language: 'de' });
    expect(result.language).toBe('en');
    expect(result.notices.map((n) => [n.code, n.params?.reason])).toEqual([
      ['llm_fallback', undefined],
      ['language_fallback', 'unavailable'],
    ]);
    expect(w.fake?.callCount).toBe(1);
  });

  it('GIVEN more quotes than the article has passages THEN it says how many were found', async () => {
    const w = await world({ withModel: false });
    await w.editArticle(ENGLISH_ID, ENGLISH_HEADLINE, [ENGLISH_PARAGRAPHS[0] ?? '']);
    const result = await w.service.quote(ENGLISH_ID, { count: 10 });
    expect(result.paragraphs.length).toBeLessThan(10);
    expect(result.notices.at(-1)).toMatchObject({ code: 'quotes_fewer', params: { found: result.paragraphs.length, requested: 10 } });
  });

  it('GIVEN a count outside 1–10 THEN it is refused as an invalid option', async () => {
    const w = await world();
    expect((await userErrorOf(w.service.quote(ENGLISH_ID, { count: 0 }))).code).toBe('quote_count');
    expect((await userErrorOf(w.service.quote(ENGLISH_ID, { count: 11 }))).code).toBe('quote_count');
  });
});

describe('BriefingService daily budget', () => {
  it('GIVEN the budget is spent THEN new uncached requests are refused while cached answers still work', async () => {
    const w = await world({ dailyBudget: 50 });
    w.fake?.setDefault(reply.text('A summary that costs tokens.', { usage: { promptTokens: 40, completionTokens: 20 } }));
    const first = await w.service.summarize(ENGLISH_ID, { length: 'short' }, { userId: 'u1', guildId: 'g1' });
    expect(first.cached).toBe(false);
    expect((await w.usage.today()).total).toBe(60);

    const refused = await userErrorOf(w.service.summarize(ENGLISH_ID, { length: 'long' }, { userId: 'u2' }));
    expect(refused.code).toBe('budget_exhausted');
    expect(refused.message).toMatch(/^I have used up today’s budget for the language model; cached answers still work\. It resets at \d{4}-\d{2}-\d{2} 00:00 UTC\.$/);
    expect((await userErrorOf(w.service.translate(GERMAN_ID, 'en'))).code).toBe('budget_exhausted');

    const cached = await w.service.summarize(ENGLISH_ID, { length: 'short' }, { userId: 'u2' });
    expect(cached).toMatchObject({ cached: true, paragraphs: first.paragraphs });
    expect(w.fake?.callCount).toBe(1);
  });
});

describe('BriefingService on message text', () => {
  it('GIVEN message text THEN summary and translation carry the id "message" and are cached by the text', async () => {
    const w = await world();
    w.fake?.script('Short summary of the message.', aPrefixTranslator('[de]'));
    const text = `${ENGLISH_PARAGRAPHS[0]}\n\n${ENGLISH_PARAGRAPHS[2]}`;
    const summary = await w.service.summarizeText(text, { length: 'short' });
    expect(summary).toMatchObject({ article: { id: 'message', headline: '', language: 'en' }, paragraphs: ['Short summary of the message.'] });
    const translation = await w.service.translateText(text, 'de');
    expect(translation.paragraphs).toEqual([`[de] ${ENGLISH_PARAGRAPHS[0]}`, `[de] ${ENGLISH_PARAGRAPHS[2]}`]);
    expect(translation.headline).toBeUndefined();
    expect((await w.service.translateText(text, 'de')).cached).toBe(true);
    expect((await w.service.summarizeText(`${text}\n\nOne more line changes the text entirely.`, { length: 'short' })).cached).toBe(false);
  });

  it('GIVEN message text without words THEN it is refused with a clear message', async () => {
    const w = await world();
    expect((await userErrorOf(w.service.summarizeText(' \n\n ', { length: 'short' }))).code).toBe('empty_message');
  });
});
