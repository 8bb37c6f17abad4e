/**
 * The lease rules, on the in-process store (one host) and on a real redis-server (several hosts):
 * one holder at a time, expiry frees it, only the holder's token extends or releases it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { memoryLeaseStore, redisLeaseStore, type LeaseStore } from '../../src/scale/lease-store.js';
import { Leases } from '../../src/scale/leases.js';
import { startRedisServerOrSkip, type RedisServer } from '../fakes/redis-server.js';
import { aRecordingLogger } from '../support/logger.js';

const redis: RedisServer | undefined = await startRedisServerOrSkip('Redis lease tests');

describe('memoryLeaseStore (one host)', () => {
  let clock = 1_000;
  const store = memoryLeaseStore(() => clock);

  it('GIVEN a held lease THEN a second claim is refused until it expires, then granted', async () => {
    expect(await store.acquire('slot:a', 't1', 100)).toBe(true);
    expect(await store.acquire('slot:a', 't2', 100)).toBe(false);
    clock += 100;
    expect(await store.acquire('slot:a', 't2', 100)).toBe(true);
    expect(await store.extend('slot:a', 't1', 100)).toBe(false);
  });

  it('GIVEN a lease THEN another token can neither release nor extend it; the holder can', async () => {
    expect(await store.acquire('slot:b', 'mine', 100)).toBe(true);
    expect(await store.release('slot:b', 'theirs')).toBe(false);
    expect(await store.extend('slot:b', 'theirs', 1_000)).toBe(false);
    expect(await store.acquire('slot:b', 'theirs', 100)).toBe(false);
    expect(await store.extend('slot:b', 'mine', 1_000)).toBe(true);
    clock += 500;
    expect(await store.acquire('slot:b', 'theirs', 100)).toBe(false);
    expect(await store.release('slot:b', 'mine')).toBe(true);
    expect(await store.acquire('slot:b', 'theirs', 100)).toBe(true);
  });
});

describe('Leases', () => {
  it('GIVEN two runs of the same key at once THEN only one runs its work; afterwards the key is free again', async () => {
    const leases = new Leases({ store: memoryLeaseStore(), logger: silentLogger });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = leases.withLease('digest:s1', 60_000, async () => {
      await gate;
      return 'posted';
    });
    await sleep(0);
    expect(leases.held()).toEqual(['digest:s1']);
    expect(await leases.withLease('digest:s1', 60_000, async () => 'doubled')).toEqual({ ran: false, reason: 'held' });
    release();
    expect(await first).toEqual({ ran: true, value: 'posted', lost: false });
    expect(leases.held()).toEqual([]);
    expect(await leases.withLease('digest:s1', 60_000, async () => 'next')).toMatchObject({ ran: true, value: 'next' });
    expect(leases.counts).toMatchObject({ acquired: 2, refused: 1, lost: 0 });
  });

  it('GIVEN a lease that expired mid-work and was taken by another THEN the loss is logged and the other holder keeps it', async () => {
    let clock = 0;
    const store = memoryLeaseStore(() => clock);
    const { logger, warnings } = aRecordingLogger();
    const lost: string[] = [];
    const leases = new Leases({ store, logger, onLost: (key) => lost.push(key) });
    const run = await leases.withLease('digest:s2', 1_000_000, async () => {
      clock += 1_000_000;
      expect(await store.acquire('digest:s2', 'other', 1_000_000)).toBe(true);
      return 'posted';
    });
    expect(run).toEqual({ ran: true, value: 'posted', lost: true });
    expect(lost).toEqual(['digest:s2']);
    expect(warnings().map((line) => line.msg)).toEqual(['lease lost mid-work: another process may be doing the same work']);
    // The other holder's lease survived our release attempt.
    expect(await store.acquire('digest:s2', 'third', 1_000)).toBe(false);
  });

  it('GIVEN claimOnce THEN the first claim of an id wins and every later one in its time is refused', async () => {
    const leases = new Leases({ store: memoryLeaseStore(), logger: silentLogger });
    expect(await leases.claimOnce('interaction:1', 60_000)).toBe(true);
    expect(await leases.claimOnce('interaction:1', 60_000)).toBe(false);
    expect(await leases.claimOnce('interaction:2', 60_000)).toBe(true);
  });

  it('GIVEN a store that cannot be asked THEN the work does not run, one warning is logged, and claimOnce says it does not know', async () => {
    const broken: LeaseStore = {
      acquire: () => Promise.reject(new Error('ECONNREFUSED')),
      extend: () => Promise.reject(new Error('ECONNREFUSED')),
      release: () => Promise.reject(new Error('ECONNREFUSED')),
      close: async () => undefined,
    };
    const { logger, warnings } = aRecordingLogger();
    const leases = new Leases({ store: broken, logger });
    let ran = false;
    expect(await leases.withLease('feed:x', 1_000, async () => (ran = true))).toEqual({ ran: false, reason: 'store' });
    expect(await leases.withLease('feed:x', 1_000, async () => (ran = true))).toEqual({ ran: false, reason: 'store' });
    expect(await leases.claimOnce('interaction:1', 1_000)).toBeUndefined();
    expect(ran).toBe(false);
    expect(warnings()).toHaveLength(1);
  });
});

describe.skipIf(!redis)('redisLeaseStore (several hosts on one redis-server)', () => {
  const server = redis as RedisServer;
  const stores: LeaseStore[] = [];
  const aHost = () => {
    const store = redisLeaseStore(server.url, { prefix: `test:${Math.random()}:` });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await redis?.stop();
  });

  it('GIVEN two hosts THEN one gets the lease, the other is refused, and PX expiry frees it', async () => {
    const a = redisLeaseStore(server.url, { prefix: 'test:expiry:' });
    const b = redisLeaseStore(server.url, { prefix: 'test:expiry:' });
    stores.push(a, b);
    expect(await a.acquire('slot', 'ta', 150)).toBe(true);
    expect(await b.acquire('slot', 'tb', 150)).toBe(false);
    await expect.poll(() => b.acquire('slot', 'tb', 10_000), { interval: 50, timeout: 5_000 }).toBe(true);
    expect(await a.extend('slot', 'ta', 10_000)).toBe(false);
  });

  it('GIVEN a lease THEN a foreign token can neither release nor extend it (Lua compare-and-delete)', async () => {
    const a = aHost();
    expect(await a.acquire('slot', 'mine', 10_000)).toBe(true);
    expect(await a.release('slot', 'theirs')).toBe(false);
    expect(await a.extend('slot', 'theirs', 10_000)).toBe(false);
    expect(await a.acquire('slot', 'theirs', 10_000)).toBe(false);
    expect(await a.extend('slot', 'mine', 10_000)).toBe(true);
    expect(await a.release('slot', 'mine')).toBe(true);
    expect(await a.release('slot', 'mine')).toBe(false);
    expect(await a.acquire('slot', 'theirs', 10_000)).toBe(true);
  });

  it('GIVEN 20 processes racing for one slot THEN exactly one wins', async () => {
    const hosts = Array.from({ length: 20 }, () => redisLeaseStore(server.url, { prefix: 'test:race:' }));
    stores.push(...hosts);
    const wins = await Promise.all(hosts.map((host, i) => host.acquire('slot', `t${i}`, 10_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('GIVEN Redis is not reachable THEN a claim fails fast instead of waiting', async () => {
    const down = redisLeaseStore('redis://127.0.0.1:1', { timeoutMs: 300 });
    stores.push(down);
    await expect(down.acquire('slot', 't', 1_000)).rejects.toThrow();
  });
});
