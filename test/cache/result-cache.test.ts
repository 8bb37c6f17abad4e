import { Keyv } from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GuardedStore } from '../../src/cache/guarded-store.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache, transient, type CacheOutcome } from '../../src/cache/result-cache.js';
import { registerStoreHealth, StoreHealth } from '../../src/cache/store-health.js';
import { silentLogger } from '../../src/log.js';
import { aFaultyMap } from './helpers.js';
import { aRecordingLogger } from '../support/logger.js';

const open: Keyv[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((keyv) => keyv.disconnect()));
});

function aMemoryKeyv(): Keyv {
  const keyv = createKeyv('memory://', { namespace: 'cache', logger: silentLogger });
  open.push(keyv);
  return keyv;
}

/** A Keyv on a Map store that counts the reads reaching the store. */
function aReadCountingKeyv(): { keyv: Keyv; reads: () => number } {
  const map = new Map<string, unknown>();
  let reads = 0;
  const get = map.get.bind(map);
  map.get = (key: string) => {
    reads += 1;
    return get(key);
  };
  const keyv = new Keyv({ store: map, namespace: 'cache' });
  open.push(keyv);
  return { keyv, reads: () => reads };
}

/** A computation that counts its runs and can be held until the test releases it. */
function aCounter<T>(value: T): { compute: () => Promise<T>; runs: () => number; release: () => void } {
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    compute: async () => {
      runs += 1;
      await gate;
      return value;
    },
    runs: () => runs,
    release,
  };
}

describe('ResultCache', () => {
  it('GIVEN a miss THEN it computes and stores; GIVEN the same key again THEN it serves the stored value', async () => {
    const keyv = aMemoryKeyv();
    const cache = new ResultCache(keyv, silentLogger, { memoryEntries: 0 });
    const counter = aCounter({ text: 'summary' });
    counter.release();
    expect(await cache.getOrCompute('k', counter.compute)).toEqual({ value: { text: 'summary' }, cached: false });
    expect(await cache.getOrCompute('k', counter.compute)).toEqual({ value: { text: 'summary' }, cached: true });
    expect(counter.runs()).toBe(1);
  });

  it('GIVEN 50 concurrent identical requests THEN exactly one computation runs and all get its value', async () => {
    const cache = new ResultCache(aMemoryKeyv(), silentLogger);
    const counter = aCounter('shared');
    const all = Array.from({ length: 50 }, () => cache.getOrCompute('k', counter.compute));
    counter.release();
    const results = await Promise.all(all);
    expect(counter.runs()).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(['shared']));
    expect(cache.stats).toMatchObject({ misses: 1, joined: 49 });
  });

  it('GIVEN a call that joins a computation already running THEN it is told so; a cached answer and the computing call are not', async () => {
    const cache = new ResultCache(aMemoryKeyv(), silentLogger);
    const told: string[] = [];
    const counter = aCounter('fresh');
    const computing = cache.getOrCompute('k', counter.compute, () => told.push('leader'));
    await vi.waitFor(() => expect(counter.runs()).toBe(1));
    const joined = cache.getOrCompute('k', counter.compute, () => told.push('joiner'));
    expect(told).toEqual(['joiner']);
    counter.release();
    expect(await joined).toEqual({ value: 'fresh', cached: false });
    await computing;
    await cache.getOrCompute('k', counter.compute, () => told.push('cached'));
    await cache.getOrCompute('other', async () => 'x', () => told.push('other key'));
    expect(told).toEqual(['joiner']);
  });

  it('GIVEN a miss THEN the store is read once, onMiss is told before the computation, and a hit never tells it', async () => {
    const { keyv, reads } = aReadCountingKeyv();
    const cache = new ResultCache(keyv, silentLogger, { memoryEntries: 0 });
    const told: string[] = [];
    const compute = async () => {
      told.push('compute');
      return 'fresh';
    };
    expect(await cache.getOrCompute('k', compute, undefined, () => void told.push('miss'))).toEqual({ value: 'fresh', cached: false });
    expect(told).toEqual(['miss', 'compute']);
    expect(reads()).toBe(1);
    expect(await cache.getOrCompute('k', compute, undefined, () => void told.push('miss on a hit'))).toEqual({ value: 'fresh', cached: true });
    expect(told).toEqual(['miss', 'compute']);
    expect(reads()).toBe(2);
  });

  it('GIVEN 20 concurrent look-ups of a stored key THEN one store read answers them all', async () => {
    const { keyv, reads } = aReadCountingKeyv();
    await new ResultCache(keyv, silentLogger).getOrCompute('k', async () => 'stored');
    const before = reads();
    const outcomes: CacheOutcome[] = [];
    const cache = new ResultCache(keyv, silentLogger, { onOutcome: (o) => outcomes.push(o) });
    const results = await Promise.all(Array.from({ length: 20 }, async () => cache.getOrCompute('k', async () => 'computed')));
    expect(results.every((r) => r.value === 'stored' && r.cached)).toBe(true);
    expect(reads() - before).toBe(1);
    expect(outcomes.filter((o) => o === 'store_hit')).toHaveLength(1);
    expect(cache.stats).toMatchObject({ storeHits: 1, joined: 19, misses: 0 });
  });

  it('GIVEN onMiss throws for one caller THEN only that call fails AND the others share one computation', async () => {
    const cache = new ResultCache(aMemoryKeyv(), silentLogger);
    const counter = aCounter('shared');
    const refuse = () => {
      throw new Error('cooldown');
    };
    const admitted = cache.getOrCompute('k', counter.compute, undefined, () => undefined);
    const refused = cache.getOrCompute('k', counter.compute, undefined, refuse);
    const also = cache.getOrCompute('k', counter.compute);
    await expect(refused).rejects.toThrow('cooldown');
    counter.release();
    expect(await admitted).toEqual({ value: 'shared', cached: false });
    expect(await also).toEqual({ value: 'shared', cached: false });
    expect(counter.runs()).toBe(1);
  });

  it('GIVEN a computation already running THEN a later call is told of the miss and joins it without reading the store', async () => {
    const { keyv, reads } = aReadCountingKeyv();
    const cache = new ResultCache(keyv, silentLogger);
    const counter = aCounter('fresh');
    const computing = cache.getOrCompute('k', counter.compute);
    await vi.waitFor(() => expect(counter.runs()).toBe(1));
    const before = reads();
    const told: string[] = [];
    const joined = cache.getOrCompute('k', counter.compute, () => told.push('join'), () => void told.push('miss'));
    expect(told).toEqual(['miss', 'join']);
    counter.release();
    expect(await joined).toEqual({ value: 'fresh', cached: false });
    await computing;
    expect(reads()).toBe(before);
  });

  it('GIVEN a computation that failed THEN a later call for the key is not told it joins one', async () => {
    const cache = new ResultCache(aMemoryKeyv(), silentLogger);
    await expect(cache.getOrCompute('k', () => Promise.reject(new Error('model down')))).rejects.toThrow('model down');
    const told: string[] = [];
    expect(await cache.getOrCompute('k', async () => 'second', () => told.push('joined'))).toEqual({ value: 'second', cached: false });
    expect(told).toEqual([]);
  });

  it('GIVEN a second cache on the same store (another process) THEN it hits without computing', async () => {
    const keyv = aMemoryKeyv();
    await new ResultCache(keyv, silentLogger).getOrCompute('k', () => Promise.resolve('from first'));
    const outcomes: CacheOutcome[] = [];
    const second = new ResultCache(keyv, silentLogger, { onOutcome: (o) => outcomes.push(o) });
    const counter = aCounter('never');
    expect(await second.getOrCompute('k', counter.compute)).toEqual({ value: 'from first', cached: true });
    expect(counter.runs()).toBe(0);
    expect(outcomes).toEqual(['store_hit']);
  });

  it('GIVEN a computation that fails THEN nothing is cached and the next call computes again', async () => {
    const cache = new ResultCache(aMemoryKeyv(), silentLogger);
    await expect(cache.getOrCompute('k', () => Promise.reject(new Error('model down')))).rejects.toThrow('model down');
    expect(await cache.getOrCompute('k', () => Promise.resolve('recovered'))).toEqual({ value: 'recovered', cached: false });
  });

  it('GIVEN a computation that returns a transient value THEN every caller sharing it gets the value AND nothing is stored', async () => {
    const keyv = aMemoryKeyv();
    const cache = new ResultCache(keyv, silentLogger);
    const counter = aCounter(transient({ text: 'cut off' }));
    const waiting = Promise.all([cache.getOrCompute('k', counter.compute), cache.getOrCompute('k', counter.compute)]);
    counter.release();
    expect(await waiting).toEqual([
      { value: { text: 'cut off' }, cached: false },
      { value: { text: 'cut off' }, cached: false },
    ]);
    expect(counter.runs()).toBe(1);
    expect(await cache.peek('k')).toBeUndefined();
    expect(await keyv.get('k')).toBeUndefined();
    expect(await cache.getOrCompute('k', async () => ({ text: 'whole' }))).toEqual({ value: { text: 'whole' }, cached: false });
  });

  it('GIVEN falsy values THEN they are cached like any other', async () => {
    const cache = new ResultCache(aMemoryKeyv(), silentLogger, { memoryEntries: 0 });
    await cache.getOrCompute('zero', () => Promise.resolve(0));
    expect(await cache.getOrCompute('zero', () => Promise.resolve(1))).toEqual({ value: 0, cached: true });
  });

  it('GIVEN a bare Keyv whose Map fails on every call THEN requests are served uncached AND the fault is logged once', async () => {
    const { map, failures } = aFaultyMap();
    const { logger, warnings } = aRecordingLogger();
    const cache = new ResultCache(new Keyv(map), logger, { memoryEntries: 0 });
    let computed = 0;
    for (let i = 0; i < 5; i++) {
      const result = await cache.getOrCompute('k', () => Promise.resolve(`answer ${++computed}`));
      expect(result).toEqual({ value: `answer ${computed}`, cached: false });
    }
    expect(computed).toBe(5);
    expect(failures()).toBeGreaterThanOrEqual(5);
    expect(warnings()).toHaveLength(1);
  });

  it('GIVEN a Herald Keyv over a failing Map THEN answers are uncached, one warning is logged, and recovery is logged once', async () => {
    const { map, broken } = aFaultyMap();
    const { logger, lines, warnings } = aRecordingLogger();
    // createKeyv's guard around a Map the test can break: the same path as a dead Redis or full disk.
    const health = new StoreHealth(logger, 'memory://');
    const keyv = new Keyv(new GuardedStore(map, health, 1_000), { namespace: 'cache' });
    registerStoreHealth(keyv, health);
    const cache = new ResultCache(keyv, logger, { memoryEntries: 0 });
    for (let i = 0; i < 3; i++) expect((await cache.getOrCompute(`k${i}`, () => Promise.resolve(i))).cached).toBe(false);
    expect(warnings()).toHaveLength(1);
    broken.on = false;
    await cache.getOrCompute('k9', () => Promise.resolve(9));
    expect(await cache.getOrCompute('k9', () => Promise.resolve(-1))).toEqual({ value: 9, cached: true });
    expect(lines.filter((line) => line.msg === 'Cache store works again')).toHaveLength(1);
    expect(health.status().ok).toBe(true);
  });

  it('GIVEN a store that never answers THEN the lookup gives up after its timeout and the value is computed', async () => {
    const hung = new Map<string, unknown>();
    hung.get = () => new Promise<never>(() => undefined);
    hung.set = () => new Promise(() => undefined) as unknown as Map<string, unknown>;
    const { logger, warnings } = aRecordingLogger();
    const cache = new ResultCache(new Keyv(hung), logger, { timeoutMs: 50, memoryEntries: 0 });
    expect(await cache.getOrCompute('k', () => Promise.resolve('computed anyway'))).toEqual({ value: 'computed anyway', cached: false });
    expect(warnings()).toHaveLength(1);
  });

  it('GIVEN the memory layer is full THEN the least recently used entry is evicted first', async () => {
    const keyv = aMemoryKeyv();
    const cache = new ResultCache(keyv, silentLogger, { memoryEntries: 2 });
    await cache.getOrCompute('a', () => Promise.resolve('A'));
    await cache.getOrCompute('b', () => Promise.resolve('B'));
    await cache.getOrCompute('a', () => Promise.resolve('A2')); // a is now the most recent
    await cache.getOrCompute('c', () => Promise.resolve('C')); // evicts b
    await keyv.clear(); // from now on only the memory layer can answer
    expect((await cache.getOrCompute('a', () => Promise.resolve('recomputed'))).value).toBe('A');
    expect((await cache.getOrCompute('b', () => Promise.resolve('recomputed'))).value).toBe('recomputed');
  });

  it('GIVEN a ttl THEN the memory layer forgets entries when they expire', async () => {
    const cache = new ResultCache(new Keyv(new Map(), { ttl: 30 }), silentLogger);
    await cache.getOrCompute('k', () => Promise.resolve('old'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cache.getOrCompute('k', () => Promise.resolve('new'))).toEqual({ value: 'new', cached: false });
  });
});
