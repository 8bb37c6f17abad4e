/**
 * STORE_URL=redis://… with a real redis-server that crashes in the middle of a run and comes back:
 * requests are answered throughout (uncached while Redis is gone), and /healthz tells the truth.
 */
import { describe, expect, it } from 'vitest';
import { redisOrAnnounceSkip } from '../fakes/redis-server.js';
import { useBotWorld } from './bot-world.js';
import { redisDbSize } from '../fakes/redis-server.js';
import { OPENAI_KEY, poll, shownText, stopGracefully, waitForFinalAnswer, waitForHealth } from '../support/herald-process.js';

const hasRedis = redisOrAnnounceSkip('the Redis fault test (e2e)');

describe('Redis stops in the middle of a run and comes back', () => {
  // Set up inside the test: nothing starts when it is skipped.
  const world = useBotWorld({
    setUp: 'manual',
    openai: { apiKey: OPENAI_KEY, reply: (request) => `<headline>Ford held talks with Xiaomi</headline>\n\nSummary number ${world.openai.callCount} for ${request.model}.` },
    redis: true,
    env: ({ redis }) => ({ STORE_URL: redis.url }),
    herald: 'running',
  });

  (hasRedis ? it : it.skip)(
    'GIVEN STORE_URL=redis://… THEN answers are cached in Redis, still given while Redis is down (uncached, /healthz 503 naming the store), and again after it returns (/healthz 200)',
    async () => {
      await world.setUp();
      const { discord, openai, redis, healthPort, herald } = world;
      const fake = discord;
      const ask = async (length: string) => {
        const interaction = fake.sendCommand('summarize', { article: 'ford', length });
        const answer = await waitForFinalAnswer(fake, interaction.id, (m) => /Summary number \d+/.test(shownText(m)));
        return shownText(answer);
      };
      await waitForHealth(healthPort, 200);

      // Redis up: the model once, and the result lands in Redis.
      expect(await ask('short')).toContain('fresh');
      expect(openai.callCount).toBe(1);
      expect(await redisDbSize(redis.port)).toBeGreaterThan(0);
      expect(await ask('short')).toContain('cached');
      expect(openai.callCount).toBe(1);

      // Redis crashes: /healthz says the store is why it is unhealthy, and a new request is still
      // answered, from the model (nothing can be cached now).
      await redis.stop();
      const down = await waitForHealth(healthPort, 503, 20_000);
      expect((JSON.parse(down) as { reasons: string[] }).reasons.some((reason) => reason.startsWith('store: '))).toBe(true);
      const whileDown = await ask('medium');
      expect(whileDown).toContain('fresh');
      expect(openai.callCount).toBe(2);

      // Redis is back (empty: no persistence): healthy again, answers keep coming and are cached again.
      await redis.start();
      await waitForHealth(healthPort, 200, 20_000);
      expect(await ask('long')).toContain('fresh');
      expect(openai.callCount).toBe(3);
      expect(await ask('long')).toContain('cached');
      expect(await poll(async () => (await redisDbSize(redis.port)) > 0, 'a key in the restarted Redis')).toBe(true);

      discord.assertNoViolations();
      expect(herald.exit).toBeUndefined();
      expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
    },
    30_000,
  );
});
