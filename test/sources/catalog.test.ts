import { afterEach, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../src/articles/store.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { ArticleCatalog } from '../../src/sources/catalog.js';
import { FeedStore } from '../../src/sources/feed-store/store.js';
import type { StoredItem } from '../../src/sources/feed-store/types.js';
import { aTempDir } from '../support/temp-dir.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const GUILD_A = '111111111111111111';
const GUILD_B = '222222222222222222';
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function item(id: string, headline: string, body: string, published = 1_000): StoredItem {
  return { id, headline, paragraphs: [body], feedHash: id, url: `https://news.example/${id}?a=1`, site: 'News Example', published, firstSeen: published };
}

async function world() {
  const dir = await aTempDir('herald-catalog-');
  await writeFile(path.join(dir.dir, 'ford.txt'), 'Ford baut Werk in Köln um\n\nDer Autobauer stellt die Fertigung um.');
  const seeds = await ArticleStore.open({ dir: dir.dir, watch: false });
  const feeds = await FeedStore.open(createKeyv('memory://', { namespace: 'feeds', logger: silentLogger }), silentLogger);
  const catalog = new ArticleCatalog(seeds, feeds, silentLogger);
  closers.push(() => catalog.close());
  const operator = await feeds.add('operator', 'https://news.example/rss', 0);
  await feeds.update(operator, [item('news-example-harbour-ferry-1a2b3c4d', 'Harbour ferry goes electric', 'The ferry gets a new electric engine.', 5_000)]);
  const guild = await feeds.add(GUILD_A, 'https://guild.example/rss', 0);
  await feeds.update(guild, [item('guild-example-zeppelin-field-9f8e7d6c', 'Zeppelin lands on the football field', 'A zeppelin made an emergency landing.', 3_000)]);
  return { catalog, feeds };
}

describe('ArticleCatalog', () => {
  it('GIVEN seeds, an operator feed and a guild feed THEN DMs see seeds and operator articles, the guild also its own, another guild not', async () => {
    const { catalog } = await world();
    const ids = (guildId: string | undefined) => catalog.in(guildId).list().map((article) => article.id);
    // Newest first: the seed file was written just now, the feed items are dated long ago.
    expect(ids(undefined)).toEqual(['ford', 'news-example-harbour-ferry-1a2b3c4d']);
    expect(ids(GUILD_A)).toEqual(['ford', 'news-example-harbour-ferry-1a2b3c4d', 'guild-example-zeppelin-field-9f8e7d6c']);
    expect(ids(GUILD_B)).toEqual(ids(undefined));
    expect(catalog.list().map((article) => article.id)).toEqual(ids(undefined));
  });

  it('GIVEN headline words THEN search and resolve find feed articles, a guild\'s only in that guild', async () => {
    const { catalog } = await world();
    expect(catalog.in(GUILD_B).search('ferry').map((match) => match.article.id)).toEqual(['news-example-harbour-ferry-1a2b3c4d']);
    expect(catalog.in(GUILD_A).resolve('zeppelin').source).toEqual({ url: 'https://news.example/guild-example-zeppelin-field-9f8e7d6c?a=1', site: 'News Example', published: 3_000 });
    expect(() => catalog.in(GUILD_B).resolve('zeppelin')).toThrow(expect.objectContaining({ code: 'article_not_found' }));
    expect(catalog.in(GUILD_A).resolve('ford').id).toBe('ford');
    expect(catalog.in(GUILD_A).get('NEWS-EXAMPLE-HARBOUR-FERRY-1A2B3C4D')?.headline).toBe('Harbour ferry goes electric');
  });

  it('GIVEN a feed removed or its items replaced THEN its articles go and listeners hear it', async () => {
    const { catalog, feeds } = await world();
    const changes: string[] = [];
    catalog.onChange((change) => changes.push(`${change.type}:${change.id}`));
    await feeds.remove(GUILD_A, 'https://guild.example/rss');
    expect(catalog.in(GUILD_A).list().map((article) => article.id)).toEqual(['ford', 'news-example-harbour-ferry-1a2b3c4d']);
    const operator = feeds.get('operator', 'https://news.example/rss');
    if (!operator) throw new Error('operator feed missing');
    await feeds.update(operator, [item('news-example-harbour-ferry-1a2b3c4d', 'Harbour ferry goes electric', 'Now from May.', 5_000)]);
    expect(changes).toEqual(['removed:guild-example-zeppelin-field-9f8e7d6c', 'changed:news-example-harbour-ferry-1a2b3c4d']);
  });
});
