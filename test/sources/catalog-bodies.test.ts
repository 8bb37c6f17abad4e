import { afterEach, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../src/articles/store.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { ArticleCatalog } from '../../src/sources/catalog.js';
import { FeedStore } from '../../src/sources/feed-store/store.js';
import type { StoredItem } from '../../src/sources/feed-store/types.js';
import { aTempDir } from '../support/temp-dir.js';

const GUILD = '111111111111111111';
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** An item whose body (not its headline) says the contract is worth something. */
function item(id: string, published: number): StoredItem {
  return { id, headline: `Bulletin ${id}`, paragraphs: [`The contract for ${id} is worth a great deal.`], feedHash: id, published, firstSeen: published };
}

async function catalogWith(bodiesInAll: number) {
  const dir = await aTempDir('herald-catalog-bodies-');
  const seeds = await ArticleStore.open({ dir: dir.dir, watch: false });
  const feeds = await FeedStore.open(createKeyv('memory://', { namespace: 'feeds', logger: silentLogger }), silentLogger);
  const catalog = new ArticleCatalog(seeds, feeds, silentLogger, { bodiesInAll });
  closers.push(() => catalog.close());
  return { catalog, feeds };
}

const bodyMatches = (catalog: ArticleCatalog, guildId?: string) =>
  catalog
    .bodiesIn(guildId)
    .match(['contract', 'worth'], 10)
    .map((article) => article.id)
    .sort();

describe('feed bodies kept for questions', () => {
  it('GIVEN a second scope gaining articles and later losing them THEN the scopes share the bodies kept, newest first, and the first gets its share back', async () => {
    const { catalog, feeds } = await catalogWith(4);
    const operator = await feeds.add('operator', 'https://news.example/rss', 0);
    await feeds.update(operator, [item('op-1', 3_000), item('op-2', 2_000), item('op-3', 1_000)]);
    expect(bodyMatches(catalog)).toEqual(['op-1', 'op-2', 'op-3']);

    const guild = await feeds.add(GUILD, 'https://guild.example/rss', 0);
    await feeds.update(guild, [item('g-1', 3_500), item('g-2', 2_500), item('g-3', 1_500)]);
    expect(bodyMatches(catalog)).toEqual(['op-1', 'op-2']);
    expect(bodyMatches(catalog, GUILD)).toEqual(['g-1', 'g-2', 'op-1', 'op-2']);
    expect(catalog.bodyKeyBytes()).toBeGreaterThan(0);

    await feeds.remove(GUILD, 'https://guild.example/rss');
    expect(bodyMatches(catalog, GUILD)).toEqual(['op-1', 'op-2', 'op-3']);
  });

  it('GIVEN feeds already stored at start-up THEN their bodies are there before any poll, shared between the scopes', async () => {
    const { feeds } = await catalogWith(4);
    const operator = await feeds.add('operator', 'https://news.example/rss', 0);
    await feeds.update(operator, [item('op-1', 3_000), item('op-2', 2_000), item('op-3', 1_000)]);
    const guild = await feeds.add(GUILD, 'https://guild.example/rss', 0);
    await feeds.update(guild, [item('g-1', 3_500)]);
    const dir = await aTempDir('herald-catalog-bodies-');
    const restarted = new ArticleCatalog(await ArticleStore.open({ dir: dir.dir, watch: false }), feeds, silentLogger, { bodiesInAll: 4 });
    closers.push(() => restarted.close());
    expect(bodyMatches(restarted, GUILD)).toEqual(['g-1', 'op-1', 'op-2']);
    expect(bodyMatches(restarted, '222222222222222222')).toEqual(['op-1', 'op-2']);
  });
});
