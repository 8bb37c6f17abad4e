/**
 * Feeds over several processes: each feed is fetched by one process per interval (the claim), and
 * the others read what it fetched from the shared store before their own poll.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { createCoordination } from '../../src/scale/coordination.js';
import { createFetcher } from '../../src/sources/fetch/index.js';
import { FeedStore } from '../../src/sources/feed-store/store.js';
import type { FeedRecord } from '../../src/sources/feed-store/types.js';
import { FeedPoller, syncOperatorFeeds } from '../../src/sources/poller.js';
import { HERALD_USER_AGENT } from '../../src/sources/user-agent.js';
import { closeTestServers } from '../sources/fetch/helpers.js';
import { aTestSite } from '../sources/feed-store/site.js';
import { startRedisServerOrSkip, type RedisServer } from '../fakes/redis-server.js';

const redis: RedisServer | undefined = await startRedisServerOrSkip('feed claims on Redis');
afterEach(closeTestServers);
afterAll(async () => {
  await redis?.stop();
});

describe('feeds shared by several processes', () => {
  it('GIVEN a process whose claim is refused THEN it fetches nothing and shows what the fetching process stored', async () => {
    const site = await aTestSite();
    site.routes.set('/a.xml', { body: site.fixture('site/news-full.xml') });
    const keyv = createKeyv('memory://', { namespace: 'feeds', logger: silentLogger });
    const fetching = await FeedStore.open(keyv, silentLogger);
    const reading = await FeedStore.open(keyv, silentLogger);
    await syncOperatorFeeds(fetching, [site.url('/a.xml')], 0);
    const fetcher = createFetcher({ allowPrivateNetworks: true, userAgent: HERALD_USER_AGENT });
    const claimed: FeedRecord[] = [];
    const poller = (store: FeedStore, mine: boolean) =>
      new FeedPoller({ store, fetcher, intervalMs: 60_000, logger: silentLogger, claim: async (record) => (claimed.push(record), mine), beforePoll: () => store.reload() });

    await poller(reading, false).pollDue();
    expect(site.server.seen).toHaveLength(0);
    expect(claimed.map((record) => record.url)).toEqual([site.url('/a.xml')]);

    await poller(fetching, true).pollDue();
    expect(site.server.seen).toHaveLength(1);
    expect(reading.articles(['operator'])).toHaveLength(0);
    let told = 0;
    reading.onChange(() => (told += 1));
    await poller(reading, false).pollDue();
    expect(site.server.seen).toHaveLength(1);
    expect(reading.articles(['operator']).map((a) => a.headline)).toEqual(fetching.articles(['operator']).map((a) => a.headline));
    expect(reading.articles(['operator']).length).toBeGreaterThan(0);
    expect(told).toBe(1);

    // Removed through the other process: gone here after the next reload.
    await fetching.remove('operator', site.url('/a.xml'));
    await reading.reload();
    expect(reading.list()).toEqual([]);
  });

  it('GIVEN two processes adding feeds at the same moment (each writes the feed list without the other\'s) THEN both feeds survive their reloads and a new process loads both', async () => {
    const keyv = createKeyv('memory://', { namespace: 'feeds', logger: silentLogger });
    const first = await FeedStore.open(keyv, silentLogger);
    const second = await FeedStore.open(keyv, silentLogger);
    await Promise.all([first.add('operator', 'https://one.example/feed.xml', 1), second.add('guild:1', 'https://two.example/feed.xml', 2)]);
    await first.reload();
    await second.reload();
    const urls = (store: FeedStore) => store.list().map((record) => record.url).sort();
    expect(urls(first)).toEqual(['https://one.example/feed.xml', 'https://two.example/feed.xml']);
    expect(urls(second)).toEqual(['https://one.example/feed.xml', 'https://two.example/feed.xml']);
    expect(urls(await FeedStore.open(keyv, silentLogger))).toEqual(['https://one.example/feed.xml', 'https://two.example/feed.xml']);
  });

  it('GIVEN a feed removed by one process while another adds a feed (writing the list with the removed one still in it) THEN the removed feed stays removed everywhere', async () => {
    const keyv = createKeyv('memory://', { namespace: 'feeds', logger: silentLogger });
    const first = await FeedStore.open(keyv, silentLogger);
    await first.add('operator', 'https://gone.example/feed.xml', 1);
    const second = await FeedStore.open(keyv, silentLogger);
    await Promise.all([first.remove('operator', 'https://gone.example/feed.xml'), second.add('operator', 'https://new.example/feed.xml', 2)]);
    await second.reload();
    await first.reload();
    const urls = (store: FeedStore) => store.list().map((record) => record.url);
    expect(urls(second)).toEqual(['https://new.example/feed.xml']);
    expect(urls(first)).toEqual(['https://new.example/feed.xml']);
    expect(urls(await FeedStore.open(keyv, silentLogger))).toEqual(['https://new.example/feed.xml']);
  });

  it.skipIf(!redis)('GIVEN three processes on Redis (shards 0, 1 and 0 again) THEN each operator feed is claimed by one process of its shard per interval window', async () => {
    const server = redis as RedisServer;
    let now = 600_000;
    const aHost = (shard: number) => createCoordination({ storeUrl: server.url, seat: { ids: [shard], count: 2 }, logger: silentLogger, feedIntervalMs: 60_000, now: () => now });
    const hosts = [aHost(0), aHost(1), aHost(0)];
    try {
      const feeds = Array.from({ length: 8 }, (_, i) => ({ scope: 'operator', url: `https://site${i}.example/rss` }));
      for (let window = 0; window < 3; window++) {
        for (const feed of feeds) {
          const claims = await Promise.all(hosts.map((host) => host.claimFeed(feed)));
          expect(claims.filter(Boolean), `${feed.url} in window ${window}`).toHaveLength(1);
          const winner = claims.indexOf(true);
          expect(hosts[winner]?.ownership.ownsFeed(feed)).toBe(true);
        }
        now += 60_000;
      }
    } finally {
      await Promise.all(hosts.map((host) => host.close()));
    }
  });
});
