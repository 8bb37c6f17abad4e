/**
 * Running Herald as several gateway shards (`SHARDS=auto|N`).
 *
 * The process started by `npm start` becomes a discord.js ShardingManager and forks one process
 * per shard, each running `src/index.ts` again (under `node --import tsx`). Inside a shard,
 * discord.js sets `SHARDING_MANAGER`, `SHARDS` (this shard's id) and `SHARD_COUNT`; the Client
 * reads them by itself, and {@link shardFromEnv} reads them for Herald.
 *
 * What every shard must respect:
 * - **DMs reach shard 0 only** (Discord routes all direct messages there); nothing to do, but
 *   shard 0 must keep the DirectMessages intent and `Partials.Channel`.
 * - **Digests**: each shard schedules and posts only for its own guilds, the ones for which
 *   {@link isOnShard}`(guildId, shardId, shardCount)` holds, i.e.
 *   `(BigInt(guildId) >> 22n) % BigInt(shardCount) === BigInt(shardId)` (Discord's formula).
 *   With `STORE_URL=redis://…` all shards (and instances) share one cache and one set of
 *   subscriptions.
 * - **Health**: only the manager binds `HEALTH_PORT`; it probes shards over IPC
 *   (see `shard-probe.ts`, `exposeHealth`).
 * - **Shutdown**: the manager asks each shard to stop gracefully over IPC, waits, then exits.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ShardingManager, type Shard } from 'discord.js';
import type { Config } from '../config.js';
import { secretsOf } from '../config.js';
import type { Logger } from '../log.js';
import { startHealthServer, type HealthServer } from './health.js';
import { shardsCheck, shardsMetrics } from './shard-probe.js';
import { createShutdown, SHUTDOWN_MESSAGE, type Shutdown, type SignalSource } from './shutdown.js';

/** This process's place among the shards. */
export interface ShardInfo {
  /** Shard id, 0-based. */
  id: number;
  /** Total number of shards. */
  count: number;
}

/**
 * True when `guildId` belongs to shard `shardId` of `shardCount`. Ids that are not snowflakes
 * belong to no shard (they cannot come from Discord).
 */
export function isOnShard(guildId: string, shardId: number, shardCount: number): boolean {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`shardCount must be >= 1, got ${shardCount}`);
  if (!Number.isInteger(shardId) || shardId < 0 || shardId >= shardCount) {
    throw new RangeError(`shardId must be in 0..${shardCount - 1}, got ${shardId}`);
  }
  if (!/^\d{1,20}$/.test(guildId)) return false;
  return (BigInt(guildId) >> 22n) % BigInt(shardCount) === BigInt(shardId);
}

/** Which shard this process is, when started by the ShardingManager; undefined otherwise. */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): ShardInfo | undefined {
  if (!env.SHARDING_MANAGER) return undefined;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) return undefined;
  return { id, count };
}

/**
 * A predicate for "should this process handle guild X" (digest scheduling): every guild when
 * not sharded, otherwise the guilds of this shard.
 */
export function ownsGuild(shard: ShardInfo | undefined = shardFromEnv()): (guildId: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  // Personal briefings (owner `member:<user id>`) are DMs, which are shard 0's: it sends them all.
  return (owner) => (owner.startsWith('member:') ? shard.id === 0 : isOnShard(owner, shard.id, shard.count));
}

export interface RunShardedOptions {
  /** Script each shard runs; default `src/index.ts`. */
  entry?: string;
  /** Node flags for shard processes; default `['--import', 'tsx']` (no build step). */
  execArgv?: string[];
  /** Pause between spawning shards; Discord allows one identify per 5 s. Default 5,500 ms. */
  spawnDelayMs?: number;
  /** How long a shard may take to become ready before spawning fails. Default 30,000 ms. */
  readyTimeoutMs?: number;
  /** How long a shard may take to stop gracefully before it is killed. Default 15,000 ms. */
  stopGraceMs?: number;
  /** Ends the process with the shutdown's code; default `process.exit` (src/index.ts passes its own). */
  exit?: (code: number) => void;
  /** Injected in tests; default `process`. */
  signals?: SignalSource;
}

/** A running sharding manager. */
export interface ShardedRuntime {
  manager: ShardingManager;
  /** The manager's health server, when `HEALTH_PORT` is set. */
  health?: HealthServer;
  /** The manager's shutdown coordinator (already installed on the signals). */
  shutdown: Shutdown;
}

/**
 * Runs Herald sharded: spawns `config.SHARDS` shards ('auto' asks Discord how many), respawns a
 * shard that dies, serves aggregated `/healthz` and `/metrics` on `HEALTH_PORT`, and on
 * SIGTERM/SIGINT stops every shard gracefully before exiting. Rejects (after stopping any shard
 * it started) when the token is missing or invalid or a shard never becomes ready.
 */
export async function runSharded(config: Config, logger: Logger, options: RunShardedOptions = {}): Promise<ShardedRuntime> {
  if (!config.DISCORD_TOKEN) throw new Error('SHARDS needs DISCORD_TOKEN: sharding only applies to the Discord bot');
  // A shard list comes with SHARD_COUNT, which runs in one process (src/index.ts); never here.
  const totalShards = typeof config.SHARDS === 'object' || config.SHARDS === undefined ? 'auto' : config.SHARDS;
  // Shards run what this process runs: dist/'s JavaScript (npm start) or the sources through tsx.
  const compiled = import.meta.url.endsWith('.js');
  const entry = options.entry ?? fileURLToPath(new URL(compiled ? '../index.js' : '../index.ts', import.meta.url));
  // Shards inherit this environment: belt and braces so a shard never becomes a manager itself
  // (loadConfig already ignores SHARDS inside a shard; index.ts also checks SHARDS_MANAGED).
  process.env.SHARDS_MANAGED = '1';
  const manager = new ShardingManager(entry, {
    totalShards,
    token: config.DISCORD_TOKEN,
    execArgv: options.execArgv ?? (compiled ? [] : ['--import', 'tsx']),
    mode: 'process',
    respawn: true,
  });
  const log = logger.child({ component: 'sharding' });
  const stopGraceMs = options.stopGraceMs ?? 15_000;
  const shutdown = createShutdown({
    logger: log,
    timeoutMs: 0,
    hookTimeoutMs: stopGraceMs + 5_000,
    exit: options.exit,
    signals: options.signals,
    // The manager is the parent; it has no manager of its own to listen to.
    ipc: false,
  });

  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id }, 'shard starting');
    shard.on('ready', () => log.info({ shard: shard.id }, 'shard ready'));
    shard.on('reconnecting', () => log.warn({ shard: shard.id }, 'shard reconnecting to the gateway'));
    shard.on('disconnect', () => log.warn({ shard: shard.id }, 'shard disconnected from the gateway'));
    shard.on('death', (child) => {
      const code = 'exitCode' in child ? child.exitCode : undefined;
      if (shutdown.isShuttingDown()) log.info({ shard: shard.id, code }, 'shard stopped');
      else log.error({ shard: shard.id, code }, 'shard process exited; respawning');
    });
    shard.on('error', (error) => log.error({ err: error, shard: shard.id }, 'shard error'));
  });

  shutdown.onShutdown(async () => {
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, stopGraceMs, log)));
  }, 'stop shards');

  let health: HealthServer | undefined;
  if (config.HEALTH_PORT !== undefined) {
    const shards = () => [...manager.shards.values()];
    health = await startHealthServer({
      port: config.HEALTH_PORT,
      checks: { shards: shardsCheck(shards, () => manager.totalShards) },
      metrics: shardsMetrics(shards),
      // Which shards this host runs; each shard's leases are in /metrics (herald_leases_held).
      about: () => ({ shards: [...manager.shards.keys()].sort((a, b) => a - b), shardCount: manager.totalShards }),
      logger: log,
      secrets: secretsOf(config),
    });
    const server = health;
    shutdown.onShutdown(() => server.close(), 'close health server');
  }
  shutdown.install();

  try {
    await manager.spawn({ amount: totalShards, delay: options.spawnDelayMs ?? 5_500, timeout: options.readyTimeoutMs ?? 30_000 });
  } catch (error) {
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, stopGraceMs, log)));
    await health?.close();
    throw error;
  }
  log.info({ shards: manager.totalShards }, 'all shards spawned');
  return { manager, health, shutdown };
}

/** Asks one shard to stop over IPC, waits up to `graceMs`, then kills it. */
async function stopShard(shard: Shard, graceMs: number, log: Logger): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit').then(() => true);
  shard.send(SHUTDOWN_MESSAGE).catch(() => child.kill('SIGTERM'));
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([exited, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
  clearTimeout(timer);
  if (!inTime) {
    log.warn({ shard: shard.id, graceMs }, 'shard did not stop in time; killing it');
    child.kill('SIGKILL');
    await exited;
  }
}
