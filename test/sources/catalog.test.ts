import { afterEach, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../src/articles/store.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { ArticleCatalog } from '../../src/sources/catalog.js';
import { articleChoices } from '../../src/discord/autocomplete.js';
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

describe('ArticleCatalog after one feed of several changes', () => {
  async function twoOperatorFeeds() {
    const { catalog, feeds } = await world();
    const second = await feeds.add('operator', 'https://second.example/rss', 0);
    await feeds.update(second, [item('second-example-tram-line-aaaa1111', 'Tram line reaches the airport', 'The new tram runs every ten minutes.', 4_000)]);
    const operator = feeds.get('operator', 'https://news.example/rss');
    if (!operator) throw new Error('operator feed missing');
    return { catalog, feeds, operator };
  }

  it('GIVEN an item added and one dropped THEN list, search, autocomplete and resolve show the new one, the dropped one is gone everywhere, and other feeds and scopes keep theirs', async () => {
    const { catalog, feeds, operator } = await twoOperatorFeeds();
    const changes: string[] = [];
    catalog.onChange((change) => changes.push(`${change.type}:${change.id}`));
    await feeds.update(operator, [item('news-example-glacier-train-5e6f7a8b', 'Glacier train resumes service', 'The line reopened after repairs.', 6_000)]);

    const ids = (guildId: string | undefined) => catalog.in(guildId).list().map((article) => article.id);
    expect(ids(undefined)).toEqual(['ford', 'news-example-glacier-train-5e6f7a8b', 'second-example-tram-line-aaaa1111']);
    expect(ids(GUILD_A)).toEqual(['ford', 'news-example-glacier-train-5e6f7a8b', 'second-example-tram-line-aaaa1111', 'guild-example-zeppelin-field-9f8e7d6c']);
    expect(catalog.in(GUILD_A).search('glacier').map((match) => match.article.id)).toEqual(['news-example-glacier-train-5e6f7a8b']);
    expect(catalog.in(GUILD_A).search('ferry')).toEqual([]);
    expect(articleChoices(catalog.in(GUILD_A), 'glac').map((choice) => choice.value)).toEqual(['news-example-glacier-train-5e6f7a8b']);
    expect(articleChoices(catalog.in(GUILD_A), 'ferr')).toEqual([]);
    expect(articleChoices(catalog.in(GUILD_A), 'h').map((choice) => choice.value)).not.toContain('news-example-harbour-ferry-1a2b3c4d');
    expect(catalog.in(GUILD_A).resolve('glacier train').id).toBe('news-example-glacier-train-5e6f7a8b');
    expect(catalog.in(undefined).get('news-example-harbour-ferry-1a2b3c4d')).toBeUndefined();
    expect(() => catalog.in(undefined).resolve('harbour ferry')).toThrow(expect.objectContaining({ code: 'article_not_found' }));
    // The other feed of the scope and the guild's feed are as they were.
    expect(catalog.in(GUILD_A).resolve('tram airport').id).toBe('second-example-tram-line-aaaa1111');
    expect(catalog.in(GUILD_A).resolve('zeppelin').id).toBe('guild-example-zeppelin-field-9f8e7d6c');
    expect(changes.sort()).toEqual(['added:news-example-glacier-train-5e6f7a8b', 'removed:news-example-harbour-ferry-1a2b3c4d']);
  });

  it('GIVEN an item whose text changed THEN search finds the new words, not the old ones, and listeners hear one change', async () => {
    const { catalog, feeds, operator } = await twoOperatorFeeds();
    const changes: string[] = [];
    catalog.onChange((change) => changes.push(`${change.type}:${change.id}`));
    await feeds.update(operator, [item('news-example-harbour-ferry-1a2b3c4d', 'Harbour hovercraft gets solar panels', 'The hovercraft gets solar panels.', 5_000)]);
    expect(catalog.search('hovercraft').map((match) => match.article.id)).toEqual(['news-example-harbour-ferry-1a2b3c4d']);
    expect(catalog.search('electric')).toEqual([]);
    expect(catalog.get('news-example-harbour-ferry-1a2b3c4d')?.headline).toBe('Harbour hovercraft gets solar panels');
    expect(changes).toEqual(['changed:news-example-harbour-ferry-1a2b3c4d']);
  });

  it('GIVEN the same items stored again THEN nothing changes and listeners hear nothing', async () => {
    const { catalog, feeds, operator } = await twoOperatorFeeds();
    const changes: string[] = [];
    catalog.onChange((change) => changes.push(`${change.type}:${change.id}`));
    await feeds.update(operator, [...feeds.itemsOf(operator)]);
    expect(changes).toEqual([]);
    expect(catalog.search('ferry').map((match) => match.article.id)).toEqual(['news-example-harbour-ferry-1a2b3c4d']);
  });

  it('GIVEN a guild feed removed THEN the operator scope keeps its articles and the guild sees only seeds and operator feeds', async () => {
    const { catalog, feeds } = await twoOperatorFeeds();
    await feeds.remove(GUILD_A, 'https://guild.example/rss');
    expect(catalog.in(GUILD_A).list().map((article) => article.id)).toEqual(['ford', 'news-example-harbour-ferry-1a2b3c4d', 'second-example-tram-line-aaaa1111']);
    expect(() => catalog.in(GUILD_A).resolve('zeppelin')).toThrow(expect.objectContaining({ code: 'article_not_found' }));
  });
});

describe('ArticleCatalog with many feed articles', () => {
  it('GIVEN 20,000 feed articles THEN misspelled headline words and a misspelled id still get suggestions, and autocomplete finds by prefix', async () => {
    const { catalog, feeds } = await world();
    const record = await feeds.add('operator', 'https://bulk.example/rss', 0);
    const words = ['council', 'budget', 'harbour', 'school', 'market', 'station', 'museum', 'weather', 'festival', 'library'];
    const many = Array.from({ length: 20_000 }, (_, i) =>
      item(`bulk-example-${i}`, `${words[i % 10]} ${words[(i * 7) % 10]} report number${i}`, `Body of report ${i} about the ${words[(i * 3) % 10]}.`, 10_000 + i),
    );
    many.push(item('bulk-example-quarantine-ends', 'Quarantine ends for the zoo elephants', 'The elephants are back.', 1));
    await feeds.update(record, many);
    const suggestions = (ref: string) => {
      try {
        catalog.resolve(ref);
      } catch (error) {
        return (error as { params?: { suggestions?: string[] } }).params?.suggestions ?? [];
      }
      throw new Error(`${ref} resolved`);
    };
    expect(suggestions('quarantene elefants')).toContain('bulk-example-quarantine-ends');
    expect(suggestions('bulk-exmaple-quarantine-ends')).toContain('bulk-example-quarantine-ends');
    expect(suggestions('frod werk koln umbau')).toContain('ford');
    expect(articleChoices(catalog.in(undefined), 'quaran').map((choice) => choice.value)).toEqual(['bulk-example-quarantine-ends']);
    expect(articleChoices(catalog.in(undefined), 'number1999').map((choice) => choice.value)).toContain('bulk-example-1999');
  });
});
