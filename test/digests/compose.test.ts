import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { DigestComposer, datedDigest, selectArticles, shortHash, type ComposeMemo, type Digest } from '../../src/digests/compose.js';
import { digestEmbeds, digestMessages, packEmbeds } from '../../src/digests/discord-messages.js';
import { LIMITS } from '../../src/discord/split.js';
import { silentLogger } from '../../src/log.js';
import { aTempDir, RecordingModel, writeArticle, writeArticles } from './helpers.js';

function anArticle(id: string, overrides: Partial<Article> = {}): Article {
  return { id, headline: `Headline ${id}`, paragraphs: ['Text.'], hash: `${id}-hash-0000000000000000`, language: 'en', wordCount: 3, updatedAt: 0, ...overrides };
}

describe('selectArticles', () => {
  const articles = ['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1'].map((id) => anArticle(id));

  it('GIVEN no digest yet THEN the newest 5 are taken and all are remembered as seen', () => {
    const s = selectArticles(articles, undefined);
    expect(s.articles.map((a) => a.id)).toEqual(['a7', 'a6', 'a5', 'a4', 'a3']);
    expect(s.first).toBe(true);
    expect(Object.keys(s.snapshot)).toHaveLength(7);
  });

  it('GIVEN a previous digest THEN only added and changed articles are taken', () => {
    const seen = selectArticles(articles.slice(2), undefined).snapshot; // a5..a1 seen
    seen.a3 = 'old-hash';
    const s = selectArticles(articles, seen);
    expect(s.articles.map((a) => a.id)).toEqual(['a7', 'a6', 'a3']);
    expect(s.first).toBe(false);
  });

  it('GIVEN nothing added or changed THEN nothing is selected (and removed articles do not count)', () => {
    const seen = { ...selectArticles(articles, undefined).snapshot, gone: 'x' };
    expect(selectArticles(articles, seen).articles).toEqual([]);
  });

  it('GIVEN more changes than the limit THEN the newest are taken and the rest counted', () => {
    const s = selectArticles(articles, {}, { maxArticles: 3 });
    expect(s.articles.map((a) => a.id)).toEqual(['a7', 'a6', 'a5']);
    expect(s.more).toBe(4);
  });

  it('GIVEN the folder emptied and then refilled unchanged (a redeploy) THEN nothing counts as new, while an edited one does', () => {
    const seen = selectArticles(articles, undefined).snapshot;
    const empty = selectArticles([], seen);
    expect(empty.articles).toEqual([]);
    const refilled = selectArticles([anArticle('a2', { hash: 'a2-edited-0000000000000' }), ...articles.filter((a) => a.id !== 'a2')], empty.snapshot);
    expect(refilled.articles.map((a) => a.id)).toEqual(['a2']);
  });

  it('GIVEN an article hash THEN the snapshot keeps its first 16 characters', () => {
    expect(selectArticles([anArticle('x')], undefined).snapshot.x).toBe(shortHash('x-hash-0000000000000000'));
  });
});

function aDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    key: 'k',
    language: 'en',
    length: 'short',
    items: [{ articleId: 'a1', headline: 'Headline', summary: ['One.', 'Two.'], language: 'en' }],
    more: 0,
    model: 'fake/model',
    notices: [],
    date: 'Thursday, 15 January 2026',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

describe('digest messages', () => {
  it('GIVEN a digest THEN a dated header comes first and each article has headline, summary and its id', () => {
    const embeds = digestEmbeds(aDigest());
    expect(embeds[0]?.title).toContain('Thursday, 15 January 2026');
    expect(embeds[1]).toMatchObject({ title: 'Headline', description: 'One.\n\nTwo.' });
    expect(embeds[1]?.footer?.text).toContain('a1');
  });

  it('GIVEN 30 articles with long summaries THEN every message is within Discord limits and nothing is lost', () => {
    const long = 'A sentence that goes on for a while to fill the embed. '.repeat(60);
    const items = Array.from({ length: 30 }, (_, i) => ({ articleId: `a${i}`, headline: `H${i} ${'x'.repeat(300)}`, summary: [long, long], language: 'en' }));
    const bodies = digestMessages(aDigest({ items }), 'seed');
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) {
      const embeds = body.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
      expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
      for (const e of embeds) {
        expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      }
    }
    const shown = bodies.flatMap((b) => b.embeds ?? []).map((e) => e.description ?? '').join(' ').replace(/\s+/g, ' ');
    expect(shown.split('A sentence').length - 1).toBe(30 * 2 * 60);
    expect(bodies.flatMap((b) => b.embeds ?? []).filter((e) => e.footer?.text.startsWith('a')).length).toBe(30);
  });

  it('GIVEN notices THEN the header shows them in the digest’s language, in the catalog’s words, without set-up hints', () => {
    const notices = [
      { code: 'language_fallback' as const, message: 'No language model is configured, so this summary is in English. Set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.' },
      { code: 'llm_fallback' as const, message: 'The language model is not available right now, so this summary was made offline.' },
    ];
    const german = digestEmbeds(aDigest({ language: 'de', notices }))[0]?.description ?? '';
    expect(german).toContain('Es ist kein Sprachmodell eingerichtet');
    expect(german).toContain('Das Sprachmodell ist gerade nicht erreichbar');
    const english = digestEmbeds(aDigest({ language: 'en', notices }))[0]?.description ?? '';
    expect(english).toContain('No language model is configured');
    for (const text of [german, english]) expect(text).not.toMatch(/OPENAI|Ollama/);
  });

  it('GIVEN article text with @everyone THEN every body forbids mentions', () => {
    const bodies = digestMessages(aDigest({ items: [{ articleId: 'a', headline: '@everyone look', summary: ['<@123> @here'], language: 'en' }] }), 's');
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN the same seed THEN nonces are equal, ≤ 25 chars, and differ per message and per slot', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ articleId: `a${i}`, headline: `H${i}`, summary: ['x'], language: 'en' }));
    const a = digestMessages(aDigest({ items }), 'sub|2026-01-15T08:00');
    const b = digestMessages(aDigest({ items }), 'sub|2026-01-15T08:00');
    const c = digestMessages(aDigest({ items }), 'sub|2026-01-16T08:00');
    expect(a.map((m) => m.nonce)).toEqual(b.map((m) => m.nonce));
    expect(new Set(a.map((m) => m.nonce)).size).toBe(a.length);
    expect(a[0]?.nonce).not.toBe(c[0]?.nonce);
    for (const m of a) {
      expect(String(m.nonce).length).toBeLessThanOrEqual(25);
      expect(m.enforce_nonce).toBe(true);
    }
  });

  it('GIVEN 11 small embeds THEN they are packed as 10 + 1', () => {
    expect(packEmbeds(Array.from({ length: 11 }, () => ({ title: 't' }))).map((m) => m.length)).toEqual([10, 1]);
  });
});

describe('DigestComposer', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function aComposer(count = 4) {
    const { dir, cleanup } = await aTempDir();
    cleanups.push(cleanup);
    await writeArticles(dir, count);
    const articles = await ArticleStore.open({ dir, watch: false });
    cleanups.push(() => articles.close());
    const model = new RecordingModel();
    const briefing = new BriefingService({ articles, model, cache: new ResultCache(createKeyv('memory://', { namespace: 'c', logger: silentLogger }), silentLogger), logger: silentLogger });
    return { dir, articles, model, composer: new DigestComposer({ briefing, logger: silentLogger }) };
  }

  it('GIVEN 100 subscriptions of one group composing at once THEN one composition and one generation for all its articles', async () => {
    const { articles, model, composer } = await aComposer(4);
    const memo: ComposeMemo = new Map();
    const selection = selectArticles(articles.list(), undefined);
    const results = await Promise.all(Array.from({ length: 100 }, () => composer.compose(selection, 'fr', 'short', memo)));
    expect(new Set(results).size).toBe(1);
    expect(composer.stats.compositions).toBe(1);
    expect(model.calls).toHaveLength(1);
    expect(results[0]?.items.map((i) => i.articleId)).toEqual(['a04', 'a03', 'a02', 'a01']);
  });

  it('GIVEN three languages and two lengths THEN six compositions and six generations, and a later run reuses the cached ones', async () => {
    const { articles, model, composer } = await aComposer(2);
    const selection = selectArticles(articles.list(), undefined);
    const groups = ['en', 'de', 'fr'].flatMap((language) => (['short', 'long'] as const).map((length) => ({ language, length })));
    const memo: ComposeMemo = new Map();
    await Promise.all(groups.flatMap((g) => [1, 2, 3].map(() => composer.compose(selection, g.language, g.length, memo))));
    expect(composer.stats.compositions).toBe(6);
    const generations = model.calls.length;
    expect(generations).toBe(6);
    // next run: a new memo, same articles → compositions again, but the briefing cache answers
    await composer.compose(selection, 'de', 'short', new Map());
    expect(model.calls.length).toBe(generations);
  });

  it('GIVEN an article changes THEN only it is summarized again', async () => {
    const { dir, articles, model, composer } = await aComposer(3);
    const first = selectArticles(articles.list(), undefined);
    await composer.compose(first, 'en', 'short', new Map());
    const before = model.calls.length;
    await writeArticle(dir, 'a02', 'Headline number 2 about the city', ['A new paragraph that changes the article completely.'], Date.UTC(2026, 0, 2));
    await articles.refresh();
    const next = selectArticles(articles.list(), first.snapshot);
    expect(next.articles.map((a) => a.id)).toEqual(['a02']);
    await composer.compose(next, 'en', 'short', new Map());
    expect(model.calls.length).toBe(before + 1);
  });

  it('GIVEN a date header THEN it is in the subscription’s zone and language', async () => {
    const { articles, composer } = await aComposer(1);
    const content = await composer.compose(selectArticles(articles.list(), undefined), 'de', 'short');
    const digest = datedDigest(content, 'Europe/Berlin', new Date('2026-03-28T23:30:00Z'));
    expect(digest.date).toBe('Sonntag, 29. März 2026');
  });
});
