import { afterEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { createFetcher } from '../../src/sources/fetch/index.js';
import { FeedStore } from '../../src/sources/feed-store/store.js';
import { FeedPoller, syncOperatorFeeds } from '../../src/sources/poller.js';
import { HERALD_USER_AGENT } from '../../src/sources/user-agent.js';
import { closeTestServers } from './fetch/helpers.js';
import { aTestSite } from './feed-store/site.js';

afterEach(closeTestServers);

async function setUp() {
  const site = await aTestSite();
  site.routes.set('/a.xml', { body: site.fixture('site/news-full.xml') });
  site.routes.set('/b.xml', { body: site.fixture('site/news-teaser.xml') });
  const store = await FeedStore.open(createKeyv('memory://', { namespace: 'feeds', logger: silentLogger }), silentLogger);
  let now = 10_000;
  const poller = new FeedPoller({
    store,
    fetcher: createFetcher({ allowPrivateNetworks: true, userAgent: HERALD_USER_AGENT }),
    intervalMs: 60_000,
    logger: silentLogger,
    now: () => now,
  });
  return { site, store, poller, setNow: (at: number) => (now = at) };
}

describe('FeedPoller', () => {
  it('GIVEN a feed backing off after a failure THEN it is skipped until its next attempt while the others are polled', async () => {
    const { site, store, poller, setNow } = await setUp();
    await syncOperatorFeeds(store, [site.url('/a.xml'), site.url('/b.xml')], 0);
    const a = store.get('operator', site.url('/a.xml'));
    if (!a) throw new Error('feed missing');
    await store.update({ ...a, failures: 3, lastError: 'timeout', nextAttemptAt: 50_000 });

    await poller.pollDue();
    expect(site.server.seen.map((request) => request.path)).not.toContain('/a.xml');
    expect(site.server.seen.map((request) => request.path)).toContain('/b.xml');

    setNow(50_000);
    await poller.pollDue();
    expect(site.server.seen.map((request) => request.path)).toContain('/a.xml');
    expect(store.get('operator', site.url('/a.xml'))).toMatchObject({ failures: 0, itemCount: 2 });
    expect(store.get('operator', site.url('/a.xml'))?.lastError).toBeUndefined();
    await poller.stop();
  });

  it('GIVEN two calls while a poll runs THEN one poll', async () => {
    const { site, store, poller } = await setUp();
    await syncOperatorFeeds(store, [site.url('/a.xml')], 0);
    await Promise.all([poller.pollDue(), poller.pollDue()]);
    expect(site.server.seen.filter((request) => request.path === '/a.xml')).toHaveLength(1);
  });
});

describe('syncOperatorFeeds', () => {
  it('GIVEN FEEDS changed between starts THEN new URLs are added, dropped ones removed, guild feeds untouched', async () => {
    const store = await FeedStore.open(createKeyv('memory://', { namespace: 'feeds', logger: silentLogger }), silentLogger);
    await syncOperatorFeeds(store, ['https://a.example/rss', 'https://b.example/rss'], 0);
    await store.add('123456789012345678', 'https://a.example/rss', 0);
    await syncOperatorFeeds(store, ['https://b.example/rss', 'https://c.example/rss'], 1);
    expect(store.list('operator').map((record) => record.url)).toEqual(['https://b.example/rss', 'https://c.example/rss']);
    expect(store.list('123456789012345678')).toHaveLength(1);
  });
});
