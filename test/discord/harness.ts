/**
 * Starts the whole Discord side of Herald for end-to-end tests: a fake Discord and a fake OpenAI on
 * 127.0.0.1, real articles in a temporary folder, the real services, and startBot with the real
 * discord.js client connected through DISCORD_API_URL.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService, type BriefingServiceDeps } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { loadConfig, type Config } from '../../src/config.js';
import { startBot, type Bot, type InteractionEvent, type StartBotOptions } from '../../src/discord/bot.js';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type PostedMessage } from '../fakes/fake-discord.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../fakes/fake-openai.js';
import { AnsweredInteractions, messagesOf } from './answered.js';

import { SEEDS, type SeedArticle } from './harness-seeds.js';

export { SEEDS, type SeedArticle } from './harness-seeds.js';

/** Everything a test talks to. */
export interface Herald {
  discord: FakeDiscord;
  openai: FakeOpenAI;
  bot: Bot;
  articles: ArticleStore;
  briefing: BriefingService;
  config: Config;
  seedsDir: string;
  /** Every answered interaction / DM, in the order they finished. */
  finished: InteractionEvent[];
  /** Resolves when the router (or DM handler) is completely done with this interaction / message id. */
  done(id: string, timeoutMs?: number): Promise<InteractionEvent>;
  /** Every message the bot sent for an interaction: the original first, then follow-ups. */
  messagesOf(id: string): PostedMessage[];
  stop(): Promise<void>;
}

/** Options of startHerald. */
export interface HeraldOptions {
  discord?: FakeDiscordOptions;
  openai?: FakeOpenAIOptions;
  seeds?: Record<string, SeedArticle | string>;
  /** Reuse a running fake Discord (second start of the bot). */
  reuseDiscord?: FakeDiscord;
  reuseOpenAI?: FakeOpenAI;
  /** Register globally instead of in the fake's first guild. */
  global?: boolean;
  bot?: StartBotOptions;
  logger?: Logger;
  /** No language model: the offline engine answers (the fake OpenAI still runs, unasked). */
  offline?: boolean;
  /** Limits the service enforces before a model call (cooldown hook, daily budget). */
  briefing?: Pick<BriefingServiceDeps, 'admit' | 'usage'>;
}

/** Starts fakes, services and the bot. */
export async function startHerald(options: HeraldOptions = {}): Promise<Herald> {
  const discord = options.reuseDiscord ?? (await startFakeDiscord(options.discord));
  const openai = options.reuseOpenAI ?? (await startFakeOpenAI(options.openai));
  const seedsDir = await mkdtemp(path.join(tmpdir(), 'herald-discord-'));
  for (const [id, seed] of Object.entries(options.seeds ?? SEEDS)) {
    const text = typeof seed === 'string' ? seed : [seed.headline, '', ...seed.paragraphs.flatMap((p) => [p, ''])].join('\n');
    await writeFile(path.join(seedsDir, `${id}.txt`), text);
  }
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    ...(options.global ? {} : { DISCORD_GUILD_ID: discord.guild.id }),
    OPENAI_BASE_URL: openai.url,
    OPENAI_API_KEY: 'sk-test-key',
    LLM_MODEL: 'fake-model',
    STORE_URL: 'memory://',
    SEEDS_DIR: seedsDir,
  });
  const logger = options.logger ?? silentLogger;
  const articles = await ArticleStore.open({ dir: seedsDir, watch: false, logger });
  const model = createOpenAIModel({
    baseURL: openai.url,
    apiKey: 'sk-test-key',
    model: 'fake-model',
    timeoutMs: 10_000,
    maxRetries: 0,
  });
  const cache = new ResultCache(createKeyv('memory://', { namespace: 'results', logger }), logger);
  const briefing = new BriefingService({ articles, ...(options.offline ? {} : { model }), cache, logger, ...options.briefing });

  const answered = new AnsweredInteractions();
  const bot = await startBot(config, { articles, briefing }, logger, {
    ...options.bot,
    onInteraction: (event) => {
      answered.record(event);
      options.bot?.onInteraction?.(event);
    },
  });

  return {
    discord,
    openai,
    bot,
    articles,
    briefing,
    config,
    seedsDir,
    finished: answered.finished,
    done: (id, timeoutMs) => answered.done(id, timeoutMs),
    messagesOf: (id) => messagesOf(discord, id),
    async stop() {
      await bot.stop();
      articles.close();
      if (!options.reuseDiscord) await discord.close();
      if (!options.reuseOpenAI) await openai.close();
      await rm(seedsDir, { recursive: true, force: true });
    },
  };
}

/** All text a set of messages shows: content and embed descriptions, in order. */
export function shownText(messages: readonly PostedMessage[]): string {
  return messages
    .flatMap((posted) => [
      ...(posted.message.content ? [posted.message.content] : []),
      ...((posted.message.embeds as { description?: string }[] | undefined) ?? []).map((embed) => embed.description ?? ''),
    ])
    .join('\n\n');
}

/** The embeds of a set of messages, flattened. */
export function embedsOf(messages: readonly PostedMessage[]): { title?: string; description?: string; footer?: { text: string } }[] {
  return messages.flatMap((posted) => (posted.message.embeds as { title?: string; description?: string; footer?: { text: string } }[]) ?? []);
}
