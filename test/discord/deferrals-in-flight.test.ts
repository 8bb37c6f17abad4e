import { describe, expect, it } from 'vitest';
import { DeferralsInFlight } from '../../src/discord/deferrals-in-flight.js';

function pending(): { promise: Promise<void>; confirm: () => void; fail: () => void } {
  let confirm!: () => void;
  let fail!: () => void;
  const promise = new Promise<void>((resolve, reject) => {
    confirm = resolve;
    fail = () => reject(new Error('Discord said no'));
  });
  return { promise, confirm, fail };
}

/** Whether `promise` has settled once the queued callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** `size` deferrals sent one after another, each followed by a model call's wait; `ended` tells which waits are over. */
function aBurst(size: number): { sent: Array<ReturnType<typeof pending>>; ended: () => Promise<boolean[]> } {
  const deferrals = new DeferralsInFlight();
  const sent = Array.from({ length: size }, () => pending());
  const waits: Array<Promise<void>> = [];
  for (const deferral of sent) {
    deferrals.track(deferral.promise);
    waits.push(deferrals.sentSoFarSettled());
  }
  return { sent, ended: async () => Promise.all(waits.map(isSettled)) };
}

describe('deferrals in flight', () => {
  it('GIVEN nothing pending THEN the wait is over at once', async () => {
    expect(await isSettled(new DeferralsInFlight().sentSoFarSettled())).toBe(true);
  });

  it('GIVEN two deferrals sent THEN the wait ends when both settled, a failure counting as settled', async () => {
    const deferrals = new DeferralsInFlight();
    const first = pending();
    const second = pending();
    deferrals.track(first.promise);
    deferrals.track(second.promise);
    const wait = deferrals.sentSoFarSettled();
    second.confirm();
    expect(await isSettled(wait)).toBe(false);
    first.fail();
    expect(await isSettled(wait)).toBe(true);
  });

  it('GIVEN a deferral sent after the wait began THEN the wait does not wait for it', async () => {
    const deferrals = new DeferralsInFlight();
    const earlier = pending();
    const later = pending();
    deferrals.track(earlier.promise);
    const wait = deferrals.sentSoFarSettled();
    deferrals.track(later.promise);
    earlier.confirm();
    expect(await isSettled(wait)).toBe(true);
    expect(await isSettled(deferrals.sentSoFarSettled())).toBe(false);
    later.confirm();
  });

  it('GIVEN a burst of waits and deferrals settling newest first THEN each wait ends exactly when every deferral sent before it has settled', async () => {
    const { sent, ended } = aBurst(6);
    for (const deferral of sent.slice(1).reverse()) deferral.confirm();
    expect(await ended()).toEqual([false, false, false, false, false, false]);
    sent[0]?.fail();
    expect(await ended()).toEqual([true, true, true, true, true, true]);
  });

  it('GIVEN deferrals settling oldest first THEN the waits end one by one, in order', async () => {
    const { sent, ended } = aBurst(3);
    sent[0]?.confirm();
    expect(await ended()).toEqual([true, false, false]);
    sent[2]?.confirm();
    expect(await ended()).toEqual([true, false, false]);
    sent[1]?.confirm();
    expect(await ended()).toEqual([true, true, true]);
  });
});
