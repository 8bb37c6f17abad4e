import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../src/sources/fetch/host-limiter.js';

/** A task the test finishes by hand, recording how many tasks per host ran at once. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('host limiter', () => {
  it('GIVEN five tasks for one host and a limit of 2 THEN at most two run at once and all finish in order', async () => {
    const limiter = createHostLimiter(2);
    const gates = Array.from({ length: 5 }, gate);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = gates.map((g, i) =>
      limiter.run('news.example', async () => {
        running += 1;
        most = Math.max(most, running);
        started.push(i);
        await g.promise;
        running -= 1;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    for (const g of gates) {
      g.open();
      await tick();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.hosts).toBe(0);
  });

  it('GIVEN one host busy THEN another host is not held up', async () => {
    const limiter = createHostLimiter(1);
    const busy = gate();
    const first = limiter.run('slow.example', () => busy.promise);
    const other = await limiter.run('fast.example', async () => 'done');
    expect(other).toBe('done');
    busy.open();
    await first;
  });

  it('GIVEN a task that throws THEN its slot is freed for the next one', async () => {
    const limiter = createHostLimiter(1);
    await expect(limiter.run('h', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('h', async () => 'next')).resolves.toBe('next');
    expect(limiter.hosts).toBe(0);
  });

  it('GIVEN a waiting task whose signal aborts THEN it leaves the queue without running', async () => {
    const limiter = createHostLimiter(1);
    const busy = gate();
    const first = limiter.run('h', () => busy.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(
      'h',
      async () => {
        ran = true;
      },
      controller.signal,
    );
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    busy.open();
    await first;
    expect(ran).toBe(false);
    expect(limiter.hosts).toBe(0);
  });

  it('GIVEN an already aborted signal THEN the task never runs', async () => {
    const limiter = createHostLimiter(2);
    await expect(limiter.run('h', async () => 'ran', AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('GIVEN host names differing only in case THEN they share one queue', async () => {
    const limiter = createHostLimiter(1);
    const busy = gate();
    const first = limiter.run('News.Example', () => busy.promise);
    let second = false;
    const next = limiter.run('news.example', async () => {
      second = true;
    });
    await tick();
    expect(second).toBe(false);
    busy.open();
    await Promise.all([first, next]);
    expect(second).toBe(true);
  });
});
