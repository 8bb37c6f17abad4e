/** Fixtures for cache tests: a recording logger, faulty Map stores and a real redis-server. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '../../src/log.js';

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

/** A free TCP port on 127.0.0.1 (closed again right away). */
export async function aFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server child process on 127.0.0.1 without persistence. */
export interface RedisServer {
  url: string;
  port: number;
  /** Kills it (SIGKILL: like a crash) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** True when a redis-server binary can be run here. */
export function redisServerAvailable(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Starts redis-server on a free port, or returns undefined when that is impossible here. */
export async function startRedisServer(): Promise<RedisServer | undefined> {
  if (!redisServerAvailable()) return undefined;
  const port = await aFreePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    if (child && child.exitCode === null) return;
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
      proc.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${String(code)}: ${output}`));
      });
    });
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  // A test run that dies half-way must not leave a redis-server behind.
  process.once('exit', () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
  try {
    await start();
  } catch {
    await stop();
    return undefined;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
