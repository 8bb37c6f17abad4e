import { describe, expect, it } from 'vitest';
import { feedArticleId, MAX_ARTICLE_ID, siteSlug } from '../../../src/sources/feed-store/article-id.js';
import { feedHashOf, mergeItems, planItems } from '../../../src/sources/feed-store/merge.js';
import type { StoredItem } from '../../../src/sources/feed-store/types.js';
import type { FeedItem } from '../../../src/sources/feeds/types.js';

const DAY = 24 * 3_600_000;

function item(overrides: Partial<FeedItem> = {}): FeedItem {
  return { headline: 'Ferry gets a new engine', body: ['The ferry runs electric from spring.'], isTeaser: false, ...overrides };
}

function stored(overrides: Partial<StoredItem> = {}): StoredItem {
  const base = item();
  return { id: 'harbour-ferry', feedHash: feedHashOf(base), headline: base.headline, paragraphs: base.body, firstSeen: 0, ...overrides };
}

describe('feedArticleId', () => {
  it('GIVEN a site and a headline THEN a readable slug with a short hash, the same every time', () => {
    const id = feedArticleId({ site: siteSlug('https://www.tagesschau.de/x'), headline: 'Ford führt E-Autos ein', identity: 'guid-1' });
    expect(id).toMatch(/^tagesschau-de-ford-fuhrt-e-autos-ein-[0-9a-f]{8}$/);
    expect(feedArticleId({ site: 'tagesschau-de', headline: 'Ford führt E-Autos ein', identity: 'guid-1' })).toBe(id);
  });

  it('GIVEN two items with one headline THEN two ids', () => {
    const a = feedArticleId({ site: 'x', headline: 'Weather', identity: '1' });
    expect(feedArticleId({ site: 'x', headline: 'Weather', identity: '2' })).not.toBe(a);
  });

  it('GIVEN a very long headline or one without latin letters THEN at most 100 characters and never empty', () => {
    const long = feedArticleId({ site: siteSlug('https://a-very-long-subdomain.of-a-news-site.example.com/'), headline: 'word '.repeat(80), identity: 'x' });
    expect(long.length).toBeLessThanOrEqual(MAX_ARTICLE_ID);
    expect(long).not.toMatch(/--|-wor-/);
    expect(feedArticleId({ site: '', headline: '東京の天気', identity: 'y' })).toMatch(/^feed-[0-9a-f]{8}$/);
  });
});

describe('planItems', () => {
  it('GIVEN the same GUID with other text THEN changed; GIVEN the same text THEN same', () => {
    const existing = stored({ guid: 'g1' });
    expect(planItems([existing], [item({ guid: 'g1' })])[0]).toMatchObject({ status: 'same', existing });
    expect(planItems([existing], [item({ guid: 'g1', body: ['Updated: the ferry runs electric from May.'] })])[0]).toMatchObject({ status: 'changed', existing });
  });

  it('GIVEN no GUID THEN the URL without tracking parameters matches, then the headline+body hash', () => {
    const byUrl = stored({ url: 'https://x.example/a?id=7' });
    expect(planItems([byUrl], [item({ url: 'https://x.example/a?utm_source=rss&id=7#top', headline: 'New title' })])[0]?.status).toBe('changed');
    const byHash = stored();
    expect(planItems([byHash], [item()])[0]).toMatchObject({ status: 'same', existing: byHash });
  });

  it('GIVEN one item twice in a fetch THEN planned once', () => {
    const planned = planItems([], [item({ guid: 'g' }), item({ guid: 'g', body: ['other'] }), item({ guid: 'h', headline: 'Other' })]);
    expect(planned.map((entry) => entry.item.guid)).toEqual(['g', 'h']);
    expect(planned.every((entry) => entry.status === 'new')).toBe(true);
  });
});

describe('mergeItems', () => {
  it('GIVEN more than the limit THEN the newest stay; items first seen longer ago than the age limit go', () => {
    const now = 100 * DAY;
    const items = Array.from({ length: 5 }, (_, i) => stored({ id: `a${i}`, published: i * DAY, firstSeen: now - i * DAY }));
    const kept = mergeItems(items, [], now, { maxItems: 3, maxAgeMs: 30 * DAY });
    expect(kept.map((entry) => entry.id)).toEqual(['a4', 'a3', 'a2']);
    const aged = mergeItems([stored({ id: 'old', firstSeen: now - 31 * DAY, published: now }), stored({ id: 'new', firstSeen: now - DAY, published: 0 })], [], now, { maxItems: 500, maxAgeMs: 30 * DAY });
    // Age counts from first seen: an item published long ago but seen yesterday stays.
    expect(aged.map((entry) => entry.id)).toEqual(['new']);
  });

  it('GIVEN an update for a stored id THEN it replaces the stored item', () => {
    const merged = mergeItems([stored({ id: 'a', headline: 'old' })], [stored({ id: 'a', headline: 'new' })], 0, { maxItems: 10, maxAgeMs: DAY });
    expect(merged).toEqual([expect.objectContaining({ id: 'a', headline: 'new' })]);
  });
});
