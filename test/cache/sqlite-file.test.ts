import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyv, probeStore } from '../../src/cache/keyv.js';
import { SqliteFileIdentity } from '../../src/cache/sqlite-file.js';
import { StoreHealth, storeStatus } from '../../src/cache/store-health.js';
import { aRecordingLogger } from '../support/logger.js';
import { aTempDir } from '../support/temp-dir.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await aTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('a SQLite store whose file is deleted or replaced under it', () => {
  it('GIVEN the file is deleted THEN reads miss, writes report false, the store is unhealthy with the reason, and one error is logged', async () => {
    const { logger, lines } = aRecordingLogger();
    const file = join(temp.dir, 'herald.sqlite');
    const keyv = createKeyv(`sqlite://${file}`, { namespace: 'digests', logger });
    try {
      expect(await keyv.set('sub:a', { id: 'a' })).toBe(true);
      rmSync(file);
      expect(await keyv.set('sub:b', { id: 'b' })).toBe(false);
      // The open connection could still read it; answering would flip the health back to ok.
      expect(await keyv.get('sub:a')).toBeUndefined();
      expect(await probeStore(keyv)).toMatch(/STORE_FILE_DELETED: the SQLite file .*herald\.sqlite was deleted/);
      expect(storeStatus(keyv)).toMatchObject({ ok: false });
      const errors = lines.filter((line) => line.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.msg).toMatch(/SQLite store file is gone or replaced/);
      expect(lines.filter((line) => line.level === 40)).toHaveLength(0);
    } finally {
      await keyv.disconnect();
    }
  });

  it('GIVEN a namespace opened after the file was deleted THEN it is refused too, not healthy on the fresh file SQLite creates', async () => {
    const { logger } = aRecordingLogger();
    const file = join(temp.dir, 'herald.sqlite');
    const cache = createKeyv(`sqlite://${file}`, { namespace: 'cache', logger });
    try {
      expect(await cache.set('a', 1)).toBe(true);
      rmSync(file);
      const health = createKeyv(`sqlite://${file}`, { namespace: 'health', logger });
      try {
        expect(await probeStore(health)).toMatch(/STORE_FILE_REPLACED/);
      } finally {
        await health.disconnect();
      }
    } finally {
      await cache.disconnect();
    }
  });

  it('GIVEN the file is moved away and back THEN writes are refused meanwhile and work again after, with one line each way', async () => {
    const { logger, lines } = aRecordingLogger();
    const file = join(temp.dir, 'herald.sqlite');
    const keyv = createKeyv(`sqlite://${file}`, { namespace: 'cache', logger });
    try {
      expect(await keyv.set('a', 1)).toBe(true);
      renameSync(file, `${file}.aside`);
      expect(await keyv.set('b', 2)).toBe(false);
      expect(await keyv.set('c', 3)).toBe(false);
      renameSync(`${file}.aside`, file);
      expect(await keyv.set('b', 2)).toBe(true);
      expect(await keyv.get('a')).toBe(1);
      expect(lines.filter((line) => /gone or replaced/.test(line.msg))).toHaveLength(1);
      expect(lines.filter((line) => /works again/.test(line.msg))).toHaveLength(1);
    } finally {
      await keyv.disconnect();
    }
  });
});

describe('SqliteFileIdentity', () => {
  it('GIVEN the file is deleted THEN a write sees it at once, while reads rely on a check at most 1 s old', async () => {
    const file = join(temp.dir, 'x.sqlite');
    const keyv = createKeyv(`sqlite://${file}`, { namespace: 'n', logger: aRecordingLogger().logger });
    await keyv.set('k', 1);
    let now = 0;
    const identity = new SqliteFileIdentity(file, () => now);
    identity.recordOpened();
    expect(identity.check('read')).toBeUndefined();
    rmSync(file);
    now = 999;
    expect(identity.check('read')).toBeUndefined();
    expect(identity.check('write')?.code).toBe('STORE_FILE_DELETED');
    now = 1_500;
    expect(identity.check('read')?.code).toBe('STORE_FILE_DELETED');
    await keyv.disconnect();
  });

  it('GIVEN no file was there when the store opened THEN nothing is refused (there is nothing to lose)', () => {
    const identity = new SqliteFileIdentity(join(temp.dir, 'never.sqlite'));
    identity.recordOpened();
    expect(identity.check('write')).toBeUndefined();
  });
});

describe('StoreHealth with writes failing and reads working (a full disk)', () => {
  it('GIVEN a write fails THEN reads that work do not end the outage; a write that works does, logged once each way', () => {
    const { logger, lines } = aRecordingLogger();
    const health = new StoreHealth(logger, 'sqlite://x');
    health.fault(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'write');
    health.ok('read');
    health.ok('read');
    expect(health.status().ok).toBe(false);
    health.fault(new Error('database or disk is full'), 'write');
    health.ok('write');
    expect(health.status().ok).toBe(true);
    expect(lines.map((line) => line.msg)).toEqual(['Cache store is failing; answering without the cache until it works again', 'Cache store works again']);
  });
});
