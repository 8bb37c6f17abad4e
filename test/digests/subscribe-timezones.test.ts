import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import type { SubscribeInput } from '../../src/digests/service.js';
import { SubscriptionStore } from '../../src/digests/subscriptions.js';
import { silentLogger } from '../../src/log.js';
import { resolveTimeZone } from '../../src/time/timezones.js';
import { type DigestWorld, useWorlds } from './helpers.js';

const aWorld = useWorlds();

function input(world: DigestWorld, timezone: string): SubscribeInput {
  return { guildId: world.discord.guild.id, channelId: world.discord.channel('general').id, time: '08:00', timezone, language: 'en', length: 'short', createdBy: world.discord.people.admin.id };
}

async function refusalCode(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return isUserError(error) ? error.code : undefined;
}

describe('digest subscriptions and time-zone spellings', () => {
  it('GIVEN a subscription for Asia/Calcutta THEN the same digest for Asia/Kolkata or asia/calcutta is refused as a duplicate', async () => {
    const world = await aWorld();
    const first = await world.service.subscribe(input(world, 'Asia/Calcutta'));
    expect(first.timezone).toBe(resolveTimeZone('Asia/Kolkata'));
    expect(await refusalCode(world.service.subscribe(input(world, 'Asia/Kolkata')))).toBe('subscription_duplicate');
    expect(await refusalCode(world.service.subscribe(input(world, 'asia/calcutta')))).toBe('subscription_duplicate');
    expect(await world.service.list(world.discord.guild.id)).toHaveLength(1);
  });

  it('GIVEN an old record stored under another spelling THEN list shows the one spelling and a new subscription under it is a duplicate', async () => {
    const world = await aWorld();
    const store = new SubscriptionStore(world.store, { logger: silentLogger });
    const canonical = resolveTimeZone('Asia/Kolkata');
    const other = canonical === 'Asia/Calcutta' ? 'Asia/Kolkata' : 'Asia/Calcutta';
    const old = await store.create({ ...input(world, other), time: '08:00' }, Date.parse('2026-01-01T00:00:00Z'));
    const [status] = await world.service.list(world.discord.guild.id);
    expect(status?.subscription.id).toBe(old.id);
    expect(status?.subscription.timezone).toBe(canonical);
    expect(await refusalCode(world.service.subscribe(input(world, 'Asia/Kolkata')))).toBe('subscription_duplicate');
  });

  it('GIVEN the same time in a different zone THEN it is a new subscription, not a duplicate', async () => {
    const world = await aWorld();
    await world.service.subscribe(input(world, 'Asia/Kolkata'));
    await expect(world.service.subscribe(input(world, 'Europe/Berlin'))).resolves.toMatchObject({ timezone: 'Europe/Berlin' });
  });
});
