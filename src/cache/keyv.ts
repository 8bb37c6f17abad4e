import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as RedisDriver from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { Logger } from '../log.js';
import { GuardedStore, withTimeout, type AccessCheck, type InnerStore } from './guarded-store.js';
import { SqliteFileIdentity } from './sqlite-file.js';
import { registerStoreHealth, StoreHealth, storeStatus } from './store-health.js';

/** Options of {@link createKeyv}. */
export interface CreateKeyvOptions {
  /** Keeps Herald's kinds of data apart in one store ("cache", "usage", "digests"...). */
  namespace: string;
  /** Where store outages are reported (once per outage). */
  logger: Logger;
  /** Default time to live of entries; none when absent. */
  ttlMs?: number;
  /** A store operation slower than this counts as failed, so a hung store cannot hang requests. */
  operationTimeoutMs?: number;
  /** Redis only: how long one connection attempt may take. */
  connectTimeoutMs?: number;
  /** SQLite only: how often expired entries are deleted (default every 6 hours, first after a minute). */
  sweepIntervalMs?: number;
}

/** A parsed STORE_URL. */
export type StoreLocation =
  | { kind: 'sqlite'; file: string }
  | { kind: 'redis'; url: string }
  | { kind: 'memory' };

const DEFAULT_OPERATION_TIMEOUT_MS = 3_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** When expired SQLite entries are first swept after opening, and how often afterwards. */
const SWEEP_DELAY_MS = 60_000;
const SWEEP_INTERVAL_MS = 6 * 3_600_000;
/** Longest pause between reconnection attempts to a Redis that is down. */
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * A Keyv on the store STORE_URL names: `sqlite://relative/path` or `sqlite:///absolute/path`
 * (folder created),
 * `redis://…` / `rediss://…`, or `memory://`.
 *
 * Whatever goes wrong with the store (Redis down, disk full, corrupt file, a hung connection, the
 * SQLite file deleted or replaced under Herald), callers get `undefined` / `false` within
 * `operationTimeoutMs`, never an exception, and the outage is logged once when it starts and once
 * when it ends.
 */
export function createKeyv(storeUrl: string, options: CreateKeyvOptions): Keyv {
  const location = parseStoreUrl(storeUrl);
  const health = sharedHealth(options.logger, describeStoreUrl(storeUrl));
  const timeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
  const { store: inner, opening, check } = openStore(location, health, { ...options, operationTimeoutMs: timeoutMs });
  const guarded = new GuardedStore(inner, health, timeoutMs, opening, check);
  const keyv = new Keyv(guarded, {
    namespace: options.namespace,
    // @keyv/redis prefixes keys itself ("namespace::key"); the others rely on Keyv's "namespace:key".
    useKeyPrefix: location.kind !== 'redis',
    ...(options.ttlMs === undefined ? {} : { ttl: options.ttlMs }),
  });
  if (inner instanceof Map) keyv.iterator = keyv.generateIterator(guarded.iterator.bind(guarded));
  registerStoreHealth(keyv, health);
  return keyv;
}

/** Splits STORE_URL into what createKeyv needs; throws on an unsupported scheme. */
export function parseStoreUrl(storeUrl: string): StoreLocation {
  const url = storeUrl.trim();
  const sqlite = /^sqlite:\/\/(.+)$/i.exec(url);
  if (sqlite?.[1]) return { kind: 'sqlite', file: sqlite[1] === ':memory:' ? ':memory:' : path.resolve(sqlite[1]) };
  if (/^rediss?:\/\/.+/i.test(url)) return { kind: 'redis', url };
  if (/^memory:\/\/.*/i.test(url)) return { kind: 'memory' };
  throw new Error('STORE_URL must start with sqlite://, redis://, rediss:// or memory://');
}

/** STORE_URL without user name or password, fit for logs and health output. */
export function describeStoreUrl(storeUrl: string): string {
  return storeUrl.trim().replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
}

/**
 * Writes, reads back and deletes a probe entry: tells a working store from one that silently
 * answers nothing (Keyv reports faults as `false` and events, not exceptions). Used at start-up and
 * by /healthz; a fresh key per probe, deleted afterwards, so probing never grows the store. Returns
 * true, or the reason in words (the store's last error when it reported one).
 */
export async function probeStore(keyv: Keyv): Promise<true | string> {
  const key = `health-probe:${process.pid}:${randomUUID()}`;
  const written = await keyv.set(key, 'ok', 60_000);
  const read: unknown = written ? await keyv.get(key) : undefined;
  if (written) await keyv.delete(key);
  if (written && read === 'ok') return true;
  const problem = written ? 'store did not return what was written' : 'store refused a write';
  const lastError = storeStatus(keyv)?.lastError;
  return lastError ? `${problem} (${lastError})` : problem;
}

interface OpenedStore {
  store: InnerStore;
  /** Settles when the first connection attempt has (for stores that connect over the network). */
  opening?: Promise<void>;
  /** Asked before each operation (SQLite: is the file at the path still the one open?). */
  check?: AccessCheck;
}

function openStore(
  location: StoreLocation,
  health: StoreHealth,
  options: CreateKeyvOptions & { operationTimeoutMs: number },
): OpenedStore {
  switch (location.kind) {
    case 'memory':
      return { store: new Map<string, unknown>() };
    case 'sqlite':
      return openSqlite(location.file, health, options);
    case 'redis':
      return openRedis(location.url, health, options);
  }
}

/** One identity per store file, shared by its namespaces (see SqliteFileIdentity). */
const identityByHealth = new WeakMap<StoreHealth, SqliteFileIdentity>();

function openSqlite(file: string, health: StoreHealth, options: CreateKeyvOptions & { operationTimeoutMs: number }): OpenedStore {
  if (file !== ':memory:') {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      // Opening the database will fail too and every operation then reports through health.
      health.fault(error);
    }
  }
  // Processes sharing the file (a restart overlapping the old process, tools) wait for each other's
  // write lock a little instead of failing at once.
  const store = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: Math.min(2_000, options.operationTimeoutMs) });
  store.on('error', (error: unknown) => health.fault(error));
  // WAL lets readers and one writer work at the same time. Querying right away also attaches a
  // handler to the adapter's connection promise, which otherwise rejects unobserved when the file
  // cannot be opened (an unhandled rejection would end the process).
  const opened = store.query('PRAGMA journal_mode=WAL').then(
    () => true,
    (error: unknown) => {
      health.fault(error);
      return false;
    },
  );
  let identity: SqliteFileIdentity | undefined;
  if (file !== ':memory:') {
    identity = identityByHealth.get(health);
    if (!identity) identityByHealth.set(health, (identity = new SqliteFileIdentity(file)));
  }
  const known = identity;
  // The file exists once the connection is open; its identity is what later operations compare against.
  const opening = opened.then((ok) => {
    if (ok) known?.recordOpened();
  });
  // SQLite has no expiry of its own and Keyv only drops an expired entry when it is read again;
  // answers about edited articles never are. Sweep them now and then so the file stops growing.
  const sweep = () => {
    store
      .query(
        `DELETE FROM ${store.opts.table ?? 'keyv'} WHERE key LIKE ? AND json_valid(value) AND json_extract(value, '$.expires') < ?`,
        `${options.namespace}:%`,
        Date.now(),
      )
      .catch((error: unknown) => health.fault(error));
  };
  const interval = options.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  const firstSweep = setTimeout(sweep, Math.min(SWEEP_DELAY_MS, interval));
  const sweeps = setInterval(sweep, interval);
  firstSweep.unref();
  sweeps.unref();
  const disconnect = store.disconnect.bind(store);
  store.disconnect = async () => {
    clearTimeout(firstSweep);
    clearInterval(sweeps);
    await disconnect();
  };
  return { store, opening, ...(known ? { check: (access) => known.check(access) } : {}) };
}

/**
 * The Redis client is loaded on first use (synchronously, as createKeyv is): most installs use
 * SQLite, and loading it cost every start, the console's one-shot requests included, about 0.1 s.
 */
function redisDriver(): typeof RedisDriver {
  return createRequire(import.meta.url)('@keyv/redis') as typeof RedisDriver;
}

/** One Redis connection per store and health tracker, shared by every namespace opened on it. */
type SharedRedis = ReturnType<typeof connectRedis>;
const redisByHealth = new WeakMap<StoreHealth, SharedRedis>();

/**
 * A namespace on the shared connection to `url`. Sharing keeps one socket per process however many
 * namespaces Herald opens, and makes /healthz probe the very connection the cache uses: when it
 * says the store is back, the cache is back too.
 */
function openRedis(url: string, health: StoreHealth, options: CreateKeyvOptions & { operationTimeoutMs: number }): OpenedStore {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let shared = redisByHealth.get(health);
  if (!shared) {
    shared = connectRedis(url, health, options.operationTimeoutMs, connectTimeoutMs);
    redisByHealth.set(health, shared);
  }
  const connection = shared;
  connection.users += 1;
  const { client } = connection;
  const adapter = new (redisDriver().default)(client, {
    namespace: options.namespace,
    throwOnConnectError: false,
    // Let failures reach GuardedStore as rejections: only then can it tell a miss from a fault.
    throwOnErrors: true,
    connectionTimeout: connectTimeoutMs,
  });
  adapter.on('error', (error: unknown) => health.fault(error));
  // Keyv's disconnect() ends up here; the last namespace to leave closes the connection. A connected
  // client finishes its pending writes; one still trying to reach Redis is stopped at once, or its
  // reconnection loop would keep the process alive.
  let left = false;
  adapter.disconnect = async () => {
    // A late operation after the last namespace left reconnects the client (the adapter connects on
    // use); a second disconnect must close it again rather than be a no-op.
    if (left && connection.users > 0) return;
    if (!left) connection.users -= 1;
    left = true;
    if (connection.users > 0) return;
    if (redisByHealth.get(health) === connection) redisByHealth.delete(health);
    if (!client.isOpen) return;
    if (!client.isReady) {
      // A connection attempt may still be under way and complete after destroy(); unref first so
      // that its socket cannot keep the process alive.
      client.unref();
      client.destroy();
      return;
    }
    await withTimeout(client.close(), options.operationTimeoutMs).catch(() => {
      if (client.isOpen) client.destroy();
    });
  };
  return { store: adapter, opening: connection.opening };
}

function connectRedis(url: string, health: StoreHealth, operationTimeoutMs: number, connectTimeoutMs: number) {
  const client = redisDriver().createClient({
    url,
    // Without this, commands issued while Redis is down wait in a queue until it is back: forever.
    disableOfflineQueue: true,
    // A Redis that accepts the connection but never answers (paused, overloaded) gets the same treatment.
    commandOptions: { timeout: operationTimeoutMs },
    socket: {
      connectTimeout: connectTimeoutMs,
      // Keep trying for as long as Herald runs: Redis coming back must heal the cache without a restart.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100),
    },
  });
  client.on('error', (error: unknown) => health.fault(error));
  client.on('ready', () => health.ok());
  const opening = new Promise<void>((resolve) => {
    client.once('ready', () => resolve());
    client.once('error', () => resolve());
    setTimeout(resolve, connectTimeoutMs).unref();
  });
  // Connecting in the background keeps the client "open" while Redis is unreachable, so the adapter
  // never blocks a request on a connection attempt; commands fail fast instead (offline queue off).
  client.connect().catch((error: unknown) => health.fault(error));
  return { client, opening, users: 0 };
}

/**
 * Namespaces of one store (cache, usage, digests...) fail together, so they share one health
 * tracker: an outage is logged once, not once per namespace.
 */
const healthByLogger = new WeakMap<Logger, Map<string, StoreHealth>>();

function sharedHealth(logger: Logger, store: string): StoreHealth {
  let byStore = healthByLogger.get(logger);
  if (!byStore) healthByLogger.set(logger, (byStore = new Map<string, StoreHealth>()));
  let health = byStore.get(store);
  if (!health) byStore.set(store, (health = new StoreHealth(logger, store)));
  return health;
}
