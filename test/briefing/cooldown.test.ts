import { afterEach, describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/ops/cooldown.js';
import { reply } from '../fakes/fake-openai.js';
import { aWorld, ENGLISH_ID, type World } from './helpers.js';

const worlds: World[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((world) => world.close()));
});

/** A world whose service limits each user to `limit` uncached model requests a minute. */
async function limitedWorld(limit: number): Promise<World> {
  const cooldown = new Cooldown({ limit, windowMs: 60_000 });
  const world = await aWorld({
    memoryEntries: 0,
    admit: (who) => {
      if (who?.userId) cooldown.assertTake(who.userId);
    },
  });
  worlds.push(world);
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
