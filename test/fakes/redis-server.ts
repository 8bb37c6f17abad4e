/**
 * A real redis-server child process on 127.0.0.1 (no persistence), for the cache tests and the
 * process-level e2e tests alike. Where the binary is missing, suites skip and say so with
 * {@link announceRedisSkip}, so a green run never hides that Redis was not exercised.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A redis-server this process started, restartable on the same port. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills it (SIGKILL: like a crash) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (no-op while it runs). */
  start(): Promise<void>;
}

export interface RedisServerOptions {
  /** Extra environment for the child (only PATH is taken from this process), e.g. a run marker. */
  env?: Record<string, string>;
}

/** A free TCP port on 127.0.0.1 (closed again right away). */
export function aFreePort(): Promise<number> {
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

/** True when a redis-server binary can be run here. */
export function redisServerAvailable(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Prints the visible "SKIPPED: …" line naming `what` (the tests that did not run) and `why`. */
function announceSkip(what: string, why: string): void {
  console.warn(`SKIPPED: ${what} — ${why} (apt-get install redis-server).`);
}

/**
 * Whether a redis-server can run here; when not, says so on the console first. For suites that
 * start their server later, inside a test: `(redisOrAnnounceSkip('the Redis fault test') ? it : it.skip)(…)`.
 */
export function redisOrAnnounceSkip(what: string): boolean {
  const available = redisServerAvailable();
  if (!available) announceSkip(what, 'redis-server is not installed here');
  return available;
}

/**
 * A started redis-server, or undefined when none is installed or it would not start; with `what`
 * (the tests that then do not run) that is said on the console: `describe.skipIf(!redis)`.
 */
export async function startRedisServerOrSkip(what?: string, options: RedisServerOptions = {}): Promise<RedisServer | undefined> {
  if (what === undefined ? !redisServerAvailable() : !redisOrAnnounceSkip(what)) return undefined;
  try {
    return await startRedisServer(options);
  } catch (error) {
    if (what !== undefined) announceSkip(what, `redis-server could not be started here: ${String(error)}`);
    return undefined;
  }
}

/** Starts redis-server on a free port and waits until it accepts connections; throws (quoting its output) otherwise. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await aFreePort();
  let child: ChildProcess | undefined;
  const running = (proc: ChildProcess | undefined): proc is ChildProcess =>
    proc !== undefined && proc.exitCode === null && proc.signalCode === null;
  const start = async (): Promise<void> => {
    if (running(child)) return;
    const proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
      { env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
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
    if (!running(proc)) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  // A test run that dies half-way must not leave a redis-server behind.
  process.once('exit', () => {
    if (running(child)) child.kill('SIGKILL');
  });
  try {
    await start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

/**
 * Sends one inline command over a raw connection (no client library needed) and resolves with the
 * first match of `answer` in the reply, as a number.
 */
export function redisNumber(port: number, command: string, answer: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error(`redis ${command} timed out`)));
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      const match = answer.exec(reply);
      if (match) {
        socket.end();
        resolve(Number(match[1]));
      }
    });
    socket.write(`${command}\r\n`);
  });
}

/** How many keys Redis holds. */
export function redisDbSize(port: number): Promise<number> {
  return redisNumber(port, 'DBSIZE', /^:(\d+)\r\n/);
}

/** Clients connected to Redis, not counting the one asking. */
export async function redisClients(port: number): Promise<number> {
  return (await redisNumber(port, 'INFO clients', /connected_clients:(\d+)/)) - 1;
}
