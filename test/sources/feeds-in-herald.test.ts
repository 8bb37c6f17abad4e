import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOutcome } from '../../src/console/render-text.js';
import { digestEmbeds } from '../../src/discord/digest/messages.js';
import { executeRequest } from '../../src/requests/execute.js';
import { embedsOf, shownText, startHeraldInProcess } from '../support/herald-in-process.js';
import { aTempDir } from '../support/temp-dir.js';
import { useSourceHeralds } from './heralds.js';
import { aTestSite, type TestSite } from './feed-store/site.js';

const FERRY = 'Harbour ferry gets a new electric engine';
const { consoleHerald, closeNow, keep } = useSourceHeralds();

async function aFeedSite(): Promise<TestSite> {
  const site = await aTestSite();
  site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml'), etag: '"v1"' });
  return site;
}

describe('operator FEEDS in the console', () => {
  it('GIVEN FEEDS on a local server and ALLOW_PRIVATE_NETWORKS=true THEN the feed is read before answering and its article is summarized by headline words', async () => {
    const site = await aFeedSite();
    const herald = await consoleHerald({ FEEDS: site.url('/rss.xml'), ALLOW_PRIVATE_NETWORKS: 'true' });
    expect(herald.articles.list().map((article) => article.headline)).toContain(FERRY);
    const outcome = await executeRequest({ kind: 'summarize', article: 'harbour ferry engine', length: 'short' }, herald, { userId: 'console' });
    expect(outcome).toMatchObject({ kind: 'briefing', result: { article: { headline: FERRY } } });
    // The link as the feed gave it, without its utm_ parameters.
    expect(renderOutcome(outcome).split('\n')).toContain(`Source: ${site.url('/2026/ferry-engine.html?id=7')} (Harbour Times)`);
    // Seeds are still there beside the feed.
    const seed = herald.articles.list().find((article) => article.source === undefined);
    expect(seed && herald.articles.resolve(seed.id)).toBe(seed);
  });

  it('GIVEN ALLOW_PRIVATE_NETWORKS left false THEN a feed on 127.0.0.1 is never requested and its error is recorded', async () => {
    const site = await aFeedSite();
    const herald = await consoleHerald({ FEEDS: site.url('/rss.xml') });
    expect(site.server.seen).toHaveLength(0);
    expect(herald.articles.list().map((article) => article.headline)).not.toContain(FERRY);
    expect(herald.feeds.store.list()).toEqual([expect.objectContaining({ url: site.url('/rss.xml'), scope: 'operator', lastError: 'private_address' })]);
  });

  it('GIVEN a restart on the same SQLite store THEN feed articles are there before the feed answers, and the ETag is sent back', async () => {
    const site = await aFeedSite();
    const data = await aTempDir('herald-feeds-store-');
    const env = { FEEDS: site.url('/rss.xml'), ALLOW_PRIVATE_NETWORKS: 'true', STORE_URL: `sqlite://${path.join(data.dir, 'herald.sqlite')}` };
    const first = await consoleHerald(env);
    const ids = first.articles.list().map((article) => article.id);
    await closeNow(first);
    site.routes.set('/rss.xml', { body: 'down for maintenance', status: 503, type: 'text/plain', etag: '"v1"' });
    const second = await consoleHerald(env);
    expect(site.server.seen.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(second.articles.list().map((article) => article.id)).toEqual(ids);
  });

  it('GIVEN a feed taken out of FEEDS THEN its articles go at the next start', async () => {
    const site = await aFeedSite();
    const data = await aTempDir('herald-feeds-store-');
    const store = `sqlite://${path.join(data.dir, 'herald.sqlite')}`;
    const first = await consoleHerald({ FEEDS: site.url('/rss.xml'), ALLOW_PRIVATE_NETWORKS: 'true', STORE_URL: store });
    await closeNow(first);
    const second = await consoleHerald({ STORE_URL: store });
    expect(second.articles.list().map((article) => article.headline)).not.toContain(FERRY);
    expect(second.feeds.store.list()).toEqual([]);
  });
});

describe('operator FEEDS in the bot', () => {
  it('GIVEN FEEDS THEN the poller reads it and its articles show in /articles and in autocomplete', async () => {
    const site = await aFeedSite();
    const herald = await startHeraldInProcess({ offline: true, env: { FEEDS: site.url('/rss.xml'), ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
    keep(herald);
    await herald.herald.feeds.poller.pollDue();

    const listing = herald.discord.sendCommand('articles', { query: 'ferry' });
    await herald.done(listing.id);
    expect(shownText(herald.messagesOf(listing.id))).toContain(FERRY);

    const typed = herald.discord.sendAutocomplete('summarize', { article: 'harbour fer' }, 'article');
    const record = await herald.discord.waitForInteraction(typed.id);
    const choices = (record.callbacks[0]?.data?.choices ?? []) as { name: string; value: string }[];
    expect(choices[0]?.name).toBe(FERRY);
    expect(choices[0]?.value).toMatch(/^127-0-0-1-harbour-ferry-gets-a-new-electric-engine-[0-9a-f]{8}$/);

    const summary = herald.discord.sendCommand('summarize', { article: choices[0]?.value ?? '' });
    await herald.done(summary.id);
    const [embed] = embedsOf(herald.messagesOf(summary.id));
    expect(embed?.title).toBe(FERRY);
    expect(embed?.url).toBe(site.url('/2026/ferry-engine.html?id=7'));
    expect(embedsOf(herald.messagesOf(summary.id)).at(-1)?.footer?.text).toMatch(/^Harbour Times · 127-0-0-1-harbour-ferry/);
  });
});

describe('a guild\'s own feed', () => {
  it('GIVEN a feed stored for one guild THEN that guild\'s articles, answers and digest have it, another guild\'s do not', async () => {
    const site = await aFeedSite();
    // A day after the ferry story: inside the digest's 48-hour window, the fish market story (2 days older) is not.
    const herald = await startHeraldInProcess({ offline: true, seeds: {}, clock: () => new Date('2026-12-06T08:00:00Z'), env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
    keep(herald);
    const guildId = herald.discord.guild.id;
    await herald.herald.feeds.store.add(guildId, site.url('/rss.xml'), Date.now());
    await herald.herald.feeds.poller.pollDue();

    expect(herald.articles.in(guildId).list().map((article) => article.headline)).toContain(FERRY);
    expect(herald.articles.list()).toEqual([]);
    const summary = await herald.briefing.summarize('harbour ferry', { length: 'short' }, { guildId });
    expect(summary.article.headline).toBe(FERRY);
    await expect(herald.briefing.summarize('harbour ferry', { length: 'short' }, { userId: 'dm-user' })).rejects.toMatchObject({ code: 'article_not_found' });

    const preview = await herald.digests.preview(guildId, { language: 'en', length: 'short' });
    expect(preview.digest?.items.map((item) => item.headline)).toEqual([FERRY]);
    expect(preview.digest?.items[0]).toMatchObject({ url: site.url('/2026/ferry-engine.html?id=7'), site: 'Harbour Times' });
    if (!preview.digest) throw new Error('no digest');
    const embeds = digestEmbeds(preview.digest);
    expect(embeds.find((embed) => embed.title === FERRY)?.url).toBe(site.url('/2026/ferry-engine.html?id=7'));
    expect(embeds.at(-1)?.footer?.text).toMatch(/^Harbour Times · 127-0-0-1-harbour-ferry/);
    expect((await herald.digests.preview('999999999999999999', { language: 'en', length: 'short' })).digest).toBeUndefined();
  });
});

