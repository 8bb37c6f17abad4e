import { describe, expect, it } from 'vitest';
import { reply, type FakeRequest } from '../fakes/fake-openai.js';
import { allVerbatim, aPrefixTranslator, articleInPrompt, useWorlds, ENGLISH_HEADLINE, ENGLISH_ID, ENGLISH_PARAGRAPHS, GERMAN_ID, GERMAN_PARAGRAPHS } from './helpers.js';

/**
 * Answers cut off by the token limit (finish_reason "length") or streams that end without a finish
 * reason: never shown as complete, never cached.
 */
const world = useWorlds();

function maxTokensOf(request: FakeRequest | undefined): number {
  return Number(request?.body?.max_tokens);
}

describe('a summary cut off by the token limit', () => {
  it('GIVEN a cut answer THEN it is asked again once with twice the room AND the complete answer is shown and cached', async () => {
    const w = await world();
    w.fake?.script(reply.cut('The council approved the'), 'The council approved the budget after a long debate.');
    const first = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(first).toMatchObject({ paragraphs: ['The council approved the budget after a long debate.'], model: 'openai/fake-model', cached: false, notices: [] });
    expect(w.fake?.callCount).toBe(2);
    expect(maxTokensOf(w.fake?.completions[1])).toBe(2 * maxTokensOf(w.fake?.completions[0]));
    const again = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(again).toMatchObject({ paragraphs: first.paragraphs, cached: true });
    expect(w.fake?.callCount).toBe(2);
  });

  it('GIVEN an answer cut twice THEN the offline summary answers with a notice saying why AND nothing is cached', async () => {
    const w = await world();
    w.fake?.setDefault(reply.cut('The council approved the'));
    const first = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(first.model).toBe('offline/extractive');
    expect(allVerbatim(first.paragraphs, ENGLISH_PARAGRAPHS)).toBe(true);
    expect(first.paragraphs.join(' ')).not.toContain('approved the\u2026');
    expect(first.notices).toEqual([expect.objectContaining({ code: 'llm_incomplete', params: { what: 'summary' } })]);
    expect(first.notices[0]?.message).toMatch(/cut off/);
    expect(w.fake?.callCount).toBe(2);
    const again = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(again.cached).toBe(false);
    expect(w.fake?.callCount).toBe(4);
  });

  it('GIVEN a summary into another language cut twice THEN the language notice says the answer was cut off, not that the model is missing', async () => {
    const w = await world();
    w.fake?.setDefault(reply.cut('Der Rat hat'));
    const result = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'de' });
    expect(result.language).toBe('en');
    expect(result.notices.map((n) => n.code)).toEqual(['llm_incomplete', 'language_fallback']);
    expect(result.notices[1]).toMatchObject({ params: { reason: 'incomplete' } });
    expect(result.notices[1]?.message).toMatch(/cut off/);
  });
});

describe('a stream that ends without a finish reason', () => {
  it('GIVEN a streamed summary whose stream stops without a finish reason THEN it is asked again without streaming AND that answer is shown and cached', async () => {
    const w = await world();
    const seen: string[] = [];
    w.fake?.script(reply.unfinished('The council approved'), 'The council approved the budget.');
    const first = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' }, undefined, { onPartial: (text) => seen.push(text) });
    expect(first).toMatchObject({ paragraphs: ['The council approved the budget.'], model: 'openai/fake-model', notices: [] });
    expect(w.fake?.completions.map((request) => request.stream)).toEqual([true, false]);
    expect(seen.at(-1)).toBe('The council approved the budget.');
    const again = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(again.cached).toBe(true);
    expect(w.fake?.callCount).toBe(2);
  });

  it('GIVEN a non-streamed answer without a finish reason (some servers never send one) THEN it is accepted as it is', async () => {
    const w = await world();
    w.fake?.script(reply.unfinished('The council approved the budget.'));
    const first = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(first).toMatchObject({ paragraphs: ['The council approved the budget.'], model: 'openai/fake-model', notices: [] });
    expect(w.fake?.callCount).toBe(1);
  });
});

describe('a translation cut off by the token limit', () => {
  it('GIVEN the whole article in one call comes back cut THEN it is translated again in smaller pieces AND the complete translation is cached', async () => {
    const w = await world();
    const translate = aPrefixTranslator('[de]');
    w.fake?.setDefault(translate);
    // As many paragraphs as were sent, the last one cut short: only the finish reason tells.
    w.fake?.script((request) => reply.cut(translate(request).slice(0, -20)));
    const first = await w.service.translate(ENGLISH_ID, 'de');
    expect(first.headline).toBe(`[de] ${ENGLISH_HEADLINE}`);
    expect(first.paragraphs).toEqual(ENGLISH_PARAGRAPHS.map((p) => `[de] ${p}`));
    expect(first.notices).toEqual([]);
    // One call for the whole chunk, then one per piece: the headline and four paragraphs.
    expect(w.fake?.callCount).toBe(6);
    expect(w.fake?.completions.slice(1).map((request) => articleInPrompt(request).length)).toEqual([1, 1, 1, 1, 1]);
    const again = await w.service.translate(ENGLISH_ID, 'de');
    expect(again.cached).toBe(true);
    expect(w.fake?.callCount).toBe(6);
  });

  it('GIVEN one paragraph that stays cut however small the piece THEN the translation says it is incomplete, marks the cut AND is not cached', async () => {
    const w = await world();
    const translate = aPrefixTranslator('[de]');
    const stubborn = ENGLISH_PARAGRAPHS[1] ?? '';
    w.fake?.setDefault((request) => {
      const sent = articleInPrompt(request);
      if (sent.some((paragraph) => stubborn.includes(paragraph))) return reply.cut(`${translate(request).slice(0, 30)}`);
      return translate(request);
    });
    const first = await w.service.translate(ENGLISH_ID, 'de');
    expect(first.paragraphs[0]).toBe(`[de] ${ENGLISH_PARAGRAPHS[0]}`);
    expect(first.paragraphs[1]).toMatch(/…$/);
    expect(first.paragraphs[2]).toBe(`[de] ${ENGLISH_PARAGRAPHS[2]}`);
    expect(first.notices).toEqual([expect.objectContaining({ code: 'translation_incomplete' })]);
    expect(first.notices[0]?.message).toMatch(/incomplete/);
    const calls = w.fake?.callCount ?? 0;
    const again = await w.service.translate(ENGLISH_ID, 'de');
    expect(again.cached).toBe(false);
    expect(again.notices.map((n) => n.code)).toEqual(['translation_incomplete']);
    expect(w.fake?.callCount).toBeGreaterThan(calls);
  });

  it('GIVEN a one-paragraph message whose translation is cut THEN its sentences are translated in smaller pieces', async () => {
    const w = await world();
    w.fake?.setDefault(aPrefixTranslator('[de]'));
    const text = `${ENGLISH_PARAGRAPHS[0]} ${ENGLISH_PARAGRAPHS[2]}`;
    w.fake?.script(reply.cut('[de] The city council'));
    const result = await w.service.translateText(text, 'de');
    expect(result.paragraphs).toEqual([`[de] ${ENGLISH_PARAGRAPHS[0]} [de] ${ENGLISH_PARAGRAPHS[2]}`]);
    expect(result.notices).toEqual([]);
    expect(w.fake?.callCount).toBe(3);
  });
});

describe('quotes cut off by the token limit', () => {
  it('GIVEN the quote answer cut twice THEN offline quotes with a notice saying why AND nothing is cached', async () => {
    const w = await world();
    const quote = GERMAN_PARAGRAPHS[2] ?? '';
    w.fake?.setDefault(reply.cut(`["${quote}", "${quote.slice(0, 20)}`));
    const first = await w.service.quote(GERMAN_ID, { count: 2 });
    expect(first.model).toBe('offline/extractive');
    expect(allVerbatim(first.paragraphs, GERMAN_PARAGRAPHS)).toBe(true);
    expect(first.notices).toEqual([expect.objectContaining({ code: 'llm_incomplete', params: { what: 'quotes' } })]);
    expect(w.fake?.callCount).toBe(2);
    await w.service.quote(GERMAN_ID, { count: 2 });
    expect(w.fake?.callCount).toBe(4);
  });
});

describe('quotes whose translation is cut off', () => {
  it('GIVEN quotes asked in another language whose translation stays cut THEN the originals are shown with a notice AND the translation is not cached', async () => {
    const w = await world();
    const quote = GERMAN_PARAGRAPHS[2] ?? '';
    w.fake?.setDefault((request) => (request.text.includes('JSON array') ? JSON.stringify([quote]) : reply.cut('Officials say')));
    const first = await w.service.quote(GERMAN_ID, { count: 1, language: 'en' });
    expect(first).toMatchObject({ language: 'de', paragraphs: [quote], model: 'openai/fake-model' });
    expect(first.notices).toEqual([expect.objectContaining({ code: 'llm_incomplete', params: { what: 'quote_translation' } })]);
    const calls = w.fake?.callCount ?? 0;
    w.fake?.setDefault((request) => (request.text.includes('JSON array') ? JSON.stringify([quote]) : 'Officials say more buses will run.'));
    const again = await w.service.quote(GERMAN_ID, { count: 1, language: 'en' });
    expect(again).toMatchObject({ language: 'en', paragraphs: ['Officials say more buses will run.'], originals: [quote], notices: [] });
    expect(w.fake?.callCount).toBe(calls + 1);
  });
});

describe('a digest answer cut off by the token limit', () => {
  it('GIVEN a shared answer cut after the first summary THEN the finished one is kept, the cut one is offline with a notice, AND the cut answer is not cached', async () => {
    const w = await world();
    w.fake?.script(reply.cut(`{"${ENGLISH_ID}": "The council approved the budget.", "${GERMAN_ID}": "Der Stadtrat hat am`));
    const first = await w.service.digestSummaries([ENGLISH_ID, GERMAN_ID], { length: 'short' });
    expect(first.items[0]).toMatchObject({ paragraphs: ['The council approved the budget.'], model: 'openai/fake-model' });
    expect(first.items[1]?.model).toBe('offline/extractive');
    expect(allVerbatim(first.items[1]?.paragraphs ?? [], GERMAN_PARAGRAPHS)).toBe(true);
    expect(first.fallbacks).toEqual([{ id: GERMAN_ID, reason: 'cut' }]);
    expect(first.notices.map((n) => n.code)).toEqual(['llm_incomplete']);
    expect(w.fake?.callCount).toBe(1);
    // The finished summary was filed as that article's own; the cut one is asked for again.
    w.fake?.script('Der Stadtrat hat den Haushalt beschlossen.');
    const again = await w.service.digestSummaries([ENGLISH_ID, GERMAN_ID], { length: 'short' });
    expect(again.items.map((item) => item.paragraphs)).toEqual([['The council approved the budget.'], ['Der Stadtrat hat den Haushalt beschlossen.']]);
    expect(w.fake?.callCount).toBe(2);
  });
});
