/**
 * Fixtures for cache tests: a recording logger, temporary folders and faulty Map stores. The real
 * redis-server lives in ../fakes/redis-server.ts (shared with the e2e suite).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '../../src/log.js';
import { startRedisServerOrSkip, type RedisServer } from '../fakes/redis-server.js';

export type { RedisServer };

/** A started redis-server, or undefined (silently) when none can be started here; kept for test/bench/cache.ts. */
export function startRedisServer(): Promise<RedisServer | undefined> {
  return startRedisServerOrSkip();
}

/** One parsed log line. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A logger whose JSON lines land in `lines`, to assert "logged once". */
export function aRecordingLogger(): { logger: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    pretty: false,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  });
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 40) };
}

/** A fresh temporary folder, and a function that removes it. */
export async function aTempDir(prefix = 'herald-cache-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
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
