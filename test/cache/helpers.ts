/**
 * Fixtures for cache tests: faulty Map stores. The real redis-server lives in
 * ../fakes/redis-server.ts (shared with the e2e suite); loggers and folders in ../support/.
 */
import { startRedisServerOrSkip, type RedisServer } from '../fakes/redis-server.js';

export type { RedisServer };

/** A started redis-server, or undefined (silently) when none can be started here; kept for test/bench/cache.ts. */
export function startRedisServer(): Promise<RedisServer | undefined> {
  return startRedisServerOrSkip();
}

/**
 * A Map whose every method fails (get/set/delete reject, like a store whose disk is gone) while
 * `broken.on` is true, and behaves normally after it is set to false.
 */
export function aFaultyMap(): { map: Map<string, unknown>; broken: { on: boolean }; failures: () => number } {
  const map = new Map<string, unknown>();
  const broken = { on: true };
  let failures = 0;
  const fail = (): never => {
    failures += 1;
    throw new Error('SQLITE_FULL: database or disk is full');
  };
  const get = map.get.bind(map);
  const set = map.set.bind(map);
  const del = map.delete.bind(map);
  map.get = (key: string) => (broken.on ? fail() : get(key));
  map.set = (key: string, value: unknown) => (broken.on ? fail() : set(key, value));
  map.delete = (key: string) => (broken.on ? fail() : del(key));
  return { map, broken, failures: () => failures };
}
