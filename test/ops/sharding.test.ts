import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { isOnShard, ownsGuild, runSharded, shardFromEnv } from '../../src/ops/sharding.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('isOnShard', () => {
  it('GIVEN known guild ids THEN matches (id >> 22) % count', () => {
    // 41771983427338241 >> 22 = 9959216935: % 2 = 1, % 3 = 1, % 5 = 0
    expect(isOnShard('41771983427338241', 1, 2)).toBe(true);
    expect(isOnShard('41771983427338241', 0, 2)).toBe(false);
    expect(isOnShard('41771983427338241', 1, 3)).toBe(true);
    expect(isOnShard('41771983427338241', 0, 5)).toBe(true);
    // Discord's API guild: 81384788765712384 >> 22 = 19403645698: % 2 = 0, % 3 = 1
    expect(isOnShard('81384788765712384', 0, 2)).toBe(true);
    expect(isOnShard('81384788765712384', 1, 3)).toBe(true);
  });

  it('GIVEN many ids THEN each belongs to exactly one shard', () => {
    const count = 4;
    for (let i = 0; i < 200; i++) {
      const guildId = (BigInt(1_000_000_000_000_000) + BigInt(i) * 7_919_000_003n).toString();
      const owners = [0, 1, 2, 3].filter((shard) => isOnShard(guildId, shard, count));
      expect(owners).toEqual([Number((BigInt(guildId) >> 22n) % BigInt(count))]);
    }
  });

  it('GIVEN one shard THEN every guild is on it', () => {
    expect(isOnShard('123456789012345678', 0, 1)).toBe(true);
  });

  it('GIVEN ids beyond Number precision THEN computes exactly with BigInt', () => {
    const id = '1234567890123456789'; // > 2^53
    expect(isOnShard(id, Number((BigInt(id) >> 22n) % 7n), 7)).toBe(true);
  });

  it('GIVEN a non-snowflake id THEN it is on no shard; GIVEN a bad shard id or count THEN throws', () => {
    expect(isOnShard('not-a-guild', 0, 2)).toBe(false);
    expect(isOnShard('', 0, 1)).toBe(false);
    expect(() => isOnShard('1', 2, 2)).toThrow(RangeError);
    expect(() => isOnShard('1', 0, 0)).toThrow(RangeError);
  });
});

describe('shardFromEnv and ownsGuild', () => {
  it('GIVEN the variables discord.js sets in a shard THEN reads id and count', () => {
    expect(shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '3' })).toEqual({ id: 1, count: 3 });
  });

  it('GIVEN no manager or inconsistent values THEN undefined', () => {
    expect(shardFromEnv({ SHARDS: 'auto' })).toBeUndefined();
    expect(shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '3', SHARD_COUNT: '3' })).toBeUndefined();
    expect(shardFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '[0,1]', SHARD_COUNT: '2' })).toBeUndefined();
  });

  it('GIVEN a shard THEN ownsGuild keeps only its guilds; GIVEN none THEN keeps all', () => {
    const guild = '41771983427338241'; // on shard 1 of 2
    expect(ownsGuild({ id: 1, count: 2 })(guild)).toBe(true);
    expect(ownsGuild({ id: 0, count: 2 })(guild)).toBe(false);
    expect(ownsGuild(undefined)(guild)).toBe(true);
  });

  it('GIVEN personal briefings (DMs, which reach shard 0 only) THEN shard 0 owns every member’s and no other shard any', () => {
    const member = 'member:41771983427338241';
    expect(ownsGuild({ id: 0, count: 3 })(member)).toBe(true);
    expect(ownsGuild({ id: 1, count: 3 })(member)).toBe(false);
    expect(ownsGuild({ id: 2, count: 3 })(member)).toBe(false);
  });

  it("GIVEN discord.js's SHARDS=<shard id> inside a shard THEN loadConfig ignores it instead of failing", () => {
    expect(loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '0', SHARD_COUNT: '2' }, root).SHARDS).toBeUndefined();
    expect(loadConfig({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' }, root).SHARDS).toBeUndefined();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('runSharded with the real ShardingManager', () => {
  const savedEnv = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-shards-'));
  afterAll(() => {
    // The ShardingManager writes SHARDING_MANAGER and DISCORD_TOKEN into this process's environment.
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN SHARDS=2 THEN spawns two shards, aggregates /healthz and /metrics, and stops them gracefully on SIGTERM', async () => {
    process.env.FAKE_SHARD_DIR = dir;
    const port = await freePort();
    const config = { ...loadConfig({ DISCORD_TOKEN: 'fake-token-for-tests', SHARDS: '2' }, root), HEALTH_PORT: port };
    const signals = new EventEmitter();
    let recordExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (recordExit = resolve));

    const runtime = await runSharded(config, silentLogger, {
      entry: fileURLToPath(new URL('./fixtures/fake-shard.ts', import.meta.url)),
      spawnDelayMs: 0,
      readyTimeoutMs: 20_000,
      signals,
      exit: (code) => recordExit(code),
    });
    const children = [...runtime.manager.shards.values()].map((shard) => shard.process!);

    expect(runtime.manager.shards.size).toBe(2);
    for (const id of [0, 1]) {
      // Inside each shard: its own id, and SHARDS (set by discord.js to the id) not mistaken for the host's setting.
      expect(JSON.parse(readFileSync(path.join(dir, `shard-${id}.json`), 'utf8'))).toEqual({
        shard: { id, count: 2 },
        configShards: null,
        managed: '1',
      });
    }

    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', checks: { shards: 'ok' } });

    writeFileSync(path.join(dir, 'unhealthy-1'), '');
    const sick = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(sick.status).toBe(503);
    expect(((await sick.json()) as { reasons: string[] }).reasons).toEqual(['shards: shard 1: store: store down']);

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('herald_digests_total{outcome="posted"} 2');

    const childExits = children.map((child) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))));
    signals.emit('SIGTERM');

    expect(await exited).toBe(0);
    expect(await Promise.all(childExits)).toEqual([0, 0]);
    for (const id of [0, 1]) expect(existsSync(path.join(dir, `shard-${id}.stopped`))).toBe(true);
    // No respawn after a requested stop, and the health port is released.
    expect([...runtime.manager.shards.values()].every((shard) => shard.process === null)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('GIVEN no DISCORD_TOKEN THEN refuses to shard', async () => {
    const config = loadConfig({ SHARDS: '2' }, root);
    await expect(runSharded(config, silentLogger)).rejects.toThrow(/needs DISCORD_TOKEN/);
  });
});
