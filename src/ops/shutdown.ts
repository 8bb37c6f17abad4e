import { constants } from 'node:os';
import { UserError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { Logger } from '../log.js';

/** Where signals (and, in a shard, the manager's IPC messages) come from; `process` by default. */
export interface SignalSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** A step of the shutdown, e.g. flushing the store or destroying the Discord client. */
export type ShutdownHook = () => void | Promise<void>;

export interface ShutdownOptions {
  logger: Logger;
  /** How long in-flight work may take to finish once shutdown starts. Default {@link DRAIN_MS}. */
  timeoutMs?: number;
  /** How long each hook may take; a hook that hangs is abandoned. Default 5,000 ms. */
  hookTimeoutMs?: number;
  /** Ends the process; injected in tests. Default `process.exit`. */
  exit?: (code: number) => void;
  /** Emits SIGTERM/SIGINT (and IPC `message`/`disconnect`). Default `process`. */
  signals?: SignalSource;
  /**
   * Also stop when the parent asks over IPC ({@link SHUTDOWN_MESSAGE}) or the IPC channel closes
   * (the sharding manager is gone). Default: when this process was forked with IPC.
   */
  ipc?: boolean;
}

/** The message a sharding manager sends a shard to make it shut down gracefully. */
export const SHUTDOWN_MESSAGE = Object.freeze({ herald: 'shutdown' as const });

/** True for {@link SHUTDOWN_MESSAGE} (as received over IPC). */
export function isShutdownMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { herald?: unknown }).herald === 'shutdown';
}

/**
 * Coordinates a graceful stop: stop taking new work, let in-flight work finish (bounded), run
 * hooks in the order registered, exit 0 (1 when a hook failed or hung). A second SIGTERM or SIGINT
 * exits at once with 128 + the signal number (143 / 130).
 */
export interface Shutdown {
  /** False once shutdown has begun: handlers should refuse new work. */
  readonly accepting: boolean;
  /** Tracked work not yet settled. */
  readonly inFlight: number;
  isShuttingDown(): boolean;
  /** Registers work that shutdown waits for; returns the same promise (rejections included). */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Starts and tracks work if still accepting; otherwise throws
   * `UserError('shutting_down')` without calling `work`.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Throws `UserError('shutting_down')` once shutdown has begun. */
  assertAccepting(): void;
  /** Adds a hook, run after in-flight work settles (or times out), in registration order. */
  onShutdown(hook: ShutdownHook, name?: string): void;
  /** Begins shutdown (idempotent); resolves with the exit code after `exit` was called. */
  shutdown(reason?: string): Promise<number>;
  /** Listens for SIGTERM/SIGINT (and IPC when enabled); returns a function that stops listening. */
  install(): () => void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * How long work in flight (answers, DMs, digest deliveries) may take once a stop begins, wherever
 * it is drained (README: "up to 10 s").
 */
export const DRAIN_MS = 10_000;

/** Creates a shutdown coordinator; call `install()` once in the entry point. */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? DRAIN_MS;
  const hookTimeoutMs = options.hookTimeoutMs ?? 5_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const source: SignalSource = options.signals ?? process;
  const ipc = options.ipc ?? (source === process && typeof process.send === 'function');

  const pending = new Set<Promise<unknown>>();
  const hooks: { hook: ShutdownHook; name: string }[] = [];
  let stopping: Promise<number> | undefined;

  const refusal = () =>
    new UserError('shutting_down');

  const drain = async (): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    // Work tracked while draining (a delivery finishing its last post) is waited for as well.
    while (pending.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...pending]),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining))),
      ]);
      clearTimeout(timer);
    }
    return true;
  };

  const runHook = async ({ hook, name }: { hook: ShutdownHook; name: string }): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcome = await Promise.race([
        Promise.resolve().then(hook).then(() => 'done' as const),
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), hookTimeoutMs))),
      ]);
      if (outcome === 'timeout') {
        logger.error({ hook: name, hookTimeoutMs }, 'shutdown step did not finish in time; skipped');
        return false;
      }
      logger.debug({ hook: name }, 'shutdown step done');
      return true;
    } catch (error) {
      logger.error({ err: error, hook: name }, 'shutdown step failed');
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  const coordinator: Shutdown = {
    get accepting() {
      return stopping === undefined;
    },
    get inFlight() {
      return pending.size;
    },
    isShuttingDown: () => stopping !== undefined,

    track<T>(work: Promise<T>): Promise<T> {
      pending.add(work);
      const settle = () => void pending.delete(work);
      // then(settle, settle): a rejection stays the caller's to handle, not an unhandled one here.
      work.then(settle, settle);
      return work;
    },

    run<T>(work: () => Promise<T>): Promise<T> {
      if (stopping) return Promise.reject(refusal());
      return coordinator.track(Promise.resolve().then(work));
    },

    assertAccepting() {
      if (stopping) throw refusal();
    },

    onShutdown(hook, name) {
      hooks.push({ hook, name: name ?? (hook.name || `hook ${hooks.length + 1}`) });
    },

    shutdown(reason = 'requested') {
      stopping ??= (async () => {
        logger.info({ reason, inFlight: pending.size, timeoutMs }, 'shutting down: no longer taking new work');
        if (!(await drain())) {
          logger.warn({ abandoned: pending.size, timeoutMs }, 'in-flight work did not finish in time; stopping anyway');
        }
        let code: number = EXIT.ok;
        // Index loop: a hook registered while shutting down still runs.
        for (let i = 0; i < hooks.length; i++) if (!(await runHook(hooks[i]!))) code = EXIT.failed;
        logger.info({ code }, 'shutdown complete');
        flushLogger(logger);
        exit(code);
        return code;
      })();
      return stopping;
    },

    install() {
      const onSignal = (signal: (typeof SIGNALS)[number]) => () => {
        if (stopping) {
          const code = 128 + constants.signals[signal];
          logger.warn({ signal, code }, 'second signal: exiting now');
          flushLogger(logger);
          exit(code);
          return;
        }
        logger.info({ signal }, 'signal received');
        void coordinator.shutdown(signal);
      };
      const listeners = SIGNALS.map((signal) => [signal, onSignal(signal)] as const);
      const onMessage = (message: unknown) => {
        if (isShutdownMessage(message)) void coordinator.shutdown('asked by the sharding manager');
      };
      const onDisconnect = () => void coordinator.shutdown('sharding manager is gone');
      for (const [signal, listener] of listeners) source.on(signal, listener);
      if (ipc) {
        source.on('message', onMessage);
        source.on('disconnect', onDisconnect);
      }
      return () => {
        for (const [signal, listener] of listeners) source.off(signal, listener);
        if (ipc) {
          source.off('message', onMessage);
          source.off('disconnect', onDisconnect);
        }
      };
    },
  };
  return coordinator;
}

function flushLogger(logger: Logger): void {
  try {
    logger.flush();
  } catch {
    // A logger that cannot flush must not keep the process from exiting.
  }
}
