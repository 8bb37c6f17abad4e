import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostedMessage } from '../fakes/fake-discord.js';
import { answerText } from '../digests/bot-harness.js';
import { startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import { closeTestServers } from './fetch/helpers.js';
import { aTestSite, type TestSite } from './feed-store/site.js';

const FERRY = 'Harbour ferry gets a new electric engine';
let herald: HeraldInProcess;
let site: TestSite;

beforeAll(async () => {
  site = await aTestSite();
  site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml') });
  site.routes.set('/page.html', { body: '<html><body><p>Just a page</p></body></html>', type: 'text/html' });
  herald = await startHeraldInProcess({ offline: true, env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
});
afterAll(async () => {
  await herald.stop();
  await closeTestServers();
});
afterEach(async () => {
  for (const record of herald.herald.feeds.store.list(herald.discord.guild.id)) await herald.herald.feeds.store.remove(herald.discord.guild.id, record.url);
});

function isEphemeral(message: PostedMessage | undefined): boolean {
  return ((message?.message.flags ?? 0) & 64) === 64;
}

async function asAdmin(command: string, options: Record<string, string>, locale = 'en-US') {
  const interaction = herald.discord.sendCommand(command, options, { userId: herald.discord.people.admin.id, locale });
  await herald.done(interaction.id);
  const messages = herald.messagesOf(interaction.id);
  return { text: answerText(messages), ephemeral: messages.every(isEphemeral) };
}

describe('/feed', () => {
  it('GIVEN /feed add with a feed THEN its articles appear in /articles of this guild, /feed list shows it, /feed remove drops them', async () => {
    const added = await asAdmin('feed add', { url: site.url('/rss.xml') });
    expect(added.text).toContain('Added the feed **Harbour Times** with 2 articles');
    expect(added.ephemeral).toBe(true);
    expect(herald.articles.in(herald.discord.guild.id).list().map((article) => article.headline)).toContain(FERRY);
    expect(herald.articles.list().map((article) => article.headline)).not.toContain(FERRY);

    const listing = await asAdmin('articles', { query: 'ferry' });
    expect(listing.text).toContain(FERRY);

    const list = await asAdmin('feed list', {});
    expect(list.text).toContain('Harbour Times');
    expect(list.text).toMatch(/Last read <t:\d+:R> · 2 articles/);

    const typed = herald.discord.sendAutocomplete('feed remove', { feed: 'harb' }, 'feed', { userId: herald.discord.people.admin.id });
    const record = await herald.discord.waitForInteraction(typed.id);
    const choices = (record.callbacks[0]?.data?.choices ?? []) as { name: string; value: string }[];
    expect(choices).toEqual([{ name: `Harbour Times · ${site.url('/rss.xml')}`, value: site.url('/rss.xml') }]);

    const removed = await asAdmin('feed remove', { feed: choices[0]?.value ?? '' });
    expect(removed.text).toContain('Removed the feed **Harbour Times**');
    expect(herald.articles.in(herald.discord.guild.id).list().map((article) => article.headline)).not.toContain(FERRY);
  });

  it('GIVEN a page, a missing address, a URL that is not http or a feed already added THEN a polite ephemeral refusal and nothing stored', async () => {
    expect(await asAdmin('feed add', { url: site.url('/page.html') })).toMatchObject({ ephemeral: true, text: expect.stringContaining('is not an RSS, Atom or JSON feed') as unknown });
    expect((await asAdmin('feed add', { url: site.url('/gone.xml') })).text).toContain('was not found');
    expect((await asAdmin('feed add', { url: 'ftp://files.example/rss' })).text).toContain('is not a web address');
    expect((await asAdmin('feed add', { url: site.url('/page.html') }, 'de')).text).toContain('ist kein RSS-, Atom- oder JSON-Feed');
    expect(herald.herald.feeds.store.list(herald.discord.guild.id)).toEqual([]);
    await asAdmin('feed add', { url: site.url('/rss.xml') });
    expect((await asAdmin('feed add', { url: site.url('/rss.xml') })).text).toContain('already reads');
    expect((await asAdmin('feed remove', { feed: 'nothing like it' })).text).toContain('no feed “nothing like it”');
  });

  it('GIVEN a feed that stops answering THEN /feed list says so in plain words and keeps its articles', async () => {
    await asAdmin('feed add', { url: site.url('/rss.xml') });
    const [record] = herald.herald.feeds.store.list(herald.discord.guild.id);
    if (!record) throw new Error('feed missing');
    site.routes.delete('/rss.xml');
    try {
      await herald.herald.feeds.poller.pollDue();
      const list = await asAdmin('feed list', {});
      expect(list.text).toContain('Last attempt failed: the feed was not found (404)');
      expect(list.text).toContain('2 articles');
    } finally {
      site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml') });
    }
  });

  it('GIVEN /help THEN /feed is explained with an example', async () => {
    const interaction = herald.discord.sendCommand('help', {});
    await herald.done(interaction.id);
    expect(answerText(herald.messagesOf(interaction.id))).toContain('`/feed add url:https://example.org/rss.xml`');
  });

  it('GIVEN a member without Manage Server THEN refused', async () => {
    const interaction = herald.discord.sendCommand('feed list', {}, { userId: herald.discord.people.member.id });
    await herald.done(interaction.id);
    expect(answerText(herald.messagesOf(interaction.id))).toContain('Manage Server');
  });
});
