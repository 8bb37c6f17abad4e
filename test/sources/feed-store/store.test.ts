import { describe, expect, it } from 'vitest';
import { createKeyv } from '../../../src/cache/keyv.js';
import { silentLogger } from '../../../src/log.js';
import { FeedStore } from '../../../src/sources/feed-store/store.js';
import type { StoredItem } from '../../../src/sources/feed-store/types.js';
import { aRecordingLogger } from '../../support/logger.js';

const URL = 'https://news.example/rss';

function item(n: number): StoredItem {
  return {
    id: `news-example-story-${n}`,
    guid: `g${n}`,
    url: `https://news.example/${n}`,
    feedHash: `hash-${n}`,
    headline: `Story ${n} about the harbour`,
    paragraphs: [`The harbour council met on day ${n}.`, 'It decided nothing, as usual, after a long debate about ferries and budgets.'],
    site: 'News Example',
    published: 1_000 + n,
    firstSeen: 2_000,
  };
}

const aKeyv = () => createKeyv('memory://', { namespace: 'feeds', logger: silentLogger });

describe('FeedStore persistence', () => {
  it('GIVEN a feed\'s items saved THEN a store opened again has the same items and articles, and keeps them compressed', async () => {
    const keyv = aKeyv();
    const store = await FeedStore.open(keyv, silentLogger);
    const record = await store.add('operator', URL, 0);
    const items = Array.from({ length: 200 }, (_, n) => item(n));
    await store.update(record, items);

    const again = await FeedStore.open(keyv, silentLogger);
    const saved = again.get('operator', URL);
    if (!saved) throw new Error('feed missing');
    expect(again.itemsOf(saved)).toEqual(items);
    expect(again.articles(['operator']).map((article) => article.headline)).toEqual(items.map((entry) => entry.headline));
    const raw: unknown = await keyv.get(`items:${FeedStore.keyOf('operator', URL)}`);
    expect(JSON.stringify(raw).length).toBeLessThan(JSON.stringify(items).length / 2);
  });

  it('GIVEN items an earlier Herald stored as a plain list THEN they are read', async () => {
    const keyv = aKeyv();
    const store = await FeedStore.open(keyv, silentLogger);
    await store.add('operator', URL, 0);
    await keyv.set(`items:${FeedStore.keyOf('operator', URL)}`, [item(1)], 0);
    const again = await FeedStore.open(keyv, silentLogger);
    expect(again.itemsOf({ scope: 'operator', url: URL })).toEqual([item(1)]);
  });

  it('GIVEN stored items that cannot be read THEN the feed starts without items and says so once', async () => {
    const keyv = aKeyv();
    const store = await FeedStore.open(keyv, silentLogger);
    await store.add('operator', URL, 0);
    await keyv.set(`items:${FeedStore.keyOf('operator', URL)}`, { gzip: 'bm90IGd6aXA=' }, 0);
    const { logger, warnings } = aRecordingLogger();
    const again = await FeedStore.open(keyv, logger);
    expect(again.itemsOf({ scope: 'operator', url: URL })).toEqual([]);
    expect(again.list().map((record) => record.url)).toEqual([URL]);
    expect(warnings()).toHaveLength(1);
  });

  it('GIVEN a feed removed right after an update THEN its items are not stored again by the update still being written', async () => {
    const keyv = aKeyv();
    const store = await FeedStore.open(keyv, silentLogger);
    const record = await store.add('operator', URL, 0);
    const writing = store.update(record, [item(1)]);
    await store.remove('operator', URL);
    await writing;
    expect(await keyv.get(`items:${FeedStore.keyOf('operator', URL)}`)).toBeUndefined();
    expect((await FeedStore.open(keyv, silentLogger)).list()).toEqual([]);
  });
});
