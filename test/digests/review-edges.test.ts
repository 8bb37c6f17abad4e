/**
 * Digest edges found in review: a shutdown cutting a composition short must not leave an offline
 * digest to be posted later, and resuming a paused digest by hand settles the slot it missed.
 */
import { describe, expect, it } from 'vitest';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { cancellableModel } from '../../src/llm/cancellable-model.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/types.js';
import { silentLogger } from '../../src/log.js';
import { channelPosts, useWorlds } from './helpers.js';

const aWorld = useWorlds();

/** A healthy but slow model: it answers only when cancelled, by rejecting with the reason. */
const slowModel: LanguageModel = {
  provider: 'fake',
  model: 'slow',
  generate: (options: GenerateOptions) =>
    new Promise<GenerateResult>((_, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason as Error))),
  stream: () => {
    throw new Error('not used by digests');
  },
};

describe('digest edges', () => {
  it('GIVEN a stop while a digest is being written THEN the model calls cut short leave no offline digest recorded (the next start composes the slot again)', async () => {
    const world = await aWorld();
    const cancellable = cancellableModel(slowModel);
    const cache = new ResultCache(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }), silentLogger);
    const service = world.restart({ briefing: new BriefingService({ articles: world.articles, model: cancellable.model, cache, logger: silentLogger }) });
    const general = world.discord.channel('general').id;
    const sub = await service.subscribe({ guildId: world.discord.guild.id, channelId: general, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: 'admin' });
    world.clock.set(Date.parse('2026-01-15T07:00:30Z'));
    const tick = service.tick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // As src/run-bot.ts does on SIGTERM: digests stop at once, model calls are ended near the deadline.
    const stopping = service.stop();
    cancellable.cancelAll('Herald is restarting');
    await Promise.all([tick, stopping]);
    expect(channelPosts(world.discord, general)).toHaveLength(0);
    const record = (await world.store.get(`sub:${sub.id}`)) as { delivery?: { messages?: unknown[] } } | undefined;
    expect(record?.delivery?.messages).toBeUndefined();
  });

  for (const [label, resumeAt] of [['13 h', '2026-01-15T20:00:00Z'], ['5 h', '2026-01-15T12:00:00Z']] as const) {
    it(`GIVEN a digest paused over its slot and resumed by /digest run ${label} later THEN the next tick neither blames the store nor posts the old slot`, async () => {
      const world = await aWorld();
      const general = world.discord.channel('general').id;
      const sub = await world.service.subscribe({ guildId: world.discord.guild.id, channelId: general, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: 'admin' });
      await world.store.set(`sub:${sub.id}`, { ...sub, pausedReason: 'Herald lost access to the channel (Discord error 50001)' });
      await world.service.start();
      world.clock.set(Date.parse('2026-01-15T07:00:30Z'));
      await world.service.tick();
      world.clock.set(Date.parse(resumeAt));
      const [run] = await world.service.runNow(world.discord.guild.id, sub.id);
      expect(run?.status).toBe('posted');
      const posts = channelPosts(world.discord, general).length;
      world.clock.set(Date.parse(resumeAt) + 60_000);
      expect((await world.service.tick()).due).toBe(0);
      const stored = (await world.store.get(`sub:${sub.id}`)) as { lastOutcome?: { status: string } };
      expect(stored.lastOutcome?.status).toBe('posted');
      expect(channelPosts(world.discord, general)).toHaveLength(posts);
    });
  }
});
