import { describe, expect, it } from 'vitest';
import { nextAttemptDelay, parseRetryAfter } from '../../../src/sources/fetch/retry.js';

const now = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5_000],
    ['Sat, 01 Mar 2025 12:01:30 GMT', 90_000],
    ['Sat, 01 Mar 2025 11:00:00 GMT', 0],
  ])('GIVEN Retry-After %j THEN %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([undefined, '', 'soon', '-5', '1.5', 'NaN'])('GIVEN Retry-After %j THEN no delay is claimed', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('nextAttemptDelay', () => {
  const noJitter = { random: () => 1 };

  it('GIVEN a Retry-After THEN exactly that delay, whatever the attempt', () => {
    expect(nextAttemptDelay({ kind: 'failed', reason: 'rate_limited', status: 429, retryAfterMs: 90_000 }, 1, noJitter)).toBe(90_000);
    expect(nextAttemptDelay({ kind: 'failed', reason: 'rate_limited', status: 503, retryAfterMs: 5_000 }, 7, noJitter)).toBe(5_000);
  });

  it('GIVEN an absurd Retry-After THEN it is capped at the maximum', () => {
    const week = 7 * 24 * 3_600_000;
    expect(nextAttemptDelay({ kind: 'failed', reason: 'rate_limited', retryAfterMs: week }, 1, { maxMs: 3_600_000 })).toBe(3_600_000);
  });

  it('GIVEN no Retry-After THEN the delay doubles per attempt up to the cap', () => {
    const failure = { kind: 'failed', reason: 'rate_limited' } as const;
    const delays = [1, 2, 3, 4, 10, 40].map((attempt) => nextAttemptDelay(failure, attempt, { baseMs: 1_000, maxMs: 10_000, ...noJitter }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('GIVEN jitter THEN the delay stays between half and all of the backoff', () => {
    const failure = { kind: 'failed', reason: 'network' } as const;
    expect(nextAttemptDelay(failure, 3, { baseMs: 1_000, random: () => 0 })).toBe(2_000);
    expect(nextAttemptDelay(failure, 3, { baseMs: 1_000, random: () => 0.5 })).toBe(3_000);
  });

  it('GIVEN attempt 0 or a negative attempt THEN it is treated as the first', () => {
    const failure = { kind: 'failed', reason: 'timeout' } as const;
    expect(nextAttemptDelay(failure, 0, { baseMs: 1_000, ...noJitter })).toBe(1_000);
  });
});
