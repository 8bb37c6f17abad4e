import { afterEach, describe, expect, it } from 'vitest';
import { articleBody } from '../../../src/articles/types.js';
import { createKeyv } from '../../../src/cache/keyv.js';
import { silentLogger } from '../../../src/log.js';
import { createFetcher } from '../../../src/sources/fetch/index.js';
import { refreshFeed } from '../../../src/sources/feed-store/refresh.js';
import { FeedStore } from '../../../src/sources/feed-store/store.js';
import { HERALD_USER_AGENT } from '../../../src/sources/user-agent.js';
import { closeTestServers } from '../fetch/helpers.js';
import { fixture } from '../fixture.js';
import { aTestSite, type TestSite } from './site.js';

afterEach(closeTestServers);

const fetcher = createFetcher({ allowPrivateNetworks: true, userAgent: HERALD_USER_AGENT, timeoutMs: 5_000 });

async function setUp(feedPath: string, fixtureName: string, etag?: string) {
  const site = await aTestSite();
  site.routes.set(feedPath, { body: site.fixture(fixtureName), ...(etag ? { etag } : {}) });
  const keyv = createKeyv('memory://', { namespace: 'feeds', logger: silentLogger });
  const store = await FeedStore.open(keyv, silentLogger);
  const record = await store.add('operator', site.url(feedPath), 1_000);
  return { site, keyv, store, record };
}

function current(store: FeedStore, site: TestSite, path: string) {
  const record = store.get('operator', site.url(path));
  if (!record) throw new Error('feed missing');
  return record;
}

function byHeadline(store: FeedStore, start: string) {
  return store.articles(['operator']).find((article) => article.headline.startsWith(start));
}

describe('refreshFeed', () => {
  it('GIVEN a full-content feed THEN its items become articles citing their cleaned links, a repeated item once', async () => {
    const { site, store, record } = await setUp('/rss.xml', 'site/news-full.xml');
    expect(await refreshFeed({ fetcher, store, now: () => 5_000 }, record)).toEqual({ kind: 'updated', added: 2, changed: 0 });
    const articles = store.articles(['operator']);
    expect(articles.map((article) => article.headline)).toEqual(['Harbour ferry gets a new electric engine', 'Fish market moves to the old customs house']);
    const [ferry] = articles;
    expect(ferry?.id).toMatch(/^127-0-0-1-harbour-ferry-gets-a-new-electric-engine-[0-9a-f]{8}$/);
    expect(ferry?.source).toEqual({ url: site.url('/2026/ferry-engine.html?id=7'), site: 'Harbour Times', published: Date.parse('2026-12-05T08:00:00Z') });
    expect(articleBody(ferry ?? { paragraphs: [] })).toContain('new electric engine from spring');
    expect(ferry?.language).toBe('en');
    expect(current(store, site, '/rss.xml')).toMatchObject({ itemCount: 2, lastSuccess: 5_000, failures: 0, title: 'Harbour Times' });
    expect(site.server.seen[0]?.headers['user-agent']).toBe(HERALD_USER_AGENT);
  });

  it('GIVEN the feed unchanged since the last fetch THEN the ETag goes back, 304 keeps the articles', async () => {
    const { site, store, record } = await setUp('/rss.xml', 'site/news-full.xml', '"v1"');
    await refreshFeed({ fetcher, store }, record);
    const ids = store.articles(['operator']).map((article) => article.id);
    expect(await refreshFeed({ fetcher, store, now: () => 9_000 }, current(store, site, '/rss.xml'))).toEqual({ kind: 'not_modified' });
    expect(site.server.seen[1]?.headers['if-none-match']).toBe('"v1"');
    expect(store.articles(['operator']).map((article) => article.id)).toEqual(ids);
    expect(current(store, site, '/rss.xml').lastSuccess).toBe(9_000);
  });

  it('GIVEN an item whose text changed THEN same id, new hash; a restart keeps articles and validators', async () => {
    const { site, keyv, store, record } = await setUp('/rss.xml', 'site/news-full.xml', '"v1"');
    await refreshFeed({ fetcher, store }, record);
    const before = store.articles(['operator'])[0];
    site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml').replace('from spring', 'from May'), etag: '"v2"' });
    expect(await refreshFeed({ fetcher, store }, current(store, site, '/rss.xml'))).toMatchObject({ kind: 'updated', added: 0, changed: 1 });
    const after = store.articles(['operator'])[0];
    expect(after?.id).toBe(before?.id);
    expect(after?.hash).not.toBe(before?.hash);

    const reopened = await FeedStore.open(keyv, silentLogger);
    expect(reopened.articles(['operator']).map((article) => [article.id, article.hash])).toEqual(store.articles(['operator']).map((article) => [article.id, article.hash]));
    expect(reopened.get('operator', site.url('/rss.xml'))?.etag).toBe('"v2"');
  });

  it('GIVEN a teaser feed THEN the page text replaces the teaser; a paywalled page keeps the teaser', async () => {
    const { site, store, record } = await setUp('/teasers.xml', 'site/news-teaser.xml');
    site.routes.set('/lighthouse.html', { body: fixture('page-boilerplate.html'), type: 'text/html; charset=utf-8' });
    site.routes.set('/paywall.html', { body: fixture('page-paywall.html'), type: 'text/html; charset=utf-8' });
    await refreshFeed({ fetcher, store }, record);
    const lighthouse = byHeadline(store, 'Lighthouse');
    const paywall = byHeadline(store, 'Subscribers');
    expect(lighthouse?.paragraphs.length).toBeGreaterThan(1);
    expect(articleBody(lighthouse ?? { paragraphs: [] })).not.toMatch(/COOKIE-BANNER|NAV-News|Read more/);
    expect(lighthouse?.source?.site).toBe('Coastline Daily');
    expect(paywall?.paragraphs).toEqual(['What the new port budget means for the town, in detail.']);
  });

  it('GIVEN a teaser whose page fails for now THEN the teaser is kept and the page tried again on the next poll', async () => {
    const { site, store, record } = await setUp('/teasers.xml', 'site/news-teaser.xml');
    site.routes.set('/lighthouse.html', { body: 'busy', status: 503, type: 'text/plain' });
    await refreshFeed({ fetcher, store }, record);
    expect(byHeadline(store, 'Lighthouse')?.paragraphs).toEqual(['The keeper of the north lighthouse hands over the keys. Read more']);
    site.routes.set('/lighthouse.html', { body: fixture('page-boilerplate.html'), type: 'text/html; charset=utf-8' });
    await refreshFeed({ fetcher, store }, current(store, site, '/teasers.xml'));
    expect(byHeadline(store, 'Lighthouse')?.paragraphs.length).toBeGreaterThan(1);
  });

  it('GIVEN a feed that is gone or a page that is not a feed THEN the error is recorded with a backoff, articles kept', async () => {
    const { site, store, record } = await setUp('/rss.xml', 'site/news-full.xml');
    await refreshFeed({ fetcher, store, now: () => 1_000 }, record);
    site.routes.delete('/rss.xml');
    expect(await refreshFeed({ fetcher, store, now: () => 2_000, random: () => 0 }, current(store, site, '/rss.xml'))).toEqual({ kind: 'failed', error: 'not_found', refused: false });
    expect(current(store, site, '/rss.xml')).toMatchObject({ lastError: 'not_found', failures: 1, failingSince: 2_000, nextAttemptAt: 2_000 + 30_000, lastSuccess: 1_000 });
    site.routes.set('/rss.xml', { body: '<html><body>Hello</body></html>', type: 'text/html' });
    await refreshFeed({ fetcher, store, now: () => 3_000, random: () => 0 }, current(store, site, '/rss.xml'));
    expect(current(store, site, '/rss.xml')).toMatchObject({ lastError: 'not_a_feed', failures: 2, failingSince: 2_000 });
    expect(store.articles(['operator'])).toHaveLength(2);
  });

  it('GIVEN ALLOW_PRIVATE_NETWORKS=false THEN a feed on 127.0.0.1 is refused and never requested', async () => {
    const { site, store, record } = await setUp('/rss.xml', 'site/news-full.xml');
    const strict = createFetcher({ allowPrivateNetworks: false, userAgent: HERALD_USER_AGENT });
    expect(await refreshFeed({ fetcher: strict, store }, record)).toEqual({ kind: 'failed', error: 'private_address', refused: true });
    expect(site.server.seen).toHaveLength(0);
    expect(store.articles(['operator'])).toEqual([]);
  });
});
