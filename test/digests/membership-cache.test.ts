import { describe, expect, it } from 'vitest';
import type { Membership } from '../../src/digests/channel.js';
import { cachedMembership, MEMBERSHIP_TTL_MS } from '../../src/digests/membership-cache.js';

/** A platform stand-in that answers from a script and counts the questions. */
function aPlatform(answers: Membership[]) {
  const asked: string[] = [];
  return {
    asked,
    ask: (guildId: string, userId: string): Promise<Membership> => {
      asked.push(`${guildId}|${userId}`);
      return Promise.resolve(answers.shift() ?? { status: 'member' });
    },
  };
}

describe('membership answers within one slot', () => {
  it('GIVEN the same member of the same guild asked twice at once and again later in the slot THEN the platform is asked once', async () => {
    const platform = aPlatform([{ status: 'member' }]);
    let now = 0;
    const membership = cachedMembership(platform.ask, () => now);
    const [a, b] = await Promise.all([membership('g1', 'u1'), membership('g1', 'u1')]);
    now += 60_000;
    const c = await membership('g1', 'u1');
    expect([a, b, c].map((m) => m.status)).toEqual(['member', 'member', 'member']);
    expect(platform.asked).toEqual(['g1|u1']);
  });

  it('GIVEN another guild or another member THEN each pair is asked on its own', async () => {
    const platform = aPlatform([]);
    const membership = cachedMembership(platform.ask, () => 0);
    await membership('g1', 'u1');
    await membership('g2', 'u1');
    await membership('g1', 'u2');
    expect(platform.asked).toEqual(['g1|u1', 'g2|u1', 'g1|u2']);
  });

  it('GIVEN the platform could not answer THEN the next lookup asks again instead of reusing the failure', async () => {
    const platform = aPlatform([{ status: 'unknown', failure: { kind: 'transient', status: 500 } }, { status: 'left', code: 10007 }]);
    const membership = cachedMembership(platform.ask, () => 0);
    expect((await membership('g1', 'u1')).status).toBe('unknown');
    expect((await membership('g1', 'u1')).status).toBe('left');
    expect(platform.asked).toHaveLength(2);
  });

  it('GIVEN the answer is older than the slot window THEN the platform is asked again (a member who left since is seen)', async () => {
    const platform = aPlatform([{ status: 'member' }, { status: 'left', code: 10007 }]);
    let now = 0;
    const membership = cachedMembership(platform.ask, () => now);
    await membership('g1', 'u1');
    now += MEMBERSHIP_TTL_MS;
    expect((await membership('g1', 'u1')).status).toBe('left');
  });

  it('GIVEN the lookup throws (no client yet) THEN the error reaches the caller and is not remembered', async () => {
    let calls = 0;
    const membership = cachedMembership(() => (++calls === 1 ? Promise.reject(new Error('not connected')) : Promise.resolve<Membership>({ status: 'member' })), () => 0);
    await expect(membership('g1', 'u1')).rejects.toThrow('not connected');
    expect((await membership('g1', 'u1')).status).toBe('member');
  });
});
