/**
 * Where leases live. Several hosts share Redis: a lease is one key set with SET NX PX and a random
 * token, extended and released only by a Lua script that first compares the token, so a process
 * whose lease expired (paused, slow) can never delete or prolong the next holder's. One host
 * (SQLite, memory) keeps the same rules in its own memory.
 */
import { connectCoordinationRedis, type CoordinationRedis } from './redis-client.js';

/** The three operations a lease needs; every one is atomic in the store. */
export interface LeaseStore {
  /** Sets `key` to `token` for `ttlMs` unless it exists; true when this caller got it. */
  acquire(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Gives `ttlMs` more, only while `key` still holds `token`; false when the lease was lost. */
  extend(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it holds `token`; false when someone else holds it (or nobody). */
  release(key: string, token: string): Promise<boolean>;
  close(): Promise<void>;
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** Options of {@link redisLeaseStore}. */
export interface RedisLeaseOptions {
  /** Keys are `<prefix><key>`; default `herald:lease:`. */
  prefix?: string;
  /** A command slower than this fails (the caller then acts as if it did not get the lease). Default 2 s. */
  timeoutMs?: number;
}

/**
 * Leases on the Redis at `url`, over the coordination connection (its own, failing fast while Redis
 * is down).
 */
export function redisLeaseStore(url: string, options: RedisLeaseOptions = {}, redis: CoordinationRedis = connectCoordinationRedis(url, options.timeoutMs)): LeaseStore {
  const prefix = options.prefix ?? 'herald:lease:';
  return {
    acquire: (key, token, ttlMs) => redis.run(async (client) => (await client.set(prefix + key, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK'),
    extend: (key, token, ttlMs) => redis.run(async (client) => Number(await client.eval(EXTEND, { keys: [prefix + key], arguments: [token, String(ttlMs)] })) === 1),
    release: (key, token) => redis.run(async (client) => Number(await client.eval(RELEASE, { keys: [prefix + key], arguments: [token] })) === 1),
    close: () => redis.close(),
  };
}

/** Leases in this process's memory: one host (SQLite or memory store) has no one else to agree with. */
export function memoryLeaseStore(now: () => number = Date.now): LeaseStore {
  const held = new Map<string, { token: string; until: number }>();
  const live = (key: string) => {
    const lease = held.get(key);
    if (lease && lease.until <= now()) held.delete(key);
    return held.get(key);
  };
  return {
    acquire: (key, token, ttlMs) => {
      if (live(key)) return Promise.resolve(false);
      held.set(key, { token, until: now() + ttlMs });
      return Promise.resolve(true);
    },
    extend: (key, token, ttlMs) => {
      const lease = live(key);
      if (lease?.token !== token) return Promise.resolve(false);
      lease.until = now() + ttlMs;
      return Promise.resolve(true);
    },
    release: (key, token) => Promise.resolve(live(key)?.token === token && held.delete(key)),
    close: () => {
      held.clear();
      return Promise.resolve();
    },
  };
}
