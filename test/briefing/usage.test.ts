import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { UsageTracker } from '../../src/briefing/usage.js';
import { UserError } from '../../src/errors.js';
import { aFaultyMap } from '../cache/helpers.js';

const usage = (promptTokens: number, completionTokens: number) => ({ promptTokens, completionTokens, totalTokens: promptTokens + completionTokens });

/** A clock the test moves by hand. */
function aClock(iso: string): { now: () => Date; set: (iso: string) => void } {
  let current = new Date(iso);
  return { now: () => current, set: (next) => (current = new Date(next)) };
}

describe('UsageTracker', () => {
  it('GIVEN bookings THEN tokens add up per day, per user and per guild under dated keys', async () => {
    const keyv = new Keyv({ namespace: 'usage' });
    const clock = aClock('2025-06-30T10:00:00Z');
    const tracker = new UsageTracker(keyv, { now: clock.now });
    await tracker.record(usage(100, 20), { userId: 'u1', guildId: 'g1' });
    await tracker.record(usage(10, 5), { userId: 'u2', guildId: 'g1' });
    expect(await tracker.today()).toEqual({ date: '2025-06-30', promptTokens: 110, completionTokens: 25, total: 135, requests: 2 });
    expect((await tracker.user('u1')).total).toBe(120);
    expect((await tracker.guild('g1')).total).toBe(135);
    expect(await keyv.get('day:2025-06-30')).toMatchObject({ total: 135 });
    expect(await keyv.get('user:2025-06-30:u2')).toMatchObject({ total: 15 });
  });

  it('GIVEN 30 concurrent bookings THEN none is lost', async () => {
    const tracker = new UsageTracker(new Keyv());
    await Promise.all(Array.from({ length: 30 }, async () => tracker.record(usage(3, 2), { userId: 'u' })));
    expect((await tracker.today()).total).toBe(150);
    expect((await tracker.user('u')).requests).toBe(30);
  });

  it('GIVEN 100 concurrent bookings THEN each key is written a few times, not once per booking, AND every booking counts', async () => {
    const map = new Map<string, unknown>();
    let writes = 0;
    const set = map.set.bind(map);
    map.set = (key: string, value: unknown) => {
      writes += 1;
      return set(key, value);
    };
    const tracker = new UsageTracker(new Keyv({ store: map }));
    await Promise.all(Array.from({ length: 100 }, async (_, i) => tracker.record(usage(3, 2), { userId: `u${i % 2}` })));
    expect(await tracker.today()).toMatchObject({ total: 500, promptTokens: 300, completionTokens: 200, requests: 100 });
    expect(await tracker.user('u0')).toMatchObject({ total: 250, requests: 50 });
    expect(await tracker.user('u1')).toMatchObject({ total: 250, requests: 50 });
    // The day key and two user keys: the first booking of each, then one write for the rest.
    expect(writes).toBeLessThanOrEqual(6);
  });

  it('GIVEN a booking made while an earlier write of its key is under way THEN it is in the store when its promise resolves', async () => {
    const keyv = new Keyv();
    const tracker = new UsageTracker(keyv, { now: () => new Date('2025-06-30T10:00:00Z') });
    const first = tracker.record(usage(1, 1));
    await Promise.resolve();
    await tracker.record(usage(10, 10));
    expect(await keyv.get('day:2025-06-30')).toMatchObject({ total: 22, requests: 2 });
    await first;
  });

  it('GIVEN a budget THEN it allows calls until spent, refuses after, and opens again at 00:00 UTC', async () => {
    const clock = aClock('2025-06-30T23:59:00Z');
    const tracker = new UsageTracker(new Keyv(), { dailyBudget: 100, now: clock.now });
    await expect(tracker.assertBudget()).resolves.toBeUndefined();
    await tracker.record(usage(80, 20));
    const refused = await tracker.assertBudget().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'budget_exhausted', params: { budget: 100, resetsAt: '2025-07-01T00:00:00.000Z' } });
    clock.set('2025-07-01T00:00:01Z');
    await expect(tracker.assertBudget()).resolves.toBeUndefined();
  });

  it('GIVEN no budget THEN nothing is ever refused', async () => {
    const tracker = new UsageTracker(new Keyv());
    await tracker.record(usage(1_000_000, 1_000_000));
    await expect(tracker.assertBudget()).resolves.toBeUndefined();
  });

  it('GIVEN a provider that reports no usage (zeros) THEN nothing breaks and nothing is counted', async () => {
    const tracker = new UsageTracker(new Keyv());
    await tracker.record({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
    // @ts-expect-error: a provider sending garbage instead of numbers
    await tracker.record({ promptTokens: 'x', completionTokens: null, totalTokens: -5 });
    expect((await tracker.today()).total).toBe(0);
  });

  it('GIVEN the store fails THEN booking never throws AND a budget spent in this process stays spent', async () => {
    const { map } = aFaultyMap();
    const tracker = new UsageTracker(new Keyv(map), { dailyBudget: 10 });
    await expect(tracker.record(usage(20, 0), { userId: 'u' })).resolves.toBeUndefined();
    await expect(tracker.assertBudget()).rejects.toMatchObject({ code: 'budget_exhausted' });
  });

  it('GIVEN another process booked tokens in the shared store THEN the budget counts them', async () => {
    const keyv = new Keyv();
    await new UsageTracker(keyv).record(usage(60, 0));
    const here = new UsageTracker(keyv, { dailyBudget: 50 });
    await expect(here.assertBudget()).rejects.toMatchObject({ code: 'budget_exhausted' });
  });
});
