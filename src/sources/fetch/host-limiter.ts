/**
 * At most `perHost` tasks per host at once, the rest waiting in arrival order. Being a good citizen
 * to a site hosting many feeds matters more than finishing a poll cycle a little sooner.
 */
export interface HostLimiter {
  /** Runs `work` once `host` has a free slot; a `signal` aborting while it waits takes it off the queue. */
  run<T>(host: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Hosts with work running or waiting (0 when idle: nothing is kept per host). */
  readonly hosts: number;
}

interface HostQueue {
  running: number;
  waiting: Array<() => void>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  const queues = new Map<string, HostQueue>();

  function acquire(key: string, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    let queue = queues.get(key);
    if (!queue) {
      queue = { running: 0, waiting: [] };
      queues.set(key, queue);
    }
    if (queue.running < perHost) {
      queue.running += 1;
      return Promise.resolve();
    }
    const waiting = queue.waiting;
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        waiting.splice(waiting.indexOf(start), 1);
        forgetIfIdle(key);
        reject(signal?.reason as Error);
      };
      // The slot is handed over by release(), which already counted it as running.
      const start = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      waiting.push(start);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function release(key: string): void {
    const queue = queues.get(key);
    if (!queue) return;
    const next = queue.waiting.shift();
    if (next) next();
    else {
      queue.running -= 1;
      forgetIfIdle(key);
    }
  }

  function forgetIfIdle(key: string): void {
    const queue = queues.get(key);
    if (queue && queue.running === 0 && queue.waiting.length === 0) queues.delete(key);
  }

  return {
    async run<T>(host: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const key = host.toLowerCase();
      await acquire(key, signal);
      try {
        return await work();
      } finally {
        release(key);
      }
    },
    get hosts() {
      return queues.size;
    },
  };
}
