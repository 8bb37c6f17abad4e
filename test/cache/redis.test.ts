/**
 * Against a real redis-server (Debian's package; .ci/run installs it). Where none can be started,
 * the suite is skipped and says so on the console.
 */
import type { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyv, probeStore } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { storeStatus } from '../../src/cache/store-health.js';
import { silentLogger } from '../../src/log.js';
import { redisClients, startRedisServerOrSkip, type RedisServer } from '../fakes/redis-server.js';
import { aRecordingLogger } from '../support/logger.js';

const redis: RedisServer | undefined = await startRedisServerOrSkip('Redis cache tests');

describe.skipIf(!redis)('createKeyv on a real Redis', () => {
  const server = redis as RedisServer;
  const open: Keyv[] = [];
  const aKeyv = (namespace: string, logger = silentLogger): Keyv => {
    const keyv = createKeyv(server.url, { namespace, logger, ttlMs: 60_000, operationTimeoutMs: 1_000, connectTimeoutMs: 500 });
    open.push(keyv);
    return keyv;
  };

  afterAll(async () => {
    await Promise.all(open.map((keyv) => keyv.disconnect()));
    await redis?.stop();
  });

  it('GIVEN a running Redis THEN values round-trip, are shared between instances and kept per namespace', async () => {
    const writer = aKeyv('cache');
    const reader = aKeyv('cache');
    const other = aKeyv('usage');
    expect(await writer.set('k', { summary: ['Eins.'] })).toBe(true);
    expect(await reader.get('k')).toEqual({ summary: ['Eins.'] });
    expect(await other.get('k')).toBeUndefined();
    expect(await probeStore(reader)).toBe(true);
  });

  it('GIVEN four namespaces of one process THEN they share one connection, which closes when the last one disconnects', async () => {
    const { logger } = aRecordingLogger();
    const before = await redisClients(server.port);
    const namespaces = ['cache', 'usage', 'digests', 'health'].map((namespace) => createKeyv(server.url, { namespace, logger, operationTimeoutMs: 1_000, connectTimeoutMs: 500 }));
    await Promise.all(namespaces.map((keyv, i) => keyv.set('k', i)));
    expect(await Promise.all(namespaces.map((keyv) => keyv.get('k')))).toEqual([0, 1, 2, 3]);
    expect(await redisClients(server.port)).toBe(before + 1);
    await Promise.all(namespaces.slice(1).map((keyv) => keyv.disconnect()));
    expect(await namespaces[0]!.get('k')).toBe(0);
    await namespaces[0]!.disconnect();
    await expect.poll(() => redisClients(server.port)).toBe(before);
  });

  it('GIVEN a late write after every namespace closed (it reconnects) THEN a further disconnect closes the connection again', async () => {
    const { logger } = aRecordingLogger();
    const before = await redisClients(server.port);
    const cache = createKeyv(server.url, { namespace: 'cache', logger, operationTimeoutMs: 1_000, connectTimeoutMs: 500 });
    const digests = createKeyv(server.url, { namespace: 'digests', logger, operationTimeoutMs: 1_000, connectTimeoutMs: 500 });
    await cache.set('k', 1);
    await Promise.all([cache.disconnect(), digests.disconnect()]);
    await expect.poll(() => redisClients(server.port)).toBe(before);
    expect(await cache.set('late', 2)).toBe(true);
    await cache.disconnect();
    await expect.poll(() => redisClients(server.port)).toBe(before);
  });

  it('GIVEN Redis stops in the middle of a run THEN requests are still answered (uncached), logged once, and the cache heals when it is back', async () => {
    const { logger, lines, warnings } = aRecordingLogger();
    const keyv = aKeyv('cache', logger);
    const cache = new ResultCache(keyv, logger, { memoryEntries: 0 });
    let computed = 0;
    const compute = () => Promise.resolve(`answer ${++computed}`);

    expect((await cache.getOrCompute('before', compute)).cached).toBe(false);
    expect((await cache.getOrCompute('before', compute)).cached).toBe(true);

    await server.stop();
    const during = await Promise.all(Array.from({ length: 20 }, async (_, i) => cache.getOrCompute(`during-${i % 4}`, compute)));
    expect(during.every((result) => result.cached === false && typeof result.value === 'string')).toBe(true);
    expect(warnings()).toHaveLength(1);
    expect(storeStatus(keyv)?.ok).toBe(false);

    await server.start();
    await expect.poll(async () => keyv.set('probe', 1), { timeout: 10_000, interval: 100 }).toBe(true);
    expect((await cache.getOrCompute('after', compute)).cached).toBe(false);
    expect((await cache.getOrCompute('after', compute)).cached).toBe(true);
    expect(warnings()).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'Cache store works again')).toHaveLength(1);
  });
});
