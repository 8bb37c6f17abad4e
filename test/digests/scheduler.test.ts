import { afterEach, describe, expect, it, vi } from 'vitest';
import type { REST } from 'discord.js';
import { createDigestService, type DigestService } from '../../src/digests/service.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import { silentLogger } from '../../src/log.js';
import type { Subscription } from '../../src/digests/subscriptions.js';
import { channelPosts, manualTicker, postedEmbeds, startWorld, writeArticle, type DigestWorld, type WorldOptions } from './helpers.js';
import { aRecordingLogger } from '../support/logger.js';

const worlds: DigestWorld[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const world of worlds.splice(0)) await world.close();
});

async function aWorld(options: WorldOptions = {}): Promise<DigestWorld> {
  const world = await startWorld(options);
  worlds.push(world);
  return world;
}

async function subscribe(world: DigestWorld, overrides: Partial<Parameters<DigestService['subscribe']>[0]> = {}, service = world.service): Promise<Subscription> {
  return service.subscribe({
    guildId: world.discord.guild.id,
    channelId: world.discord.channel('general').id,
    time: '08:00',
    timezone: 'Europe/Berlin',
    language: 'en',
    length: 'short',
    createdBy: world.discord.people.admin.id,
    ...overrides,
  });
}

async function stored(world: DigestWorld, id: string, service = world.service): Promise<Subscription> {
  const found = (await service.list(world.discord.guild.id)).find((s) => s.subscription.id === id);
  if (!found) throw new Error(`subscription ${id} not listed`);
  return found.subscription;
}

const general = (world: DigestWorld) => world.discord.channel('general').id;
const postsTo = (world: DigestWorld, channelId: string) => world.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

describe('scheduled delivery', () => {
  it('GIVEN 08:00 Europe/Berlin THEN nothing before the slot, one digest at it, none again that day, and "nothing new" the next day', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', model: true });
    const sub = await subscribe(world);
    await world.service.start();
    world.clock.set('2026-01-15T06:59:00Z');
    expect((await world.service.tick()).due).toBe(0);
    expect(world.discord.channelMessages(general(world))).toHaveLength(0);

    world.clock.set('2026-01-15T07:00:00Z');
    const report = await world.service.tick();
    expect(report.outcomes.posted).toBe(1);
    const embeds = postedEmbeds(world.discord, general(world));
    expect(embeds[0]?.title).toContain('Thursday, January 15, 2026');
    expect(embeds.slice(1).map((e) => e.footer?.text.split(' ')[0])).toEqual(['a03', 'a02', 'a01']);
    expect(embeds[1]?.description).toContain('A short summary of Headline number 3');
    world.discord.assertNoViolations();
    expect(world.discord.pings()).toEqual([]);

    world.clock.set('2026-01-15T12:00:00Z');
    expect((await world.service.tick()).due).toBe(0);

    world.clock.set('2026-01-16T07:00:30Z');
    expect((await world.service.tick()).outcomes.nothing_new).toBe(1);
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);
    const [status] = await world.service.list(world.discord.guild.id);
    expect(status?.subscription.lastOutcome).toMatchObject({ status: 'nothing_new', slot: '2026-01-16T08:00' });
    expect(status?.nextRunAt).toEqual(new Date('2026-01-17T07:00:00Z'));
    expect(sub.id).toBe(status?.subscription.id);
  });

  it('GIVEN a new article after a digest THEN the next digest holds just that article', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z' });
    await subscribe(world);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    await world.service.tick();
    await writeArticle(world.seedsDir, 'fresh', 'A fresh headline', ['Something happened today in the city. People talked about it.'], Date.UTC(2026, 0, 15, 12));
    await world.articles.refresh();
    world.clock.set('2026-01-16T07:00:00Z');
    await world.service.tick();
    const messages = world.discord.channelMessages(general(world));
    expect(messages).toHaveLength(2);
    const second = (messages[1]?.message.embeds as { title?: string }[]).map((e) => e.title);
    expect(second.slice(1)).toEqual(['A fresh headline']);
    expect(second[0]).toContain('January 16, 2026');
  });

  it('GIVEN a subscription created after today’s time THEN it does not fire until tomorrow', async () => {
    const world = await aWorld({ now: '2026-01-15T07:30:00Z' });
    await subscribe(world);
    await world.service.start();
    expect(world.discord.channelMessages(general(world))).toHaveLength(0);
    world.clock.set('2026-01-16T07:00:00Z');
    expect((await world.service.tick()).outcomes.posted).toBe(1);
  });
});

describe('daylight saving', () => {
  it('GIVEN 02:30 Europe/Berlin on 2026-03-29 (does not exist) THEN it posts once at 03:00 CEST', async () => {
    const world = await aWorld({ now: '2026-03-28T12:00:00Z' });
    await subscribe(world, { time: '02:30' });
    await world.service.start();
    world.clock.set('2026-03-29T00:59:00Z');
    expect((await world.service.tick()).due).toBe(0);
    world.clock.set('2026-03-29T01:00:00Z'); // 03:00 CEST
    expect((await world.service.tick()).outcomes.posted).toBe(1);
    world.clock.set('2026-03-29T01:30:00Z');
    expect((await world.service.tick()).due).toBe(0);
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);
  });

  it('GIVEN 02:30 Europe/Berlin on 2026-10-25 (happens twice) THEN it posts once, at the first 02:30', async () => {
    const world = await aWorld({ now: '2026-10-24T12:00:00Z' });
    await subscribe(world, { time: '02:30' });
    await world.service.start();
    world.clock.set('2026-10-25T00:30:00Z'); // first 02:30 (CEST)
    expect((await world.service.tick()).outcomes.posted).toBe(1);
    await writeArticle(world.seedsDir, 'late', 'Late news', ['Breaking news arrived in the night. More details follow.'], Date.UTC(2026, 9, 25, 1));
    await world.articles.refresh();
    world.clock.set('2026-10-25T01:30:00Z'); // second 02:30 (CET)
    expect((await world.service.tick()).due).toBe(0);
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);
    world.clock.set('2026-10-26T01:30:00Z');
    expect((await world.service.tick()).outcomes.posted).toBe(1);
  });

  it('GIVEN 08:00 America/New_York across 2026-03-08 THEN it posts at 13:00 UTC, then 12:00 UTC', async () => {
    const world = await aWorld({ now: '2026-03-07T06:00:00Z' });
    const sub = await subscribe(world, { timezone: 'America/New_York' });
    await world.service.start();
    world.clock.set('2026-03-07T13:00:00Z');
    expect((await world.service.tick()).outcomes.posted).toBe(1);
    expect((await world.service.list(world.discord.guild.id))[0]?.nextRunAt).toEqual(new Date('2026-03-08T12:00:00Z'));
    world.clock.set('2026-03-08T11:59:00Z');
    expect((await world.service.tick()).due).toBe(0);
    world.clock.set('2026-03-08T12:00:00Z');
    expect((await world.service.tick()).outcomes.nothing_new).toBe(1);
    expect((await stored(world, sub.id)).lastSlot).toBe('2026-03-08T08:00');
  });

  it('GIVEN the real node-cron ticker under fake timers THEN Berlin 02:30 and New York 02:30 fire on their DST days, and skipped minutes print nothing', async () => {
    const world = await aWorld({ now: '2026-03-07T12:00:00Z', articles: 0 });
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-03-07T12:00:00Z'));
    const service = world.restart({ now: () => new Date(), ticker: undefined });
    const berlin = await subscribe(world, { time: '02:30' }, service);
    const newYork = await subscribe(world, { time: '02:30', timezone: 'America/New_York', channelId: world.discord.channel('announcements').id }, service);
    await service.start();
    // New York jumps 02:00 → 03:00 EST→EDT on 2026-03-08 at 07:00 UTC.
    await vi.advanceTimersByTimeAsync(Date.parse('2026-03-08T07:00:30Z') - Date.now());
    expect((await stored(world, newYork.id, service)).lastOutcome).toMatchObject({ slot: '2026-03-08T02:30', status: 'nothing_new', at: Date.parse('2026-03-08T07:00:00Z') });
    expect((await stored(world, berlin.id, service)).lastOutcome).toMatchObject({ slot: '2026-03-08T02:30', at: Date.parse('2026-03-08T01:30:00Z') });
    // Skip ahead three weeks without running every minute, then let the ticker run into Berlin's DST day.
    vi.setSystemTime(new Date('2026-03-29T00:50:00Z'));
    await vi.advanceTimersByTimeAsync(Date.parse('2026-03-29T01:00:30Z') - Date.now());
    expect((await stored(world, berlin.id, service)).lastOutcome).toMatchObject({ slot: '2026-03-29T02:30', at: Date.parse('2026-03-29T01:00:00Z') });
    await service.stop();
    // node-cron warns once per skipped minute unless someone listens: three weeks of them filled 7 MB of test output.
    expect(warnings).not.toHaveBeenCalled();
    warnings.mockRestore();
  });
});

describe('restarts', () => {
  it('GIVEN Herald was down at the slot and starts 90 min late THEN it catches up at start', async () => {
    const world = await aWorld({ now: '2026-01-14T12:00:00Z' });
    await subscribe(world);
    world.clock.set('2026-01-15T08:30:00Z'); // slot was 07:00 UTC
    const report = await world.restart().start();
    expect(report.outcomes.posted).toBe(1);
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);
  });

  it('GIVEN Herald starts 2 h 30 late THEN the slot is skipped with a log line, shown as missed, and tomorrow runs', async () => {
    const { logger, lines } = aRecordingLogger();
    const world = await aWorld({ now: '2026-01-14T12:00:00Z', logger });
    const sub = await subscribe(world);
    world.clock.set('2026-01-15T09:30:00Z');
    const service = world.restart();
    const report = await service.start();
    expect(report.outcomes.missed).toBe(1);
    expect(world.discord.channelMessages(general(world))).toHaveLength(0);
    expect(lines.some((l) => String(l.msg).includes('skipping a digest slot') && l.slot === '2026-01-15T08:00')).toBe(true);
    expect((await stored(world, sub.id, service)).lastOutcome).toMatchObject({ status: 'missed', slot: '2026-01-15T08:00', detailNote: { code: 'offline', params: { slot: '2026-01-15 08:00' } } });
    world.clock.set('2026-01-16T07:00:00Z');
    expect((await service.tick()).outcomes.posted).toBe(1);
  });

  it('GIVEN a crash after 1 of 3 messages THEN a restart posts only the other 2, and a further restart posts nothing', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', articles: 25, deps: { limits: { firstDigest: 25 } } });
    const sub = await subscribe(world);
    let posts = 0;
    let recordBeforeFirstPost: Subscription['delivery'];
    const dying = {
      post: async (...args: Parameters<REST['post']>) => {
        posts += 1;
        if (posts === 1) recordBeforeFirstPost = (await stored(world, sub.id)).delivery;
        // The process "dies" while the second message is on its way: it never arrives.
        if (posts === 2) return new Promise<never>(() => {});
        return world.rest.post(...args);
      },
    };
    world.clock.set('2026-01-15T07:00:00Z');
    // Not stopped on purpose: this instance is the process that died.
    const crashed = createDigestService({ store: world.store, articles: world.articles, briefing: world.briefing, channel: discordDigestChannel({ rest: dying }), logger: silentLogger, now: world.clock.now, ticker: manualTicker, limits: { firstDigest: 25 } });
    void crashed.start();
    await world.discord.waitFor(() => posts === 2, 'the second post');
    const record = (await stored(world, sub.id)).delivery;
    expect(recordBeforeFirstPost).toMatchObject({ slot: '2026-01-15T08:00', posted: [] });
    expect(recordBeforeFirstPost?.messages).toHaveLength(3);
    expect(record?.posted).toEqual([0]);
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);

    const restarted = world.restart();
    const report = await restarted.start();
    expect(report.outcomes.posted).toBe(1);
    const messages = world.discord.channelMessages(general(world));
    expect(messages).toHaveLength(3);
    const bodies = postsTo(world, general(world)).map((r) => r.body as { nonce: string; embeds: unknown[] });
    expect(bodies.map((b) => b.nonce)).toEqual(record?.messages?.map((m) => m.nonce));
    expect(new Set(bodies.map((b) => b.nonce)).size).toBe(3);
    expect(postedEmbeds(world.discord, general(world)).filter((e) => e.footer?.text.startsWith('a'))).toHaveLength(25);
    expect((await stored(world, sub.id)).lastOutcome).toMatchObject({ status: 'posted', messages: 3, articles: 25 });

    const again = await world.restart().start();
    expect(again.due).toBe(0);
    expect(world.discord.channelMessages(general(world))).toHaveLength(3);
  });
});

describe('shutdown', () => {
  it('GIVEN stop during a fan-out THEN deliveries halt between messages, and the next start posts the rest once', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', articles: 25, deps: { limits: { firstDigest: 25 } } });
    await subscribe(world);
    await subscribe(world, { channelId: world.discord.channel('announcements').id });
    world.discord.injectFault({ method: 'POST', path: '/messages' }, { kind: 'delay', ms: 150 }, Infinity);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    const ticking = world.service.tick();
    await world.discord.waitFor(() => world.discord.botMessages().length >= 1, 'a first message');
    await world.service.stop();
    await ticking;
    const afterStop = world.discord.botMessages().length;
    expect(afterStop).toBeLessThan(6);

    const report = await world.restart().start();
    expect(report.outcomes.posted).toBe(2);
    for (const channel of ['general', 'announcements']) {
      expect(channelPosts(world.discord, world.discord.channel(channel).id)).toHaveLength(3);
    }
  });

  it('GIVEN two runs over the same articles THEN all subscriptions share one stored snapshot', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z' });
    const a = await subscribe(world);
    const b = await subscribe(world, { channelId: world.discord.channel('announcements').id, language: 'de' });
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    await world.service.tick();
    const [sa, sb] = [await stored(world, a.id), await stored(world, b.id)];
    expect(sa.seenRef).toBeDefined();
    expect(sa.seenRef).toBe(sb.seenRef);
  });
});

describe('Discord failures', () => {
  it('GIVEN 429s (route and global) on the posts THEN discord.js waits them out and every message arrives once', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', articles: 25, deps: { limits: { firstDigest: 25 } } });
    await subscribe(world);
    await subscribe(world, { channelId: world.discord.channel('announcements').id });
    world.discord.injectFault({ method: 'POST', path: '/messages' }, { kind: 'rateLimit', retryAfterMs: 300 }, 3);
    world.discord.injectFault({ method: 'POST', path: '/messages' }, { kind: 'rateLimit', retryAfterMs: 200, global: true }, 2);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    const report = await world.service.tick();
    expect(report.outcomes.posted).toBe(2);
    expect(world.discord.requests.filter((r) => r.status === 429)).toHaveLength(5);
    for (const channel of ['general', 'announcements']) {
      const embeds = postedEmbeds(world.discord, world.discord.channel(channel).id);
      expect(embeds.filter((e) => e.footer?.text.startsWith('a'))).toHaveLength(25);
    }
  });

  it.each([
    [10003, /no longer exists/, 'channel_unknown'],
    [50001, /lost access/, 'channel_no_access'],
    [50013, /lacks a permission/, 'channel_no_embeds'],
  ])('GIVEN Discord error %i THEN the subscription pauses with the reason listed, stops trying, and a manual run resumes it', async (code, reason, note) => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z' });
    const sub = await subscribe(world);
    const fault = world.discord.failChannel(general(world), code);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    expect((await world.service.tick()).outcomes.paused).toBe(1);
    const [status] = await world.service.list(world.discord.guild.id);
    expect(status?.subscription.pausedReason).toMatch(reason);
    expect(status?.subscription.pausedNote).toEqual({ code: note });
    expect(status?.subscription.lastOutcome).toMatchObject({ status: 'paused', detailNote: { code: note } });
    expect(status?.nextRunAt).toBeUndefined();
    const attempts = postsTo(world, general(world)).length;
    world.clock.set('2026-01-16T07:00:00Z');
    expect((await world.service.tick()).due).toBe(0);
    expect(postsTo(world, general(world))).toHaveLength(attempts);

    world.discord.faults.remove(fault);
    const [result] = await world.service.runNow(world.discord.guild.id, sub.id);
    expect(result?.status).toBe('posted');
    expect((await stored(world, sub.id)).pausedReason).toBeUndefined();
    expect((await stored(world, sub.id)).pausedNote).toBeUndefined();
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);
  });

  it('GIVEN Discord answers 500 to every try THEN the outcome says retrying, it retries later, and posts once when Discord recovers', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z' });
    const sub = await subscribe(world);
    const fault = world.discord.injectFault({ method: 'POST', path: '/messages' }, { kind: 'serverError', status: 500 }, Infinity);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    expect((await world.service.tick()).outcomes.retrying).toBe(1);
    const failed = await stored(world, sub.id);
    expect(failed.lastOutcome).toMatchObject({ status: 'retrying' });
    expect(failed.lastOutcome?.detail).toMatch(/500/);
    expect(failed.lastOutcome?.detailNote?.code).toMatch(/^discord_(status|error)$/);
    expect(failed.lastOutcome?.detailNote?.params).toMatchObject({ status: 500 });
    expect(failed.delivery?.retryAt).toBe(Date.parse('2026-01-15T07:01:00Z'));
    world.clock.set('2026-01-15T07:00:30Z');
    expect((await world.service.tick()).due).toBe(0);

    world.discord.faults.remove(fault);
    world.clock.set('2026-01-15T07:01:00Z');
    expect((await world.service.tick()).outcomes.posted).toBe(1);
    expect(world.discord.channelMessages(general(world))).toHaveLength(1);
    expect((await stored(world, sub.id)).lastSlot).toBe('2026-01-15T08:00');
  });

  it('GIVEN a delivery failing for more than 12 h THEN it is given up as failed and the articles come again next time', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z' });
    const sub = await subscribe(world);
    const fault = world.discord.injectFault({ method: 'POST', path: '/messages' }, { kind: 'serverError', status: 503 }, Infinity);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    await world.service.tick();
    world.clock.set('2026-01-15T19:30:00Z');
    expect((await world.service.tick()).outcomes.failed).toBe(1);
    const gaveUp = (await stored(world, sub.id)).lastOutcome;
    expect(gaveUp).toMatchObject({ status: 'failed', detailNote: { code: 'gave_up' } });
    expect(gaveUp?.detailNote?.params?.attempts).toBeGreaterThan(0);
    world.discord.faults.remove(fault);
    world.clock.set('2026-01-16T07:00:00Z');
    expect((await world.service.tick()).outcomes.posted).toBe(1);
    expect(postedEmbeds(world.discord, general(world)).filter((e) => e.footer?.text.startsWith('a'))).toHaveLength(3);
  });
});

describe('fan-out and shards', () => {
  it('GIVEN 30 subscriptions in 3 languages THEN 3 compositions and one generation per language (group)', async () => {
    const channels = Array.from({ length: 10 }, (_, i) => ({ name: `news-${i}` }));
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', model: true, articles: 4, discord: { guilds: [{ channels }, { channels }, { channels }] } });
    const languages = ['en', 'German', 'fr'];
    for (let i = 0; i < 30; i++) {
      const guild = world.discord.guilds[i % 3];
      if (!guild) throw new Error('guild');
      const channel = guild.channels[Math.floor(i / 3)];
      await world.service.subscribe({ guildId: guild.id, channelId: channel?.id ?? '', time: i % 4 === 0 ? '8am' : '08:00', timezone: 'Europe/Berlin', language: languages[i % 3] ?? 'en', length: 'short', createdBy: 'u' });
    }
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    const report = await world.service.tick();
    expect(report.outcomes.posted).toBe(30);
    expect(world.service.stats.compositions).toBe(3);
    expect(world.model?.calls).toHaveLength(3);
    world.discord.assertNoViolations();
  });

  it('GIVEN a shard predicate THEN only its guilds’ digests are posted by this process', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', discord: { guilds: 2 } });
    const [mine, theirs] = world.discord.guilds;
    if (!mine || !theirs) throw new Error('guilds');
    for (const guild of [mine, theirs]) {
      await world.service.subscribe({ guildId: guild.id, channelId: guild.channels[0]?.id ?? '', time: '08:00', timezone: 'UTC', language: 'en', length: 'short', createdBy: 'u' });
    }
    const shard = world.restart({ ownsGuild: (id) => id === mine.id });
    world.clock.set('2026-01-15T08:00:00Z');
    const report = await shard.start();
    expect(report.outcomes.posted).toBe(1);
    expect(world.discord.channelMessages(mine.channels[0]?.id ?? '')).toHaveLength(1);
    expect(world.discord.channelMessages(theirs.channels[0]?.id ?? '')).toHaveLength(0);
  });
});

describe('faults around the scheduler', () => {
  it('GIVEN Discord refuses a digest body with a 400 THEN the subscription pauses with the reason instead of retrying for hours', async () => {
    const world = await aWorld({ now: '2026-01-15T06:00:00Z' });
    const sub = await subscribe(world);
    world.discord.injectFault({ method: 'POST', path: '/messages' }, { kind: 'discordError', code: 50035, status: 400, message: 'Invalid Form Body' }, Infinity);
    await world.service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    expect((await world.service.tick()).outcomes.paused).toBe(1);
    const paused = await stored(world, sub.id);
    expect(paused.pausedReason).toMatch(/HTTP 400, code 50035/);
    expect(paused.pausedNote).toEqual({ code: 'discord_refused', params: { status: 400, code: '50035' } });
    world.clock.set('2026-01-15T07:05:00Z');
    expect((await world.service.tick()).due).toBe(0);
  });

  it('GIVEN the digest store is unreachable at start-up THEN start resolves, warns once, and every minute tries to load again', async () => {
    const { logger, lines } = aRecordingLogger();
    const world = await aWorld({ now: '2026-01-15T06:00:00Z', logger });
    const ticks: (() => void)[] = [];
    // Port 1 on loopback: every connection is refused at once, as with a Redis that is down.
    const { createKeyv } = await import('../../src/cache/keyv.js');
    const deadStore = createKeyv('redis://127.0.0.1:1', { namespace: 'digests', logger, connectTimeoutMs: 300, operationTimeoutMs: 500 });
    const service = world.restart({
      store: deadStore,
      ticker: (tick) => {
        ticks.push(tick);
        return { stop() {} };
      },
    });
    try {
      await expect(service.start()).resolves.toMatchObject({ due: 0 });
      expect(ticks).toHaveLength(1);
      ticks[0]?.();
      ticks[0]?.();
      await vi.waitFor(() => expect(lines.filter((l) => l.msg === 'could not load digest subscriptions; trying again every minute')).toHaveLength(3));
      const warnings = lines.filter((l) => l.msg === 'could not load digest subscriptions; trying again every minute' && l.level === 40);
      expect(warnings).toHaveLength(1);
    } finally {
      await service.stop();
      await deadStore.disconnect().catch(() => undefined);
    }
  });
});
