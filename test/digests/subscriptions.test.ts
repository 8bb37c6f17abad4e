import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/cache/keyv.js';
import { isUserError } from '../../src/errors.js';
import { DigestStoreError, SubscriptionStore, type NewSubscription, type Subscription } from '../../src/digests/subscriptions.js';
import { silentLogger } from '../../src/log.js';

function aSubscription(overrides: Partial<NewSubscription> = {}): NewSubscription {
  return { guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Berlin', language: 'de', length: 'short', createdBy: 'u1', ...overrides };
}

const memoryStore = () => new SubscriptionStore(createKeyv('memory://', { namespace: 'digests', logger: silentLogger }), { logger: silentLogger });

describe('SubscriptionStore', () => {
  it('GIVEN a new subscription THEN it gets a short id and is listed for its guild only', async () => {
    const store = memoryStore();
    const a = await store.create(aSubscription(), 1000);
    await store.create(aSubscription({ guildId: 'g2' }));
    expect(a.id).toMatch(/^[0-9a-z]{6}$/);
    expect(a.createdAt).toBe(1000);
    expect((await store.listGuild('g1')).map((s) => s.id)).toEqual([a.id]);
    expect(await store.listAll()).toHaveLength(2);
  });

  it('GIVEN a shard predicate THEN listAll returns only that shard’s guilds', async () => {
    const store = memoryStore();
    await store.create(aSubscription({ guildId: 'g1' }));
    await store.create(aSubscription({ guildId: 'g2' }));
    const mine = await store.listAll((guildId) => guildId === 'g2');
    expect(mine.map((s) => s.guildId)).toEqual(['g2']);
  });

  it('GIVEN 25 subscriptions in a guild THEN the 26th is refused with subscription_limit, other guilds unaffected', async () => {
    const store = memoryStore();
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.create(aSubscription({ channelId: `c${i}` }))));
    const error = await store.create(aSubscription()).catch((e: unknown) => e);
    expect(isUserError(error) && error.code).toBe('subscription_limit');
    expect(await store.listGuild('g1')).toHaveLength(25);
    await expect(store.create(aSubscription({ guildId: 'g2' }))).resolves.toBeDefined();
  });

  it('GIVEN concurrent creates THEN none is lost from the guild index', async () => {
    const store = memoryStore();
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(aSubscription({ channelId: `c${i}` }))));
    expect(await store.listGuild('g1')).toHaveLength(10);
  });

  it('GIVEN concurrent creates with a reject check THEN each check sees the creates before it, under the guild lock', async () => {
    const store = memoryStore();
    const create = (channelId: string) =>
      store.create(aSubscription({ channelId }), 1, (existing: readonly Subscription[]) => (existing.some((s) => s.channelId === channelId) ? new Error('twin') : undefined));
    const results = await Promise.allSettled([create('c1'), create('c1'), create('c2')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.listGuild('g1')).map((s) => s.channelId)).toEqual(['c1', 'c2']);
  });

  it('GIVEN remove with another guild’s id THEN nothing is removed', async () => {
    const store = memoryStore();
    const a = await store.create(aSubscription());
    expect(await store.remove('g2', a.id)).toBeUndefined();
    expect(await store.remove('g1', a.id)).toMatchObject({ id: a.id });
    expect(await store.listGuild('g1')).toEqual([]);
    expect(await store.get(a.id)).toBeUndefined();
  });

  it('GIVEN updates THEN they apply in order and a missing id gives undefined', async () => {
    const store = memoryStore();
    const a = await store.create(aSubscription());
    await Promise.all([1, 2, 3].map((n) => store.update(a.id, (cur) => ({ ...cur, lastSlot: `${cur.lastSlot ?? ''}${n}` }))));
    expect((await store.get(a.id))?.lastSlot).toBe('123');
    expect(await store.update('nope00', (cur) => cur)).toBeUndefined();
  });

  it('GIVEN the store opened with a default TTL THEN subscriptions are written without expiry', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map, namespace: 'digests', ttl: 1 });
    const store = new SubscriptionStore(keyv, { logger: silentLogger });
    const a = await store.create(aSubscription());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await store.get(a.id)).toMatchObject({ id: a.id });
  });

  it('GIVEN a store that refuses writes THEN create throws DigestStoreError and nothing is half-written in the index', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map, namespace: 'digests' });
    const store = new SubscriptionStore(keyv, { logger: silentLogger });
    const original = map.set.bind(map);
    map.set = () => {
      throw new Error('disk full');
    };
    await expect(store.create(aSubscription())).rejects.toBeInstanceOf(DigestStoreError);
    map.set = original;
    expect(await store.listGuild('g1')).toEqual([]);
  });

  it('GIVEN the write of the guilds list fails THEN create reports storage unavailable and the guild does not list the subscription (no half subscription)', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map, namespace: 'digests' });
    const store = new SubscriptionStore(keyv, { logger: silentLogger });
    const original = map.set.bind(map);
    map.set = (key: string, value: unknown) => {
      if (key === 'digests:guilds') throw new Error('disk full');
      return original(key, value);
    };
    const error = await store.create(aSubscription()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestStoreError);
    expect(isUserError(error) && error.code).toBe('storage_unavailable');
    map.set = original;
    expect(await store.listGuild('g1')).toEqual([]);
  });

  it('GIVEN a failing store behind createKeyv THEN a read fault is an error, not an empty list', async () => {
    const keyv = createKeyv('redis://127.0.0.1:1', { namespace: 'digests', logger: silentLogger, operationTimeoutMs: 200, connectTimeoutMs: 100 });
    const store = new SubscriptionStore(keyv, { logger: silentLogger });
    await expect(store.listGuild('g1')).rejects.toBeInstanceOf(DigestStoreError);
    await keyv.disconnect();
  });

  it('GIVEN the same article snapshot saved by many subscriptions THEN one key is written and any store instance reads it back', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map, namespace: 'digests' });
    const store = new SubscriptionStore(keyv, { logger: silentLogger });
    const seen = { a1: 'h1', a2: 'h2' };
    const refs = await Promise.all(Array.from({ length: 50 }, () => store.saveSnapshot({ ...seen })));
    expect(new Set(refs).size).toBe(1);
    expect([...map.keys()].filter((k) => k.includes('snap:'))).toHaveLength(1);
    expect(await store.saveSnapshot({ a2: 'h2', a1: 'h1' })).toBe(refs[0]);
    expect(await store.saveSnapshot({ a1: 'h1', a2: 'changed' })).not.toBe(refs[0]);
    const fresh = new SubscriptionStore(keyv, { logger: silentLogger });
    expect(await fresh.loadSnapshot(refs[0])).toEqual(seen);
    expect(await fresh.loadSnapshot(undefined)).toBeUndefined();
    expect(await fresh.loadSnapshot('0123456789abcdef01234567')).toBeUndefined();
  });

  it('GIVEN a snapshot THEN it is stored with an expiry (unlike subscriptions)', async () => {
    const map = new Map<string, unknown>();
    const store = new SubscriptionStore(new Keyv({ store: map, namespace: 'digests' }), { logger: silentLogger });
    const ref = await store.saveSnapshot({ a1: 'h1' });
    const raw = map.get(`digests:snap:${ref}`);
    const expires = (typeof raw === 'string' ? (JSON.parse(raw) as { expires?: number }) : (raw as { expires?: number })).expires;
    expect(expires).toBeGreaterThan(Date.now() + 100 * 86_400_000);
  });
});
