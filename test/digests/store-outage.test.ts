import { describe, expect, it, vi } from 'vitest';
import type { Ticker } from '../../src/digests/scheduler.js';
import type { DigestService } from '../../src/digests/service.js';
import type { Subscription } from '../../src/digests/subscriptions.js';
import { discordDigestChannel, type MessageRest } from '../../src/discord/digest/channel.js';
import { breakable, channelPosts, type DigestWorld, useWorlds } from './helpers.js';

const aWorld = useWorlds();

function subscribe(world: DigestWorld, service: DigestService = world.service): Promise<Subscription> {
  return service.subscribe({ guildId: world.discord.guild.id, channelId: general(world), time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: 'admin' });
}

async function stored(world: DigestWorld, id: string, service: DigestService = world.service): Promise<Subscription | undefined> {
  return (await service.list(world.discord.guild.id)).find((s) => s.subscription.id === id)?.subscription;
}

/** Ticks `service` once a minute from `from` to `to` (inclusive). */
async function tickEveryMinute(world: DigestWorld, service: DigestService, from: string, to: string): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
    world.clock.set(t);
    await service.tick();
  }
}

/** Acts out Discord forgetting the nonces of the messages posted so far (its window is a few minutes). */
function nonceWindowPasses(world: DigestWorld): void {
  for (const posted of channelPosts(world.discord, general(world))) delete posted.enforcedNonce;
}

/** A REST client whose first accepted post takes the store down, as a Redis connection dropping right after Discord answered. */
function storeDropsAfterFirstPost(world: DigestWorld, state: { down: boolean }): MessageRest {
  let posts = 0;
  return {
    post: async (...args: Parameters<MessageRest['post']>) => {
      const answer = await world.rest.post(...args);
      if (++posts === 1) state.down = true;
      return answer;
    },
  };
}

const general = (world: DigestWorld) => world.discord.channel('general').id;

/** A ticker the test fires by hand; unlike service.tick(), a fired tick first loads the subscriptions if the store could not be read at start. */
function aFiringTicker(): { ticker: Ticker; fire(): void } {
  let onTick: (() => void) | undefined;
  return {
    ticker: (callback) => {
      onTick = callback;
      return { stop: () => (onTick = undefined) };
    },
    fire: () => onTick?.(),
  };
}

describe('a digest store outage while Herald runs', () => {
  it('GIVEN the store is down from before the 08:00 slot for 2.5 h THEN the digest is posted once it is back, not skipped as "Herald was offline"', async () => {
    const world = await aWorld();
    const state = breakable(world);
    const sub = await subscribe(world);
    await world.service.start();
    state.down = true;
    await tickEveryMinute(world, world.service, '2026-01-15T07:00:00Z', '2026-01-15T09:29:00Z');
    state.down = false;
    world.clock.set('2026-01-15T09:30:00Z');
    const report = await world.service.tick();
    expect(report.outcomes).toEqual({ posted: 1 });
    expect(channelPosts(world.discord, general(world))).toHaveLength(1);
    expect((await stored(world, sub.id))?.lastOutcome).toMatchObject({ status: 'posted', slot: '2026-01-15T08:00' });
  });

  it('GIVEN the store stays down for the whole 12 h retry window THEN the slot is given up as failed, without claiming Herald was offline, and tomorrow runs', async () => {
    const world = await aWorld();
    const state = breakable(world);
    const sub = await subscribe(world);
    await world.service.start();
    state.down = true;
    world.clock.set('2026-01-15T07:00:00Z');
    expect((await world.service.tick()).outcomes).toEqual({ retrying: 1 });
    state.down = false;
    world.clock.set('2026-01-15T19:01:00Z');
    expect((await world.service.tick()).outcomes).toEqual({ failed: 1 });
    const outcome = (await stored(world, sub.id))?.lastOutcome;
    expect(outcome).toMatchObject({ status: 'failed', slot: '2026-01-15T08:00', messages: 0 });
    expect(outcome?.detail).toContain('store');
    expect(outcome?.detail).not.toContain('offline');
    expect(outcome?.detailNote).toMatchObject({ code: 'store_unavailable', params: { slot: expect.stringContaining('2026-01-15') as unknown } });
    expect(channelPosts(world.discord, general(world))).toHaveLength(0);
    world.clock.set('2026-01-16T07:00:00Z');
    expect((await world.service.tick()).outcomes).toEqual({ posted: 1 });
  });

  it('GIVEN Herald starts with the store down before the slot, and the store is back 2.5 h after it THEN the digest is posted', async () => {
    const world = await aWorld();
    const state = breakable(world);
    const sub = await subscribe(world);
    const ticker = aFiringTicker();
    world.clock.set('2026-01-15T06:30:00Z');
    state.down = true;
    const service = world.restart({ ticker: ticker.ticker });
    expect((await service.start()).due).toBe(0);
    state.down = false;
    world.clock.set('2026-01-15T09:30:00Z');
    ticker.fire();
    await vi.waitFor(async () => expect((await stored(world, sub.id, service))?.lastOutcome).toMatchObject({ status: 'posted', slot: '2026-01-15T08:00' }));
    expect(channelPosts(world.discord, general(world))).toHaveLength(1);
  });

  it('GIVEN Herald starts after the slot with the store down, and the store is back over 2 h after the slot THEN the slot is missed (Herald was offline at it)', async () => {
    const world = await aWorld();
    const state = breakable(world);
    const sub = await subscribe(world);
    const ticker = aFiringTicker();
    world.clock.set('2026-01-15T08:00:00Z');
    state.down = true;
    const service = world.restart({ ticker: ticker.ticker });
    await service.start();
    state.down = false;
    world.clock.set('2026-01-15T09:30:00Z');
    ticker.fire();
    await vi.waitFor(async () => expect((await stored(world, sub.id, service))?.lastOutcome).toMatchObject({ status: 'missed', detailNote: { code: 'offline' } }));
    expect(channelPosts(world.discord, general(world))).toHaveLength(0);
  });

  it('GIVEN the store fails right after Discord accepted a message and recovers 30 min later THEN the message is not posted again', async () => {
    const world = await aWorld();
    const state = breakable(world);
    const service = world.restart({ channel: discordDigestChannel({ rest: storeDropsAfterFirstPost(world, state) }) });
    const sub = await subscribe(world, service);
    await service.start();
    world.clock.set('2026-01-15T07:00:00Z');
    expect((await service.tick()).outcomes).toEqual({ retrying: 1 });
    await tickEveryMinute(world, service, '2026-01-15T07:01:00Z', '2026-01-15T07:30:00Z');
    nonceWindowPasses(world);
    state.down = false;
    world.clock.set('2026-01-15T07:31:00Z');
    expect((await service.tick()).outcomes).toEqual({ posted: 1 });
    expect(channelPosts(world.discord, general(world))).toHaveLength(1);
    expect(world.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${general(world)}/messages`)).toHaveLength(1);
    expect((await stored(world, sub.id, service))?.lastOutcome).toMatchObject({ status: 'posted', slot: '2026-01-15T08:00', messages: 1 });
  });

  it('GIVEN the store fails after Discord accepted a message and Herald restarts within the nonce window THEN Discord returns the first message instead of a second', async () => {
    const world = await aWorld();
    const state = breakable(world);
    const dying = world.restart({ channel: discordDigestChannel({ rest: storeDropsAfterFirstPost(world, state) }) });
    await subscribe(world, dying);
    await dying.start();
    world.clock.set('2026-01-15T07:00:00Z');
    expect((await dying.tick()).outcomes).toEqual({ retrying: 1 });
    await dying.stop();
    // The restarted process has no memory of the unrecorded post: only the nonce stands between it and a duplicate.
    state.down = false;
    world.clock.set('2026-01-15T07:02:00Z');
    const restarted = world.restart();
    expect((await restarted.start()).outcomes).toEqual({ posted: 1 });
    const posts = world.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${general(world)}/messages`);
    expect(posts).toHaveLength(2);
    expect(channelPosts(world.discord, general(world))).toHaveLength(1);
  });
});

describe('the fake Discord and enforce_nonce', () => {
  it('GIVEN a repeated nonce with enforce_nonce THEN the first message is returned within the window, a new one after it or without enforce_nonce', async () => {
    const world = await aWorld();
    const route = `/channels/${general(world)}/messages` as const;
    const first = (await world.rest.post(route, { body: { content: 'one', nonce: 'n-1', enforce_nonce: true } })) as { id: string };
    const again = (await world.rest.post(route, { body: { content: 'one again', nonce: 'n-1', enforce_nonce: true } })) as { id: string };
    expect(again.id).toBe(first.id);
    expect(channelPosts(world.discord, general(world))).toHaveLength(1);
    await world.rest.post(route, { body: { content: 'not enforced', nonce: 'n-1' } });
    expect(channelPosts(world.discord, general(world))).toHaveLength(2);
    nonceWindowPasses(world);
    const later = (await world.rest.post(route, { body: { content: 'one later', nonce: 'n-1', enforce_nonce: true } })) as { id: string };
    expect(later.id).not.toBe(first.id);
    expect(channelPosts(world.discord, general(world))).toHaveLength(3);
  });
});
