/**
 * Two digest schedulers on one store stand for two processes of one shard (a rolling deploy): the
 * slot lease lets one post, and a scheduler re-reading the store posts what the other created.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticker } from '../../src/digests/scheduler.js';
import type { DigestServiceDeps } from '../../src/digests/service.js';
import { silentLogger } from '../../src/log.js';
import { memoryLeaseStore } from '../../src/scale/lease-store.js';
import { Leases } from '../../src/scale/leases.js';
import { channelPosts, startWorld, type DigestWorld } from '../digests/helpers.js';

const worlds: DigestWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

/** The claim both "processes" share, as they would share Redis. */
function sharedClaim(): Pick<DigestServiceDeps, 'claimSlot'> {
  const leases = new Leases({ store: memoryLeaseStore(), logger: silentLogger });
  return {
    claimSlot: async (id, run) => {
      const result = await leases.withLease(`digest:${id}`, 60_000, run);
      return result.ran ? result.value : 'busy';
    },
  };
}

/** A ticker the test fires by hand; resolves nothing, like cron. */
function handTicker(): { ticker: Ticker; fire(): void } {
  let onTick: (() => void) | undefined;
  return { ticker: (tick) => ((onTick = tick), { stop() {} }), fire: () => onTick?.() };
}

describe('two processes of one shard', () => {
  it('GIVEN both track a subscription and tick at the same moment THEN its digest is posted once', async () => {
    const claim = sharedClaim();
    const world = await startWorld({ deps: claim });
    worlds.push(world);
    const channelId = world.discord.channel('general').id;
    await world.service.subscribe({ guildId: world.discord.guild.id, channelId, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: world.discord.people.admin.id });
    const other = world.restart(claim);
    await Promise.all([world.service.start(), other.start()]);
    world.clock.set('2026-01-15T07:00:30Z');
    const reports = await Promise.all([world.service.tick(), other.tick()]);
    const statuses = reports.flatMap((report) => Object.entries(report.outcomes).flatMap(([status, n]) => Array<string>(n ?? 0).fill(status)));
    expect(statuses.sort()).toEqual(['busy', 'posted']);
    const posts = channelPosts(world.discord, channelId).length;
    expect(posts).toBeGreaterThan(0);
    // The next minute the loser finds the slot recorded and posts nothing.
    world.clock.set('2026-01-15T07:01:30Z');
    await Promise.all([world.service.tick(), other.tick()]);
    expect(channelPosts(world.discord, channelId)).toHaveLength(posts);
  });

  it('GIVEN one process posting a subscription\'s slot WHEN an admin runs it through the other at that moment THEN one digest goes out and the run is told one is being posted', async () => {
    const claim = sharedClaim();
    const world = await startWorld({ deps: claim });
    worlds.push(world);
    const channelId = world.discord.channel('general').id;
    const subscription = await world.service.subscribe({ guildId: world.discord.guild.id, channelId, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: world.discord.people.admin.id });
    const other = world.restart(claim);
    await Promise.all([world.service.start(), other.start()]);
    world.clock.set('2026-01-15T07:00:30Z');
    const [report, runs] = await Promise.all([world.service.tick(), other.runNow(world.discord.guild.id, subscription.id)]);
    const statuses = [...Object.entries(report.outcomes).flatMap(([status, n]) => Array<string>(n ?? 0).fill(status)), ...runs.map((run) => run.status)];
    expect(statuses.sort()).toEqual(['busy', 'posted']);
  });

  it('GIVEN a subscription made through a process that then died THEN the survivor, re-reading the store each tick, posts it', async () => {
    const claim = sharedClaim();
    const world = await startWorld({ deps: claim });
    worlds.push(world);
    const hand = handTicker();
    const survivor = world.restart({ ...claim, ticker: hand.ticker, reloadEachTick: true });
    await survivor.start();
    const channelId = world.discord.channel('general').id;
    await world.service.subscribe({ guildId: world.discord.guild.id, channelId, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: world.discord.people.admin.id });
    await world.service.stop();
    world.clock.set('2026-01-15T07:00:30Z');
    hand.fire();
    await world.discord.waitFor(() => channelPosts(world.discord, channelId).length > 0, 'the survivor posting the digest');
  });
});
