/**
 * The SQLite file at STORE_URL deleted or replaced while Herald runs. SQLite keeps working on the
 * file it has open, so without a check /healthz stays 200, `/digest subscribe` says "Subscribed"
 * and the subscription is gone at the next restart. Herald must notice, say so on /healthz and in
 * one error line, and refuse the change with "storage unavailable".
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { APOLOGY, digestCommand, expectStorageRefusals, logLines, STORAGE_UNAVAILABLE } from './digest-commands.js';
import { spawnHeraldBot, stopAll, stopGracefully, waitForHealth, type HeraldProcess } from '../support/herald-process.js';

const FILE_GONE = /SQLite store file is gone or replaced/;
const WORKS_AGAIN = /Cache store works again/;

describe('the SQLite file at STORE_URL disappears while Herald runs', () => {
  const world = useBotWorld({ openai: {} });

  afterEach(async () => {
    await stopAll();
  });

  /** A Herald on its own SQLite file, healthy and with one subscription stored. */
  async function aHeraldWithASubscription(name: string): Promise<{ herald: HeraldProcess; file: string; env: Record<string, string> }> {
    const url = world.work.sqlite(name);
    const env = { ...world.env, STORE_URL: url };
    const herald = await spawnHeraldBot(env, world.work.dir);
    await waitForHealth(world.healthPort, 200);
    expect(await digestCommand(world.discord, 'subscribe')).toContain('Subscribed');
    return { herald, file: url.slice('sqlite://'.length), env };
  }

  it('GIVEN the file is deleted THEN /healthz is 503 saying so, one error is logged, and /digest subscribe, list and run answer "storage unavailable" (en and de)', async () => {
    const { herald, file, env } = await aHeraldWithASubscription('deleted.sqlite');
    rmSync(file);
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

    const body = await waitForHealth(world.healthPort, 503);
    expect((JSON.parse(body) as { reasons: string[] }).reasons.join('\n')).toMatch(/store: .*was deleted while Herald has it open/);
    await expectStorageRefusals(world.discord, 'en-US');
    await expectStorageRefusals(world.discord, 'de');
    await waitForHealth(world.healthPort, 503);

    const errors = logLines(herald.stderr, FILE_GONE);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.level).toBe(50);
    expect(errors[0]?.reason).toContain('STORE_FILE_DELETED');
    expect(herald.stderr).not.toMatch(/"msg":"interaction failed"/);

    // Nothing was claimed that a restart could lose: the restarted Herald starts empty and says so.
    expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
    await spawnHeraldBot(env, world.work.dir);
    expect(await digestCommand(world.discord, 'list')).toMatch(/No digests in this server yet/);
  });

  it('GIVEN another file is moved over it THEN writes are refused as "storage unavailable"; once the original is moved back, Herald is healthy again, logged once, and keeps what it stores', async () => {
    const { herald, file, env } = await aHeraldWithASubscription('replaced.sqlite');
    renameSync(file, `${file}.aside`);
    writeFileSync(`${file}.other`, '');
    renameSync(`${file}.other`, file);

    const body = await waitForHealth(world.healthPort, 503);
    expect((JSON.parse(body) as { reasons: string[] }).reasons.join('\n')).toMatch(/store: .*was replaced by another file/);
    const refused = await digestCommand(world.discord, 'subscribe');
    expect(refused).toMatch(STORAGE_UNAVAILABLE['en-US']);
    expect(refused).not.toMatch(APOLOGY);
    expect(logLines(herald.stderr, FILE_GONE)).toHaveLength(1);
    expect(logLines(herald.stderr, FILE_GONE)[0]?.reason).toContain('STORE_FILE_REPLACED');

    renameSync(`${file}.aside`, file);
    await waitForHealth(world.healthPort, 200);
    expect(await digestCommand(world.discord, 'subscribe')).toContain('Subscribed');
    expect(logLines(herald.stderr, WORKS_AGAIN)).toHaveLength(1);
    expect(logLines(herald.stderr, FILE_GONE)).toHaveLength(1);

    expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
    await spawnHeraldBot(env, world.work.dir);
    // Both subscriptions: the one from before the file was moved and the one after it was back.
    expect(await digestCommand(world.discord, 'list')).toContain('Digests (2/25)');
  });
});
