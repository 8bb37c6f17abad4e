import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { DigestComposer, datedDigest, selectArticles, shortHash, type ComposeMemo } from '../../src/digests/compose.js';
import { silentLogger } from '../../src/log.js';
import { RecordingModel, writeArticle, writeArticles } from './helpers.js';
import { aTempDir } from '../support/temp-dir.js';

function anArticle(id: string, overrides: Partial<Article> = {}): Article {
  return { id, headline: `Headline ${id}`, paragraphs: ['Text.'], hash: `${id}-hash-0000000000000000`, language: 'en', wordCount: 3, updatedAt: 0, ...overrides };
}

describe('selectArticles', () => {
  const articles = ['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1'].map((id) => anArticle(id));

  it('GIVEN no digest yet THEN every recent article is a candidate for at most 5 stories, and all are remembered as seen', () => {
    const s = selectArticles(articles, undefined);
    // The limit counts stories, not articles: three sites on one event must not crowd out four other stories.
    expect(s.articles.map((a) => a.id)).toEqual(['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
    expect(s.maxStories).toBe(5);
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
