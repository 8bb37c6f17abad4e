import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { createShutdown, SHUTDOWN_MESSAGE, type ShutdownOptions } from '../../src/ops/shutdown.js';

/** A promise plus the function that resolves it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A coordinator wired to a fake signal source and a recording exit function. */
function aShutdown(options: Partial<ShutdownOptions> = {}) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const exited = deferred<number>();
  const shutdown = createShutdown({
    logger: silentLogger,
    signals,
    ipc: false,
    exit: (code) => {
      exits.push(code);
      exited.resolve(code);
    },
    ...options,
  });
  return { shutdown, signals, exits, exited: exited.promise };
}

describe('createShutdown', () => {
  it('GIVEN in-flight work WHEN SIGTERM arrives THEN stops accepting, waits for the work, runs hooks in order, exits 0', async () => {
    const { shutdown, signals, exits, exited } = aShutdown();
    shutdown.install();
    const steps: string[] = [];
    const work = deferred<string>();
    const tracked = shutdown.track(work.promise.then((value) => (steps.push('work finished'), value)));
    shutdown.onShutdown(async () => void steps.push('flush store'), 'flush store');
    shutdown.onShutdown(() => void steps.push('destroy client'), 'destroy client');

    signals.emit('SIGTERM');

    expect(shutdown.accepting).toBe(false);
    expect(shutdown.isShuttingDown()).toBe(true);
    expect(shutdown.inFlight).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toEqual([]);
    expect(exits).toEqual([]);

    work.resolve('answer');
    expect(await tracked).toBe('answer');
    expect(await exited).toBe(0);
    expect(steps).toEqual(['work finished', 'flush store', 'destroy client']);
    expect(exits).toEqual([0]);
  });

  it('GIVEN work that never finishes THEN gives up after the timeout, still runs hooks and exits 0', async () => {
    const { shutdown, exits } = aShutdown({ timeoutMs: 30 });
    const hooks: string[] = [];
    void shutdown.track(new Promise(() => undefined));
    shutdown.onShutdown(() => void hooks.push('flush'));

    expect(await shutdown.shutdown('test')).toBe(0);
    expect(hooks).toEqual(['flush']);
    expect(exits).toEqual([0]);
  });

  it('GIVEN work tracked while draining THEN waits for it too', async () => {
    const { shutdown } = aShutdown();
    const first = deferred();
    const second = deferred();
    const order: string[] = [];
    void shutdown.track(first.promise.then(() => void shutdown.track(second.promise.then(() => void order.push('second')))));
    shutdown.onShutdown(() => void order.push('hook'));

    const done = shutdown.shutdown();
    first.resolve();
    setTimeout(() => second.resolve(), 10);

    await done;
    expect(order).toEqual(['second', 'hook']);
  });

  it('GIVEN a second SIGINT during shutdown THEN exits at once with 130', async () => {
    const { shutdown, signals, exits } = aShutdown();
    shutdown.install();
    void shutdown.track(new Promise(() => undefined));
    const hookRan: string[] = [];
    shutdown.onShutdown(() => void hookRan.push('hook'));

    signals.emit('SIGINT');
    signals.emit('SIGINT');

    expect(exits).toEqual([130]);
    expect(hookRan).toEqual([]);
  });

  it('GIVEN SIGINT then SIGTERM THEN the second exits at once with 143', () => {
    const { shutdown, signals, exits } = aShutdown();
    shutdown.install();
    void shutdown.track(new Promise(() => undefined));

    signals.emit('SIGINT');
    signals.emit('SIGTERM');

    expect(exits).toEqual([143]);
  });

  it('GIVEN a hook that throws or hangs THEN the later hooks still run and the exit code is 1', async () => {
    const { shutdown } = aShutdown({ hookTimeoutMs: 30 });
    const ran: string[] = [];
    shutdown.onShutdown(() => {
      throw new Error('flush failed');
    });
    shutdown.onShutdown(() => new Promise<void>(() => undefined), 'hangs');
    shutdown.onShutdown(() => void ran.push('last'));

    expect(await shutdown.shutdown()).toBe(1);
    expect(ran).toEqual(['last']);
  });

  it('GIVEN shutdown has begun THEN run() refuses new work with a shutting_down user error', async () => {
    const { shutdown } = aShutdown();
    let called = false;
    expect(await shutdown.run(async () => 'before')).toBe('before');

    const done = shutdown.shutdown();
    const refused = await shutdown.run(async () => (called = true)).catch((error: unknown) => error);

    expect(isUserError(refused) && refused.code).toBe('shutting_down');
    expect(called).toBe(false);
    expect(() => shutdown.assertAccepting()).toThrow(/restarting/);
    await done;
  });

  it('GIVEN tracked work that rejects THEN the caller sees the rejection and shutdown proceeds', async () => {
    const { shutdown } = aShutdown();
    const failing = shutdown.track(Promise.reject(new Error('delivery failed')));

    await expect(failing).rejects.toThrow('delivery failed');
    expect(shutdown.inFlight).toBe(0);
    expect(await shutdown.shutdown()).toBe(0);
  });

  it('GIVEN shutdown() called twice THEN hooks run once and exit is called once', async () => {
    const { shutdown, exits } = aShutdown();
    let runs = 0;
    shutdown.onShutdown(() => void runs++);

    const [a, b] = await Promise.all([shutdown.shutdown('one'), shutdown.shutdown('two')]);

    expect([a, b]).toEqual([0, 0]);
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('GIVEN IPC enabled WHEN the manager asks to shut down THEN shuts down gracefully, and a later signal is a second signal', async () => {
    const { shutdown, signals, exits, exited } = aShutdown({ ipc: true });
    shutdown.install();
    const work = deferred();
    void shutdown.track(work.promise);

    signals.emit('message', { unrelated: true });
    expect(shutdown.accepting).toBe(true);
    signals.emit('message', { ...SHUTDOWN_MESSAGE });
    expect(shutdown.accepting).toBe(false);
    work.resolve();
    expect(await exited).toBe(0);

    signals.emit('SIGTERM');
    expect(exits).toEqual([0, 143]);
  });

  it('GIVEN IPC enabled WHEN the channel disconnects THEN shuts down', async () => {
    const { shutdown, signals, exited } = aShutdown({ ipc: true });
    shutdown.install();

    signals.emit('disconnect');

    expect(await exited).toBe(0);
  });

  it('GIVEN install() undone THEN signals no longer trigger shutdown', () => {
    const { shutdown, signals } = aShutdown();
    const uninstall = shutdown.install();
    uninstall();
    signals.emit('SIGTERM');
    expect(shutdown.accepting).toBe(true);
  });
});
