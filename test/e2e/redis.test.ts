/**
 * STORE_URL=redis://… with a real redis-server that crashes in the middle of a run and comes back:
 * requests are answered throughout (uncached while Redis is gone), and /healthz tells the truth.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import {
  aFreePort,
  allOutput,
  aRedis,
  aWorkdir,
  botEnv,
  DISCORD_TOKEN,
  FAKE_DISCORD,
  leftoverProcesses,
  OPENAI_KEY,
  poll,
  redisAvailable,
  redisDbSize,
  shownText,
  startBotProcess,
  stopAll,
  stopGracefully,
  trackedAlive,
  waitForFinalAnswer,
  waitForHealth,
  type RedisProcess,
  type Workdir,
} from './harness.js';

const hasRedis = redisAvailable();
if (!hasRedis) console.log('SKIPPED: redis-server is not installed here (`which redis-server` found nothing); the Redis fault test did not run.');

describe('Redis stops in the middle of a run and comes back', () => {
  let discord: FakeDiscord | undefined;
  let openai: FakeOpenAI | undefined;
  let redis: RedisProcess | undefined;
  let work: Workdir | undefined;

  afterAll(async () => {
    await stopAll();
    await redis?.stop();
    await discord?.close();
    await openai?.close();
    work?.cleanup();
    expect(trackedAlive()).toEqual([]);
    expect(leftoverProcesses()).toEqual([]);
    expect(allOutput()).not.toContain(DISCORD_TOKEN);
    expect(allOutput()).not.toContain(OPENAI_KEY);
  });

  (hasRedis ? it : it.skip)(
    'GIVEN STORE_URL=redis://… THEN answers are cached in Redis, still given while Redis is down (uncached, /healthz 503 naming the store), and again after it returns (/healthz 200)',
    async () => {
      discord = await startFakeDiscord(FAKE_DISCORD);
      openai = await startFakeOpenAI({ apiKey: OPENAI_KEY, reply: (request) => `Summary number ${openai?.callCount ?? 0} for ${request.model}.` });
      redis = await aRedis();
      work = aWorkdir();
      const healthPort = await aFreePort();
      const herald = await startBotProcess(
        botEnv(work, discord, { OPENAI_BASE_URL: openai.url, HEALTH_PORT: String(healthPort), STORE_URL: redis.url }),
        work.dir,
      );
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
      expect(await poll(async () => (await redisDbSize(redis!.port)) > 0, 'a key in the restarted Redis')).toBe(true);

      discord.assertNoViolations();
      expect(herald.exit).toBeUndefined();
      expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
    },
    30_000,
  );
});
