import { describe, expect, it } from 'vitest';
import { memoize } from '../src/memo.js';

describe('memoize', () => {
  it('GIVEN the same input twice THEN the function runs once and both calls get its result', () => {
    const inputs: string[] = [];
    const upper = memoize((input) => {
      inputs.push(input);
      return input.toUpperCase();
    });
    expect([upper('de'), upper('de'), upper('fr')]).toEqual(['DE', 'DE', 'FR']);
    expect(inputs).toEqual(['de', 'fr']);
  });

  it('GIVEN a result of undefined THEN it is remembered like any other', () => {
    let calls = 0;
    const nothing = memoize(() => {
      calls += 1;
      return undefined;
    });
    nothing('xx');
    nothing('xx');
    expect(calls).toBe(1);
  });

  it('GIVEN more inputs than it keeps THEN the oldest is forgotten and computed again, so memory stays bounded', () => {
    const inputs: string[] = [];
    const same = memoize((input) => {
      inputs.push(input);
      return input;
    }, 2);
    same('a');
    same('b');
    same('c');
    same('b');
    same('a');
    expect(inputs).toEqual(['a', 'b', 'c', 'a']);
  });

  it('GIVEN a function that throws THEN the error reaches the caller and nothing is remembered', () => {
    let calls = 0;
    const failing = memoize(() => {
      calls += 1;
      throw new Error('no');
    });
    expect(() => failing('x')).toThrow('no');
    expect(() => failing('x')).toThrow('no');
    expect(calls).toBe(2);
  });
});
