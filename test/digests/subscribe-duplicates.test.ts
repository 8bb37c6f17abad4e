import { afterEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import type { SubscribeInput } from '../../src/digests/service.js';
import { startWorld, type DigestWorld } from './helpers.js';

const worlds: DigestWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

describe('/digest subscribe twice at the same moment', () => {
  it('GIVEN two identical subscribes at once THEN exactly one succeeds and the other gets the duplicate refusal naming it', async () => {
    const world = await startWorld({ now: '2026-01-15T06:00:00Z' });
    worlds.push(world);
    const input: SubscribeInput = { guildId: world.discord.guild.id, channelId: world.discord.channel('general').id, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: 'admin' };
    const results = await Promise.allSettled([world.service.subscribe(input), world.service.subscribe({ ...input, time: '8am', language: 'English' })]);
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const refusal = refused[0];
    expect(isUserError(refusal) && refusal.code).toBe('subscription_duplicate');
    expect(isUserError(refusal) && refusal.params).toEqual({ id: created[0]?.id });
    expect(await world.service.list(world.discord.guild.id)).toHaveLength(1);
  });

  it('GIVEN two subscribes at once that differ THEN both succeed', async () => {
    const world = await startWorld({ now: '2026-01-15T06:00:00Z' });
    worlds.push(world);
    const input: SubscribeInput = { guildId: world.discord.guild.id, channelId: world.discord.channel('general').id, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: 'admin' };
    const results = await Promise.allSettled([world.service.subscribe(input), world.service.subscribe({ ...input, length: 'medium' })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });
});
