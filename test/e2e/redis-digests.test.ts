/**
 * STORE_URL=redis://… and Redis stops: /digest commands cannot read or keep subscriptions, and must
 * say "storage unavailable, try again in a minute" in the admin's language, not "something went
 * wrong, error id …".
 */
import { describe, expect, it } from 'vitest';
import { redisOrAnnounceSkip } from '../fakes/redis-server.js';
import { useBotWorld } from './bot-world.js';
import { digestCommand, expectStorageRefusals } from './digest-commands.js';
import { stopGracefully, waitForHealth } from '../support/herald-process.js';

const hasRedis = redisOrAnnounceSkip('the /digest with Redis down test (e2e)');

describe('/digest while Redis is down', () => {
  const world = useBotWorld({
    setUp: 'manual',
    redis: true,
    env: ({ redis }) => ({ STORE_URL: redis.url }),
    herald: 'healthy',
  });

  (hasRedis ? it : it.skip)('GIVEN Redis stops THEN /digest subscribe, list and run answer "storage unavailable" in English and German, and work again once it is back', async () => {
    await world.setUp();
    const { discord, redis, healthPort, herald } = world;
    expect(await digestCommand(discord, 'subscribe')).toContain('Subscribed');

    await redis.stop();
    await waitForHealth(healthPort, 503, 20_000);
    await expectStorageRefusals(discord, 'en-US');
    await expectStorageRefusals(discord, 'de');
    expect(herald.stderr).not.toMatch(/"msg":"interaction failed"/);

    await redis.start();
    await waitForHealth(healthPort, 200, 20_000);
    expect(await digestCommand(discord, 'subscribe')).toContain('Subscribed');
    expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
  }, 60_000);
});
