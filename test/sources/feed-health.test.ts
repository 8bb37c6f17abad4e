/**
 * Feed health: a guild feed failing for 24 hours is told once in the guild's digest channels, and
 * once more when it recovers; never on every poll, not again after a restart. Operator feeds (no
 * guild to tell) are only logged.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeDiscord, PostedMessage } from '../fakes/fake-discord.js';
import { answerText } from '../digests/bot-harness.js';
import { aRecordingLogger } from '../support/logger.js';
import { startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import { aTempDir } from '../support/temp-dir.js';
import { closeTestServers } from './fetch/helpers.js';
import { aTestSite, type TestSite } from './feed-store/site.js';

const HOUR = 3_600_000;
/** A feed title written to be markup: it must show as written, link nowhere and ping no one. */
const HOSTILE_TITLE = '**Harbour** @everyone [Times](https://evil.example/)';

const started: HeraldInProcess[] = [];
afterEach(async () => {
  for (const herald of started.splice(0).reverse()) await herald.stop();
  await closeTestServers();
});

/** A settable clock shared by every Herald of a test (a restart keeps the time going). */
function aClock(start = Date.parse('2026-12-06T08:00:00Z')) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

async function aFeedSite(): Promise<TestSite> {
  const site = await aTestSite();
  site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml').replace('<title>Harbour Times</title>', `<title>${HOSTILE_TITLE.replace(/&/g, '&amp;')}</title>`) });
  return site;
}

async function aHerald(clock: ReturnType<typeof aClock>, options: { storeUrl?: string; reuseDiscord?: FakeDiscord; env?: Record<string, string>; logger?: ReturnType<typeof aRecordingLogger>['logger'] } = {}) {
  const herald = await startHeraldInProcess({
    offline: true,
    clock: clock.now,
    ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}),
    ...(options.reuseDiscord ? { reuseDiscord: options.reuseDiscord } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60', ...options.env },
  });
  started.push(herald);
  return herald;
}

async function addFeed(herald: HeraldInProcess, url: string): Promise<void> {
  const interaction = herald.discord.sendCommand('feed add', { url }, { userId: herald.discord.people.admin.id });
  await herald.done(interaction.id);
  expect(answerText(herald.messagesOf(interaction.id))).toContain('Added the feed');
}

async function subscribe(herald: HeraldInProcess, channel: string, language = 'en'): Promise<string> {
  const channelId = herald.discord.channel(channel).id;
  await herald.digests.subscribe({ guildId: herald.discord.guild.id, channelId, time: '08:00', timezone: 'UTC', language, length: 'short', createdBy: 'admin' });
  return channelId;
}

/** What Herald posted in a channel outside of interactions (the health notices). */
function notices(discord: FakeDiscord, channelId: string): PostedMessage[] {
  return discord.channelMessages(channelId).filter((posted) => posted.via === 'channel');
}

describe('feed health notices', () => {
  it('GIVEN a guild feed down for 24 h THEN one plain notice per digest channel (none where Herald may not post), not repeated each poll; WHEN it recovers THEN one recovery notice', async () => {
    const clock = aClock();
    const site = await aFeedSite();
    const recording = aRecordingLogger();
    const herald = await aHerald(clock, { logger: recording.logger });
    const general = await subscribe(herald, 'general');
    const announcements = await subscribe(herald, 'announcements', 'de');
    const readOnly = await subscribe(herald, 'read-only');
    // Two digests in one channel: still one notice there.
    await herald.digests.subscribe({ guildId: herald.discord.guild.id, channelId: general, time: '18:00', timezone: 'UTC', language: 'en', length: 'short', createdBy: 'admin' });
    await addFeed(herald, site.url('/rss.xml'));
    const poll = () => herald.herald.feeds.poller.pollDue();

    site.routes.delete('/rss.xml');
    clock.advance(HOUR);
    await poll();
    // One millisecond short of a day failing: nothing yet.
    clock.advance(24 * HOUR - 1);
    await poll();
    expect(notices(herald.discord, general)).toHaveLength(0);

    // The next poll after the backoff: a day and then some.
    clock.advance(HOUR);
    await poll();
    const [down] = notices(herald.discord, general);
    expect(notices(herald.discord, general)).toHaveLength(1);
    expect(down?.message.content).toContain('has failed for 24 hours');
    expect(down?.message.content).toContain('the feed was not found (404)');
    // The feed's title shows as written, escaped: no bold, no link, no ping.
    expect(down?.message.content).toContain('\\*\\*Harbour\\*\\* @everyone \\[Times](https\\://evil.example/)');
    const sent = herald.discord.requestsTo('POST /channels/:channelId/messages').find((request) => request.path.includes(general));
    expect(sent?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(notices(herald.discord, announcements)[0]?.message.content).toContain('seit 24 Stunden');
    expect(notices(herald.discord, readOnly)).toHaveLength(0);
    expect(recording.warnings().some((line) => line.channel === readOnly)).toBe(true);

    for (let i = 0; i < 3; i++) {
      clock.advance(7 * HOUR);
      await poll();
    }
    expect(notices(herald.discord, general)).toHaveLength(1);

    site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml') });
    clock.advance(7 * HOUR);
    await poll();
    await poll();
    clock.advance(HOUR);
    await poll();
    const posted = notices(herald.discord, general);
    expect(posted).toHaveLength(2);
    expect(posted[1]?.message.content).toContain('works again');
    expect(notices(herald.discord, announcements)[1]?.message.content).toContain('funktioniert wieder');
    expect(herald.discord.pings()).toEqual([]);
  });

  it('GIVEN a restart between the failure notice and the recovery THEN no second failure notice, and the recovery is told once', async () => {
    const clock = aClock();
    const site = await aFeedSite();
    const data = await aTempDir('herald-feed-health-');
    const storeUrl = `sqlite://${path.join(data.dir, 'herald.sqlite')}`;
    const first = await aHerald(clock, { storeUrl });
    const general = await subscribe(first, 'general');
    await addFeed(first, site.url('/rss.xml'));
    site.routes.delete('/rss.xml');
    clock.advance(HOUR);
    await first.herald.feeds.poller.pollDue();
    clock.advance(25 * HOUR);
    await first.herald.feeds.poller.pollDue();
    expect(notices(first.discord, general)).toHaveLength(1);
    const discord = first.discord;
    started.splice(started.indexOf(first), 1);
    await first.bot.stop();
    await first.herald.close();

    const second = await aHerald(clock, { storeUrl, reuseDiscord: discord });
    clock.advance(7 * HOUR);
    await second.herald.feeds.poller.pollDue();
    expect(notices(discord, general)).toHaveLength(1);

    site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml') });
    clock.advance(7 * HOUR);
    await second.herald.feeds.poller.pollDue();
    clock.advance(HOUR);
    await second.herald.feeds.poller.pollDue();
    expect(notices(discord, general).map((posted) => posted.message.content)).toEqual([expect.stringContaining('has failed'), expect.stringContaining('works again')]);
    await discord.close();
  });

  it('GIVEN a feed whose 24 h pass while Herald is down THEN it is told once after the restart, also when the start-up poll ran before Discord was connected', async () => {
    const clock = aClock();
    const site = await aFeedSite();
    const data = await aTempDir('herald-feed-health-');
    const storeUrl = `sqlite://${path.join(data.dir, 'herald.sqlite')}`;
    const first = await aHerald(clock, { storeUrl });
    const general = await subscribe(first, 'general');
    await addFeed(first, site.url('/rss.xml'));
    site.routes.delete('/rss.xml');
    clock.advance(HOUR);
    await first.herald.feeds.poller.pollDue();
    const discord = first.discord;
    started.splice(started.indexOf(first), 1);
    await first.bot.stop();
    await first.herald.close();

    clock.advance(30 * HOUR);
    const second = await aHerald(clock, { storeUrl, reuseDiscord: discord });
    // The start-up poll may end before or after the client connects: either way the notice comes
    // exactly once, at the start-up poll or at the next one, never lost for want of a connection.
    await second.herald.feeds.poller.pollDue();
    clock.advance(7 * HOUR);
    await second.herald.feeds.poller.pollDue();
    expect(notices(discord, general).map((posted) => posted.message.content)).toEqual([expect.stringMatching(/has failed for (30|37) hours/)]);
    await second.stop();
    started.splice(started.indexOf(second), 1);
    await discord.close();
  });

  it('GIVEN a feed that failed for a while and came back before 24 h THEN nothing is told', async () => {
    const clock = aClock();
    const site = await aFeedSite();
    const herald = await aHerald(clock);
    const general = await subscribe(herald, 'general');
    await addFeed(herald, site.url('/rss.xml'));
    site.routes.delete('/rss.xml');
    clock.advance(HOUR);
    await herald.herald.feeds.poller.pollDue();
    site.routes.set('/rss.xml', { body: site.fixture('site/news-full.xml') });
    clock.advance(20 * HOUR);
    await herald.herald.feeds.poller.pollDue();
    expect(notices(herald.discord, general)).toHaveLength(0);
  });

  it('GIVEN an operator feed (FEEDS) down for 24 h THEN it is logged once and no guild is told', async () => {
    const clock = aClock();
    const site = await aFeedSite();
    const recording = aRecordingLogger();
    site.routes.delete('/rss.xml');
    const herald = await aHerald(clock, { logger: recording.logger, env: { FEEDS: site.url('/rss.xml') } });
    const general = await subscribe(herald, 'general');
    await herald.herald.feeds.poller.pollDue();
    for (let i = 0; i < 5; i++) {
      clock.advance(7 * HOUR);
      await herald.herald.feeds.poller.pollDue();
    }
    expect(recording.lines.filter((line) => line.msg.includes('has failed for 24 hours'))).toHaveLength(1);
    expect(notices(herald.discord, general)).toHaveLength(0);
  });

  it('GIVEN /feed list on a failing feed THEN it says since when, in plain words (en and de)', async () => {
    const clock = aClock();
    const site = await aFeedSite();
    const herald = await aHerald(clock);
    await addFeed(herald, site.url('/rss.xml'));
    site.routes.delete('/rss.xml');
    clock.advance(HOUR);
    await herald.herald.feeds.poller.pollDue();
    const since = Math.floor(clock.now().getTime() / 1000);
    for (const [locale, words] of [['en-US', `Failing since <t:${since}:R>`], ['de', `Fehler seit <t:${since}:R>`]] as const) {
      const interaction = herald.discord.sendCommand('feed list', {}, { userId: herald.discord.people.admin.id, locale });
      await herald.done(interaction.id);
      expect(answerText(herald.messagesOf(interaction.id))).toContain(words);
    }
  });
});
