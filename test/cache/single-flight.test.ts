import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../src/cache/single-flight.js';

/** A promise the test settles by hand. */
function aGate<T>(): { promise: Promise<T>; open: (value: T) => void; fail: (error: Error) => void } {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('SingleFlight', () => {
  it('GIVEN 50 concurrent runs of one key THEN the work runs once and all get its result', async () => {
    const flight = new SingleFlight<string>();
    const gate = aGate<string>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return gate.promise;
    };
    const results = Array.from({ length: 50 }, () => flight.run('k', work));
    gate.open('answer');
    expect(await Promise.all(results)).toEqual(Array.from({ length: 50 }, () => 'answer'));
    expect(runs).toBe(1);
  });

  it('GIVEN different keys THEN each runs its own work', async () => {
    const flight = new SingleFlight<string>();
    const [a, b] = await Promise.all([flight.run('a', () => Promise.resolve('A')), flight.run('b', () => Promise.resolve('B'))]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('GIVEN the shared work fails THEN every waiter gets the error AND the next run starts afresh', async () => {
    const flight = new SingleFlight<string>();
    const gate = aGate<string>();
    const first = flight.run('k', () => gate.promise);
    const second = flight.run('k', () => Promise.resolve('never used'));
    gate.fail(new Error('upstream down'));
    await expect(first).rejects.toThrow('upstream down');
    await expect(second).rejects.toThrow('upstream down');
    expect(flight.size).toBe(0);
    await expect(flight.run('k', () => Promise.resolve('fresh'))).resolves.toBe('fresh');
  });

  it('GIVEN work that throws synchronously THEN the run rejects instead of throwing', async () => {
    const flight = new SingleFlight<string>();
    const work = (() => {
      throw new Error('sync');
    }) as () => Promise<string>;
    await expect(flight.run('k', work)).rejects.toThrow('sync');
    expect(flight.size).toBe(0);
  });
});
