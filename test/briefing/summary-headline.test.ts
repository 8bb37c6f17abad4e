/**
 * A summary asked in another language than the article's is titled in that language too: the
 * model returns the translated headline with the summary; when it leaves it out, a small second
 * call translates it. Offline the original headline stays (the language notice explains).
 */
import { describe, expect, it } from 'vitest';
import type { ScopedArticles } from '../../src/articles/lookup.js';
import type { Article } from '../../src/articles/types.js';
import { BriefingService } from '../../src/briefing/service.js';
import { silentLogger } from '../../src/log.js';
import type { FakeRequest } from '../fakes/fake-openai.js';
import { reply } from '../fakes/fake-openai.js';
import { aPrefixTranslator, useWorlds, ENGLISH_HEADLINE, ENGLISH_ID, ENGLISH_PARAGRAPHS, GERMAN_HEADLINE, GERMAN_ID } from './helpers.js';

const world = useWorlds();

const asksForHeadline = (request: FakeRequest | undefined) => /<headline>the headline in /.test(request?.text ?? '');
const TAGGED = '<headline>City council passes the budget</headline>\n\nThe council passed the budget.\n\nCritics find it too expensive.';

describe('a model summary in another language', () => {
  it('GIVEN /summarize of the German article in English THEN one call returns summary and English headline, the result is titled with it, and a repeat is cached with it', async () => {
    const w = await world();
    w.fake?.setDefault(TAGGED);
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' });
    expect(result).toMatchObject({
      language: 'en',
      headline: 'City council passes the budget',
      article: { headline: GERMAN_HEADLINE },
      paragraphs: ['The council passed the budget.', 'Critics find it too expensive.'],
      model: 'openai/fake-model',
      notices: [],
    });
    expect(w.fake?.callCount).toBe(1);
    expect(asksForHeadline(w.fake?.completions[0])).toBe(true);
    expect(w.fake?.completions[0]?.text).toContain(GERMAN_HEADLINE);
    const again = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'English' });
    expect(again).toMatchObject({ cached: true, headline: 'City council passes the budget', paragraphs: result.paragraphs });
    expect(w.fake?.callCount).toBe(1);
  });

  it('GIVEN the model leaves the headline out THEN a second call translates it, counted once against the user, and both are cached', async () => {
    let admitted = 0;
    const w = await world({ admit: () => void (admitted += 1) });
    w.fake?.script('The council passed the budget.', aPrefixTranslator('[en]'));
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' }, { userId: 'u1' });
    expect(result.headline).toBe(`[en] ${GERMAN_HEADLINE}`);
    expect(result.paragraphs).toEqual(['The council passed the budget.']);
    expect(w.fake?.callCount).toBe(2);
    expect(w.fake?.completions[1]?.text).toContain(GERMAN_HEADLINE);
    expect(admitted).toBe(1);
    const again = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' }, { userId: 'u1' });
    expect(again).toMatchObject({ cached: true, headline: `[en] ${GERMAN_HEADLINE}` });
    expect(w.fake?.callCount).toBe(2);
  });

  it('GIVEN the headline translation fails THEN the summary still arrives, titled with the original headline', async () => {
    const w = await world();
    w.fake?.script('The council passed the budget.', reply.error(500));
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' });
    expect(result.model).toBe('openai/fake-model');
    expect(result.paragraphs).toEqual(['The council passed the budget.']);
    expect(result.headline).toBeUndefined();
  });

  it('GIVEN a progress listener THEN the headline block never shows in the streamed text', async () => {
    const w = await world();
    w.fake?.setDefault(reply.text(TAGGED, { chunks: ['<head', 'line>City council ', 'passes the budget</head', 'line>\n\nThe council ', 'passed the budget.\n\nCritics find it too expensive.'] }));
    const partials: string[] = [];
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' }, undefined, { onPartial: (text) => partials.push(text) });
    expect(result.headline).toBe('City council passes the budget');
    expect(partials.length).toBeGreaterThan(1);
    for (const partial of partials) expect(partial).not.toMatch(/<|headline|City council passes/);
    expect(partials.at(-1)).toBe('The council passed the budget.\n\nCritics find it too expensive.');
  });

  it('GIVEN an article too long for one call THEN only the final call asks for the headline', async () => {
    const longParagraph = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} of the long paragraph explains one more detail of the budget.`).join(' ');
    const w = await world({ contextTokens: 700 });
    await w.editArticle(ENGLISH_ID, ENGLISH_HEADLINE, [...ENGLISH_PARAGRAPHS, longParagraph, longParagraph]);
    w.fake?.setDefault((request) => (asksForHeadline(request) ? '<headline>Le conseil adopte le budget</headline>\n\nLe conseil a voté.' : 'A partial summary.'));
    const result = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'fr' });
    expect(w.fake?.callCount).toBeGreaterThan(1);
    expect((w.fake?.completions ?? []).map(asksForHeadline)).toEqual([...Array<boolean>((w.fake?.callCount ?? 1) - 1).fill(false), true]);
    expect(result).toMatchObject({ headline: 'Le conseil adopte le budget', paragraphs: ['Le conseil a voté.'] });
  });

  it('GIVEN the article\'s own language THEN no headline is asked for and the result has none', async () => {
    const w = await world();
    w.fake?.setDefault('The council passed the budget.');
    const result = await w.service.summarize(ENGLISH_ID, { length: 'short', language: 'en' });
    expect(asksForHeadline(w.fake?.completions[0])).toBe(false);
    expect(result.headline).toBeUndefined();
    expect(w.fake?.callCount).toBe(1);
  });

  it('GIVEN message text (no headline) in another language THEN no headline is asked for', async () => {
    const w = await world();
    w.fake?.setDefault('The council passed the budget.');
    const result = await w.service.summarizeText('Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Kritiker finden ihn zu teuer.', { length: 'short', language: 'en' });
    expect(asksForHeadline(w.fake?.completions[0])).toBe(false);
    expect(result.headline).toBeUndefined();
    expect(w.fake?.callCount).toBe(1);
  });

  it('GIVEN no model THEN the original headline stays and the language-fallback notice says why', async () => {
    const w = await world({ withModel: false });
    const result = await w.service.summarize(GERMAN_ID, { length: 'short', language: 'en' });
    expect(result.headline).toBeUndefined();
    expect(result.article.headline).toBe(GERMAN_HEADLINE);
    expect(result.notices.map((n) => n.code)).toEqual(['language_fallback']);
  });
});

/** The world's articles, each handed out with a language getter that logs its reads into `events`. */
function articlesLoggingLanguageReads(articles: ScopedArticles, events: string[]): ScopedArticles {
  const watched = (article: Article): Article => ({
    ...article,
    get language() {
      events.push('language read');
      return article.language;
    },
  });
  return {
    in: (guildId) => {
      const lookup = articles.in(guildId);
      return { ...lookup, get: (id) => lookup.get(id), list: () => lookup.list(), search: (text, limit) => lookup.search(text, limit), resolve: (ref) => watched(lookup.resolve(ref)) };
    },
  };
}

describe('a summary that names its language and needs the model', () => {
  it('GIVEN a new article THEN "thinking…" is asked for before the article language is detected (1–2 ms of tinyld a burst of requests would wait on), and the answer is still titled in the asked language', async () => {
    const w = await world();
    w.fake?.setDefault(TAGGED);
    const events: string[] = [];
    const service = new BriefingService({ articles: articlesLoggingLanguageReads(w.articles, events), model: w.model!, cache: w.cache, logger: silentLogger });
    const result = await service.summarize(GERMAN_ID, { length: 'short', language: 'en' }, undefined, {
      onModelCall: () => {
        events.push('model call announced');
      },
    });
    expect(events[0]).toBe('model call announced');
    expect(result).toMatchObject({ language: 'en', headline: 'City council passes the budget', paragraphs: ['The council passed the budget.', 'Critics find it too expensive.'] });
  });
});

