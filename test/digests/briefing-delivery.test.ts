import { describe, expect, it } from 'vitest';
import { DigestStoreError } from '../../src/digests/subscriptions.js';
import { discordDirectMessages } from '../../src/discord/digest/direct.js';
import { breakable, channelPosts, useWorlds } from './helpers.js';

const aWorld = useWorlds();

const MEMBER = '700000000000000021';

describe('personal briefings when the store is down', () => {
  it('GIVEN the store is down THEN subscribing says so and creates nothing, and a slot during the outage is delivered once it is back', async () => {
    const world = await aWorld();
    const service = world.restart({ directMessages: discordDirectMessages({ rest: world.rest }) });
    const state = breakable(world);

    state.down = true;
    await expect(service.briefings.subscribe({ member: MEMBER, guildId: undefined, time: '08:00', timezone: 'UTC', language: 'en', length: 'short' })).rejects.toBeInstanceOf(DigestStoreError);
    state.down = false;
    expect(await service.briefings.list(MEMBER)).toHaveLength(0);

    const sub = await service.briefings.subscribe({ member: MEMBER, guildId: undefined, time: '08:00', timezone: 'UTC', language: 'en', length: 'short' });
    expect(sub.guildId).toBe('');
    state.down = true;
    world.clock.set('2026-01-15T08:00:30Z');
    expect((await service.tick()).outcomes.retrying).toBe(1);
    const dm = world.discord.dmChannel(MEMBER).id;
    expect(channelPosts(world.discord, dm)).toHaveLength(0);

    state.down = false;
    world.clock.set('2026-01-15T08:02:00Z');
    expect((await service.tick()).outcomes.posted).toBe(1);
    world.clock.set('2026-01-15T08:03:00Z');
    await service.tick();
    expect(channelPosts(world.discord, dm)).toHaveLength(1);
  });

  it('GIVEN no direct-message channel is configured THEN a due briefing is retried, not lost', async () => {
    const world = await aWorld();
    const sub = await world.service.briefings.subscribe({ member: MEMBER, guildId: world.discord.guild.id, time: '08:00', timezone: 'UTC', language: 'en', length: 'short' });
    world.clock.set('2026-01-15T08:00:30Z');
    expect((await world.service.tick()).outcomes.retrying).toBe(1);
    expect((await world.service.briefings.list(MEMBER))[0]?.subscription.lastSlot).toBeUndefined();
    expect(sub.member).toBe(MEMBER);
  });
});
