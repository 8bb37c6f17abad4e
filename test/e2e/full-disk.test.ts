/**
 * The disk holding the SQLite store fills up: /digest subscribe says the storage is unavailable
 * (nothing is claimed as stored), and a start on the full disk says the disk is full (ENOSPC)
 * instead of calling the file read-only or corrupt, and never advises moving it away (its -wal
 * file may hold writes not yet merged into it).
 *
 * A real full file system needs a small tmpfs, and mounting one needs root: elsewhere the test is
 * skipped and says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { APOLOGY, digestCommand, STORAGE_UNAVAILABLE } from './digest-commands.js';
import { spawnHeraldBot, spawnHerald, stopAll, stopGracefully, waitForExit, waitForHealth } from '../support/herald-process.js';

const TMPFS_SIZE = '512k';

/** Why a tmpfs cannot be mounted here, or undefined when a trial mount worked. */
function whyNoTmpfs(): string | undefined {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root, and this runs as another user';
  const trial = mkdtempSync(path.join(tmpdir(), 'herald-tmpfs-trial-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', trial], { encoding: 'utf8' });
    if (mounted.error || mounted.status !== 0) return `mount -t tmpfs failed here: ${mounted.error?.message ?? mounted.stderr.trim()}`;
    spawnSync('umount', [trial]);
    return undefined;
  } finally {
    rmdirSync(trial);
  }
}

/** Writes zeros into `file` until the file system refuses with ENOSPC. */
function fillUp(file: string): void {
  try {
    writeFileSync(file, Buffer.alloc(64 * 1024 * 1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
    throw error;
  }
  throw new Error(`${file}: 64 MiB fit on a ${TMPFS_SIZE} tmpfs`);
}

const noTmpfs = whyNoTmpfs();
if (noTmpfs) console.warn(`SKIPPED: the full-disk test (e2e) — ${noTmpfs}.`);

describe.skipIf(noTmpfs !== undefined)('the disk holding the SQLite store is full', () => {
  const world = useBotWorld({ setUp: 'manual', openai: {} });
  let disk: string | undefined;

  afterAll(async () => {
    // Runs before the world's teardown (after-hooks run last-registered first): Herald must be gone
    // first, or its open files keep the tmpfs busy.
    await stopAll();
    if (!disk) return;
    const unmounted = spawnSync('umount', [disk], { encoding: 'utf8' });
    expect(unmounted.status, unmounted.stderr).toBe(0);
    rmdirSync(disk);
  });

  it('GIVEN the disk fills while Herald runs THEN /digest subscribe answers "storage unavailable"; a start on the full disk says it is full (ENOSPC) and never advises moving the file', async () => {
    await world.setUp();
    disk = mkdtempSync(path.join(tmpdir(), 'herald-full-disk-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', disk], { encoding: 'utf8' });
    expect(mounted.status, mounted.stderr).toBe(0);
    const storeUrl = `sqlite://${path.join(disk, 'data', 'herald.sqlite')}`;
    const env = { ...world.env, STORE_URL: storeUrl };

    const herald = await spawnHeraldBot(env, world.work.dir);
    await waitForHealth(world.healthPort, 200);
    expect(await digestCommand(world.discord, 'subscribe')).toContain('Subscribed');

    fillUp(path.join(disk, 'filler'));
    const refused = await digestCommand(world.discord, 'subscribe');
    expect(refused).toMatch(STORAGE_UNAVAILABLE['en-US']);
    expect(refused).not.toMatch(APOLOGY);
    const german = await digestCommand(world.discord, 'subscribe', 'de');
    expect(german).toMatch(STORAGE_UNAVAILABLE.de);
    await waitForHealth(world.healthPort, 503);
    expect(herald.stderr).not.toMatch(/"msg":"interaction failed"/);
    await stopGracefully(herald);
    // Closing merged and removed the -wal file, which freed some space: fill that too.
    fillUp(path.join(disk, 'more-filler'));

    // The existing store, then a new file, on the full disk. A -wal file that closing could not merge
    // (its checkpoint needed room the disk no longer had) still has room inside, so SQLite can write
    // there and Herald rightly starts: then only the new file, which has nothing to grow into, is tried.
    const newStore = `sqlite://${path.join(disk, 'other', 'herald.sqlite')}`;
    const walLeft = existsSync(`${path.join(disk, 'data', 'herald.sqlite')}-wal`);
    for (const url of walLeft ? [newStore] : [storeUrl, newStore]) {
      const again = spawnHerald({ ...env, STORE_URL: url }, world.work.dir);
      expect(await waitForExit(again)).toEqual({ code: 2, signal: null });
      expect(again.stderr).toMatch(/Herald cannot start: The disk holding the SQLite store at .* is full \(ENOSPC/);
      expect(again.stderr).not.toMatch(/move|read-only|corrupt/i);
    }
  }, 60_000);
});
