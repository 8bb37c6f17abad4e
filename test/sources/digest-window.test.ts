import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { DIGEST_NEWS_WINDOW_MS, selectArticles, shortHash } from '../../src/digests/compose.js';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const HOUR = 3_600_000;

function anArticle(id: string, published?: number): Article {
  return {
    id,
    headline: id,
    paragraphs: ['Text.'],
    hash: `${id}-hash`,
    language: 'en',
    wordCount: 2,
    updatedAt: published ?? NOW,
    ...(published === undefined ? {} : { source: { url: `https://news.example/${id}`, published } }),
  };
}

describe('digest selection of fetched articles', () => {
  it('GIVEN a feed backlog THEN only items published in the last 48 hours are news, first digest or later; seeds are never filtered', () => {
    const articles = [anArticle('fresh', NOW - HOUR), anArticle('seed'), anArticle('edge', NOW - DIGEST_NEWS_WINDOW_MS), anArticle('old', NOW - DIGEST_NEWS_WINDOW_MS - 1)];
    expect(selectArticles(articles, undefined, {}, NOW).articles.map((article) => article.id)).toEqual(['fresh', 'seed', 'edge']);
    const later = selectArticles(articles, {}, {}, NOW);
    expect(later.articles.map((article) => article.id)).toEqual(['fresh', 'seed', 'edge']);
    // The old item is remembered as seen, so it never comes up later either.
    expect(later.snapshot.old).toBe(shortHash('old-hash'));
  });
});
