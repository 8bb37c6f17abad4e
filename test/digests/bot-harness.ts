/**
 * Herald's bot with the digest service, on the fake Discord: the real discord.js client, the real
 * command router and commands/digest.ts, a settable clock and a manual ticker for the scheduler.
 */
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { loadConfig } from '../../src/config.js';
import { createDigestService, type DigestService } from '../../src/digests/service.js';
import { startBot, type Bot, type InteractionEvent } from '../../src/discord/bot.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import { silentLogger } from '../../src/log.js';
import { AnsweredInteractions, messagesOf } from '../discord/answered.js';
import type { FakeDiscord, PostedMessage } from '../fakes/fake-discord.js';
import { manualTicker, RecordingModel, type TestClock } from './helpers.js';

export interface DigestBot {
  bot: Bot;
  digests: DigestService;
  articles: ArticleStore;
  model: RecordingModel;
  /** Resolves when the router has completely answered this interaction. */
  done(id: string): Promise<InteractionEvent>;
  /** The messages Herald sent for an interaction: the original first, then follow-ups. */
  messagesOf(id: string): PostedMessage[];
  /** Stops scheduler, bot and store (a clean shutdown). */
  stop(): Promise<void>;
}

export async function startDigestBot(discord: FakeDiscord, options: { seedsDir: string; storeUrl: string; clock: TestClock }): Promise<DigestBot> {
  const logger = silentLogger;
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guild.id,
    STORE_URL: options.storeUrl,
    SEEDS_DIR: options.seedsDir,
  });
  const articles = await ArticleStore.open({ dir: options.seedsDir, watch: false, logger });
  const model = new RecordingModel();
  const briefing = new BriefingService({ articles, model, cache: new ResultCache(createKeyv('memory://', { namespace: 'cache', logger }), logger), logger });
  const store = createKeyv(options.storeUrl, { namespace: 'digests', logger });
  // The service is built before the client exists; it reaches the client through this holder.
  const holder: { bot?: Bot } = {};
  const digests = createDigestService({
    store,
    articles,
    briefing,
    channel: discordDigestChannel({
      rest: () => {
        if (!holder.bot) throw new Error('bot not started');
        return holder.bot.client.rest;
      },
      client: () => holder.bot?.client,
    }),
    logger,
    now: options.clock.now,
    ticker: manualTicker,
  });
  const answered = new AnsweredInteractions();
  const started = await startBot(config, { articles, briefing, digests }, logger, {
    responder: { deferAfterMs: 1_000 },
    onInteraction: answered.record,
  });
  holder.bot = started;
  await digests.start();
  return {
    bot: started,
    digests,
    articles,
    model,
    done: (id) => answered.done(id),
    messagesOf: (id) => messagesOf(discord, id),
    async stop() {
      await digests.stop();
      await started.stop();
      articles.close();
      await store.disconnect();
    },
  };
}

/** Text an interaction's answer shows: contents, embed titles, descriptions and fields. */
export function answerText(messages: readonly PostedMessage[]): string {
  return messages
    .flatMap((posted) => {
      const embeds = (posted.message.embeds as { title?: string; description?: string; fields?: { name: string; value: string }[] }[] | undefined) ?? [];
      return [
        posted.message.content ?? '',
        ...embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
      ];
    })
    .filter(Boolean)
    .join('\n');
}
