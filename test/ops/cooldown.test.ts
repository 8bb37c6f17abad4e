import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { Cooldown, cooldownError, createCooldown } from '../../src/ops/cooldown.js';
import { ENGLISH_ID, type World, useWorlds } from '../briefing/helpers.js';
import { reply } from '../fakes/fake-openai.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('Cooldown', () => {
  it('GIVEN the default limit THEN allows 5 requests a minute and refuses the 6th with the time to wait', () => {
    const clock = fakeClock();
    const cooldown = new Cooldown({ now: clock.now });

    for (let i = 0; i < 5; i++) {
      expect(cooldown.take('alice')).toEqual({ ok: true });
      clock.advance(1_000);
    }

    // First request was 5 s ago: it leaves the 60 s window in 55 s.
    expect(cooldown.take('alice')).toEqual({ ok: false, retryAfterMs: 55_000 });
  });

  it('GIVEN the window slides THEN one slot frees up exactly when the oldest request leaves it', () => {
    const clock = fakeClock();
    const cooldown = new Cooldown({ limit: 2, now: clock.now });
    cooldown.take('u'); // t=0
    clock.advance(10_000);
    cooldown.take('u'); // t=10s

    clock.advance(49_999); // t=59.999s
    expect(cooldown.take('u')).toEqual({ ok: false, retryAfterMs: 1 });
    clock.advance(1); // t=60s: the t=0 request is out
    expect(cooldown.take('u')).toEqual({ ok: true });
    // Now t=10s and t=60s are in the window; the next slot opens at t=70s.
    expect(cooldown.take('u')).toEqual({ ok: false, retryAfterMs: 10_000 });
  });

  it('GIVEN refused attempts THEN they do not count against the user', () => {
    const clock = fakeClock();
    const cooldown = new Cooldown({ limit: 1, now: clock.now });
    cooldown.take('u');
    for (let i = 0; i < 10; i++) cooldown.take('u');

    clock.advance(60_000);
    expect(cooldown.take('u')).toEqual({ ok: true });
  });

  it('GIVEN two users THEN each has their own window', () => {
    const cooldown = new Cooldown({ limit: 1, now: fakeClock().now });

    expect(cooldown.take('alice').ok).toBe(true);
    expect(cooldown.take('bob').ok).toBe(true);
    expect(cooldown.take('alice').ok).toBe(false);
  });

  it('GIVEN peek THEN it reports without counting; GIVEN reset THEN the user starts fresh', () => {
    const cooldown = new Cooldown({ limit: 1, now: fakeClock().now });

    expect(cooldown.peek('u')).toEqual({ ok: true });
    expect(cooldown.take('u')).toEqual({ ok: true });
    expect(cooldown.peek('u').ok).toBe(false);
    cooldown.reset('u');
    expect(cooldown.take('u')).toEqual({ ok: true });
  });

  it('GIVEN assertTake over the limit THEN throws the cooldown user error with seconds', () => {
    const clock = fakeClock();
    const cooldown = createCooldown({ USER_COOLDOWN_PER_MINUTE: 1 }, clock.now);
    cooldown.assertTake('u');
    clock.advance(30_500);

    const error = (() => {
      try {
        cooldown.assertTake('u');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();

    expect(isUserError(error)).toBe(true);
    expect(isUserError(error) && error.code).toBe('cooldown');
    expect(isUserError(error) && error.message).toBe("You’re going fast — try again in 30 seconds.");
    expect(isUserError(error) && error.params).toEqual({ seconds: 30 });
  });

  it('GIVEN many idle users THEN memory is swept back to the active ones', () => {
    const clock = fakeClock();
    const cooldown = new Cooldown({ now: clock.now });
    for (let i = 0; i < 1_500; i++) cooldown.take(`user-${i}`);
    clock.advance(120_000);
    for (let i = 0; i < 1_000; i++) cooldown.take('active');

    expect(cooldown.trackedUsers).toBeLessThan(10);
  });

  it('GIVEN an invalid limit THEN the constructor refuses it', () => {
    expect(() => new Cooldown({ limit: 0 })).toThrow(RangeError);
    expect(() => new Cooldown({ windowMs: 0 })).toThrow(RangeError);
  });
});

describe('cooldownError', () => {
  it('GIVEN a sub-second or fractional wait THEN rounds up to whole seconds, at least 1, singular for 1', () => {
    expect(cooldownError(1).message).toBe("You’re going fast — try again in 1 second.");
    expect(cooldownError(1_001).params).toEqual({ seconds: 2 });
    expect(cooldownError(59_000).message).toBe("You’re going fast — try again in 59 seconds.");
  });
});

const aWorld = useWorlds();

/** A world whose service limits each user to `limit` uncached model requests a minute. */
async function limitedWorld(limit: number): Promise<World> {
  const cooldown = new Cooldown({ limit, windowMs: 60_000 });
  const world = await aWorld({
    memoryEntries: 0,
    admit: (who) => {
      if (who?.userId) cooldown.assertTake(who.userId);
    },
  });
  return world;
}

describe('per-user cooldown in the briefing service', () => {
  it('GIVEN a user over the limit and another user asking the same uncached question at once THEN only the first is refused', async () => {
    const world = await limitedWorld(1);
    await world.service.summarize(ENGLISH_ID, { length: 'short', language: 'de' }, { userId: 'alice' });
    world.fake?.setDefault(reply.text('A short summary.', { delayMs: 300 }));

    const [alice, bob] = await Promise.allSettled([
      world.service.summarize(ENGLISH_ID, { length: 'long' }, { userId: 'alice' }),
      world.service.summarize(ENGLISH_ID, { length: 'long' }, { userId: 'bob' }),
    ]);

    expect(alice.status).toBe('rejected');
    expect(alice.status === 'rejected' && (alice.reason as { code?: string }).code).toBe('cooldown');
    expect(bob.status).toBe('fulfilled');
    expect(bob.status === 'fulfilled' && bob.value.paragraphs.join(' ')).toContain('A short summary.');
  });

  it('GIVEN a user over the limit THEN cached answers are still served to them', async () => {
    const world = await limitedWorld(1);
    const first = await world.service.summarize(ENGLISH_ID, { length: 'short', language: 'de' }, { userId: 'alice' });
    const again = await world.service.summarize(ENGLISH_ID, { length: 'short', language: 'de' }, { userId: 'alice' });
    expect(again.cached).toBe(true);
    expect(again.paragraphs).toEqual(first.paragraphs);
    await expect(world.service.summarize(ENGLISH_ID, { length: 'long', language: 'de' }, { userId: 'alice' })).rejects.toMatchObject({
      code: 'cooldown',
    });
  });
});
