import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import KeyvSqlite from '@keyv/sqlite';
import type { Keyv } from 'keyv';
import { createKeyv, probeStore, describeStoreUrl, parseStoreUrl } from '../../src/cache/keyv.js';
import { storeStatus } from '../../src/cache/store-health.js';
import { silentLogger } from '../../src/log.js';
import { aRecordingLogger } from '../support/logger.js';
import { aTempDir } from '../support/temp-dir.js';

const open: Keyv[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((keyv) => keyv.disconnect()));
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function track(keyv: Keyv): Keyv {
  open.push(keyv);
  return keyv;
}

async function aTemp(): Promise<string> {
  const { dir, cleanup } = await aTempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('parseStoreUrl / describeStoreUrl', () => {
  it('GIVEN sqlite URLs THEN relative paths resolve against the working directory and absolute ones stay', () => {
    expect(parseStoreUrl('sqlite://data/herald.sqlite')).toEqual({ kind: 'sqlite', file: join(process.cwd(), 'data/herald.sqlite') });
    expect(parseStoreUrl('sqlite:///var/lib/herald/cache.sqlite')).toEqual({ kind: 'sqlite', file: '/var/lib/herald/cache.sqlite' });
  });

  it('GIVEN redis and memory URLs THEN they are recognised', () => {
    expect(parseStoreUrl('redis://cache:6379')).toEqual({ kind: 'redis', url: 'redis://cache:6379' });
    expect(parseStoreUrl('rediss://user:pw@cache:6380/1')).toEqual({ kind: 'redis', url: 'rediss://user:pw@cache:6380/1' });
    expect(parseStoreUrl('memory://')).toEqual({ kind: 'memory' });
  });

  it('GIVEN an unsupported scheme THEN it throws naming the supported ones', () => {
    expect(() => parseStoreUrl('postgres://db/herald')).toThrow(/sqlite:\/\/, redis:\/\/, rediss:\/\/ or memory:\/\//);
  });

  it('GIVEN a URL with credentials THEN the description leaves them out', () => {
    expect(describeStoreUrl('redis://default:s3cret-pass@cache:6379/0')).toBe('redis://cache:6379/0');
    expect(describeStoreUrl('sqlite://data/herald.sqlite')).toBe('sqlite://data/herald.sqlite');
  });
});

describe('createKeyv', () => {
  it('GIVEN memory:// THEN values round-trip and namespaces do not see each other', async () => {
    const cache = track(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }));
    await cache.set('k', { answer: 42 });
    expect(await cache.get('k')).toEqual({ answer: 42 });
    const other = track(createKeyv('memory://', { namespace: 'usage', logger: silentLogger }));
    expect(await other.get('k')).toBeUndefined();
  });

  it('GIVEN sqlite:// in a folder that does not exist THEN the folder is created and values survive a new connection', async () => {
    const dir = await aTemp();
    const url = `sqlite://${join(dir, 'nested', 'deeper', 'herald.sqlite')}`;
    const first = createKeyv(url, { namespace: 'cache', logger: silentLogger });
    expect(await first.set('k', 'kept')).toBe(true);
    await first.disconnect();
    expect(existsSync(join(dir, 'nested', 'deeper', 'herald.sqlite'))).toBe(true);
    const second = track(createKeyv(url, { namespace: 'cache', logger: silentLogger }));
    expect(await second.get('k')).toBe('kept');
  });

  it('GIVEN a ttl THEN entries expire after it', async () => {
    const cache = track(createKeyv('memory://', { namespace: 'cache', logger: silentLogger, ttlMs: 30 }));
    await cache.set('k', 'short-lived');
    expect(await cache.get('k')).toBe('short-lived');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cache.get('k')).toBeUndefined();
  });

  it('GIVEN expired entries in sqlite THEN a periodic sweep deletes them, leaving live entries and other namespaces', async () => {
    const file = join(await aTemp(), 'herald.sqlite');
    const cache = track(createKeyv(`sqlite://${file}`, { namespace: 'cache', logger: silentLogger, sweepIntervalMs: 50 }));
    const usage = track(createKeyv(`sqlite://${file}`, { namespace: 'usage', logger: silentLogger }));
    await cache.set('old', 'expired soon', 1);
    await cache.set('live', 'kept');
    await usage.set('old', 'other namespace', 1);
    const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
    const keys = async () => ((await raw.query('SELECT key FROM keyv ORDER BY key')) as Array<{ key: string }>).map((row) => row.key);
    await expect.poll(keys, { timeout: 5_000, interval: 25 }).toEqual(['cache:live', 'usage:old']);
    await raw.disconnect();
  });

  it('GIVEN two namespaces in one sqlite file THEN iterating one lists only its own entries', async () => {
    const url = `sqlite://${join(await aTemp(), 'herald.sqlite')}`;
    const digests = track(createKeyv(url, { namespace: 'digests', logger: silentLogger }));
    const cache = track(createKeyv(url, { namespace: 'cache', logger: silentLogger }));
    await digests.set('sub-1', { channel: '1' });
    await cache.set('x', 'y');
    const entries: unknown[] = [];
    for await (const entry of digests.iterator?.(undefined) ?? []) entries.push(entry);
    expect(entries).toEqual([['sub-1', { channel: '1' }]]);
  });

  it('GIVEN memory:// THEN the Keyv can be iterated like the other stores', async () => {
    const store = track(createKeyv('memory://', { namespace: 'digests', logger: silentLogger }));
    await store.set('a', 1);
    await store.set('b', 2);
    const entries: unknown[] = [];
    for await (const entry of store.iterator?.(undefined) ?? []) entries.push(entry);
    expect(entries).toEqual([['a', 1], ['b', 2]]);
  });

  it('GIVEN a corrupt sqlite file THEN reads miss, writes report false, nothing throws AND the fault is logged once', async () => {
    const dir = await aTemp();
    const file = join(dir, 'herald.sqlite');
    await writeFile(file, 'this is not a database, just text that fills the header and more '.repeat(100));
    const { logger, warnings } = aRecordingLogger();
    const cache = track(createKeyv(`sqlite://${file}`, { namespace: 'cache', logger }));
    for (let i = 0; i < 5; i++) {
      expect(await cache.get(`k${i}`)).toBeUndefined();
      expect(await cache.set(`k${i}`, 'v')).toBe(false);
    }
    expect(await cache.has('k1')).toBe(false);
    expect(await cache.delete('k1')).toBe(false);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.msg).toMatch(/Cache store is failing/);
    expect(await probeStore(cache)).toMatch(/SQLITE_NOTADB|not a database|file is (encrypted|not a database)/i);
    expect(storeStatus(cache)?.ok).toBe(false);
  });

  it('GIVEN a path whose folder cannot be created THEN the store answers nothing but never throws', async () => {
    const dir = await aTemp();
    // A plain file where a folder should be: mkdir fails even for root, unlike a chmod'ed folder.
    await writeFile(join(dir, 'not-a-folder'), 'x');
    const { logger, warnings } = aRecordingLogger();
    const cache = track(createKeyv(`sqlite://${join(dir, 'not-a-folder', 'herald.sqlite')}`, { namespace: 'cache', logger }));
    expect(await cache.set('k', 'v')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
    expect(await probeStore(cache)).toMatch(/^store refused a write/);
    expect(warnings()).toHaveLength(1);
  });

  it('GIVEN a healthy store THEN probeStore says ok and leaves no probe behind', async () => {
    const cache = track(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }));
    expect(await probeStore(cache)).toBe(true);
    const entries: unknown[] = [];
    for await (const entry of cache.iterator?.(undefined) ?? []) entries.push(entry);
    expect(entries).toEqual([]);
  });

  it('GIVEN a redis URL nobody listens on THEN operations answer quickly with nothing AND the outage is logged once', async () => {
    const { logger, warnings } = aRecordingLogger();
    const cache = track(createKeyv('redis://127.0.0.1:1', { namespace: 'cache', logger, connectTimeoutMs: 500 }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i): Promise<unknown> => cache.get(`k${i}`)));
    expect(results.every((value) => value === undefined)).toBe(true);
    expect(await cache.set('k', 'v')).toBe(false);
    expect(warnings()).toHaveLength(1);
    expect(JSON.stringify(warnings()[0])).not.toContain('s3cret');
  });
});
