import { afterAll, afterEach, beforeAll } from 'vitest';
/**
 * Herald in this test's process: a fake Discord and a fake OpenAI on 127.0.0.1, real articles in a
 * temporary folder, Herald built by createHerald (the wiring `npm start` runs), and startBot with
 * the real discord.js client connected through DISCORD_API_URL. For Herald as a child process, as a
 * host runs it, see ./herald-process.ts.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleCatalog } from '../../src/sources/catalog.js';
import type { BriefingService } from '../../src/briefing/service.js';
import { loadConfig, type Config } from '../../src/config.js';
import { startBot, type Bot, type InteractionEvent, type StartBotOptions } from '../../src/discord/bot.js';
import type { DigestService } from '../../src/digests/service.js';
import type { Ticker } from '../../src/digests/scheduler.js';
import { createHerald, type BotHerald, type HeraldOverrides } from '../../src/herald.js';
import type { LanguageModel } from '../../src/llm/types.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type PostedMessage } from '../fakes/fake-discord.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../fakes/fake-openai.js';
import { AnsweredInteractions, messagesOf } from './answered.js';
import { anArticleText } from './articles.js';
import { SEEDS, type SeedArticle } from './seed-articles.js';
import { aTempDir } from './temp-dir.js';

export { SEEDS, type SeedArticle } from './seed-articles.js';

/** Everything a test talks to. */
export interface HeraldInProcess {
  discord: FakeDiscord;
  openai: FakeOpenAI;
  /** Herald as createHerald built it. */
  herald: BotHerald;
  bot: Bot;
  digests: DigestService;
  articles: ArticleCatalog;
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

/** Options of startHeraldInProcess. */
export interface HeraldInProcessOptions {
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
  /** An article folder to use (left in place) instead of writing `seeds` into a new one. */
  seedsDir?: string;
  /** Default memory://. */
  storeUrl?: string;
  /** A model instead of the configured one on the fake OpenAI (which then runs unasked). */
  model?: LanguageModel;
  /** Herald's clock (usage days, cooldowns, digest slots). */
  clock?: () => Date;
  /** The digest scheduler's minute ticker. */
  ticker?: Ticker;
  /** Start the digest scheduler; resolves after its first catch-up. */
  startDigests?: boolean;
  /** No language model: the offline engine answers (the fake OpenAI still runs, unasked). */
  offline?: boolean;
  /** Limits the service enforces before a model call, in place of the configured cooldown and budget. */
  briefing?: Pick<HeraldOverrides, 'admit' | 'usage'>;
  /** More settings (FEEDS, ALLOW_PRIVATE_NETWORKS...). */
  env?: Record<string, string>;
}

/** Starts the fakes, then Herald connected to them. */
export async function startHeraldInProcess(options: HeraldInProcessOptions = {}): Promise<HeraldInProcess> {
  const discord = options.reuseDiscord ?? (await startFakeDiscord(options.discord));
  const openai = options.reuseOpenAI ?? (await startFakeOpenAI(options.openai));
  const seeds = options.seedsDir ? undefined : await aTempDir('herald-discord-');
  const seedsDir = options.seedsDir ?? seeds?.dir ?? '';
  if (seeds) {
    for (const [id, seed] of Object.entries(options.seeds ?? SEEDS)) {
      const text = typeof seed === 'string' ? seed : anArticleText(seed.headline, seed.paragraphs);
      await writeFile(path.join(seedsDir, `${id}.txt`), text);
    }
  }
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    ...(options.global ? {} : { DISCORD_GUILD_ID: discord.guild.id }),
    OPENAI_BASE_URL: openai.url,
    OPENAI_API_KEY: 'sk-test-key',
    LLM_MODEL: 'fake-model',
    ...(options.offline ? { LLM_PROVIDER: 'offline' } : {}),
    LLM_TIMEOUT_MS: '10000',
    LLM_MAX_RETRIES: '0',
    // These suites ask many questions as one fake user; the cooldown has its own suite.
    USER_COOLDOWN_PER_MINUTE: '1000',
    STORE_URL: options.storeUrl ?? 'memory://',
    SEEDS_DIR: seedsDir,
    ...options.env,
  });
  const logger = options.logger ?? silentLogger;
  const herald = await createHerald(config, {
    logger,
    watchArticles: false,
    ...(options.model ? { model: options.model } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ticker ? { ticker: options.ticker } : {}),
    ...options.briefing,
  });
  if (herald.mode !== 'bot') throw new Error('a DISCORD_TOKEN makes a bot');
  const { articles, briefing, digests } = herald;

  const answered = new AnsweredInteractions();
  const bot = await startBot(herald, {
    ...options.bot,
    onInteraction: (event) => {
      answered.record(event);
      options.bot?.onInteraction?.(event);
    },
  });
  if (options.startDigests) await digests.start();

  return {
    discord,
    openai,
    herald,
    bot,
    digests,
    articles,
    briefing,
    config,
    seedsDir,
    finished: answered.finished,
    done: (id, timeoutMs) => answered.done(id, timeoutMs),
    messagesOf: (id) => messagesOf(discord, id),
    async stop() {
      if (options.startDigests) await digests.stop();
      await bot.stop();
      await herald.close();
      if (!options.reuseDiscord) await discord.close();
      if (!options.reuseOpenAI) await openai.close();
      await seeds?.cleanup();
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
export function embedsOf(messages: readonly PostedMessage[]): { title?: string; url?: string; description?: string; footer?: { text: string } }[] {
  return messages.flatMap((posted) => (posted.message.embeds as { title?: string; url?: string; description?: string; footer?: { text: string } }[]) ?? []);
}

/**
 * One Herald for a describe block: started before its tests, stopped after them, and after each test
 * checked against Discord's limits with its records and the fake model's script cleared. The returned
 * object stands for the running Herald (it forwards to it), so tests read like they hold it directly.
 */
export function useHeraldInProcess(options: HeraldInProcessOptions = {}): HeraldInProcess {
  let running: HeraldInProcess | undefined;
  beforeAll(async () => {
    running = await startHeraldInProcess(options);
  });
  afterAll(async () => {
    await running?.stop();
  });
  afterEach(() => {
    if (!running) return;
    running.discord.assertNoViolations();
    running.openai.reset();
    running.discord.clearRecords();
  });
  return new Proxy({} as HeraldInProcess, {
    get(_target, key): unknown {
      if (!running) throw new Error('Herald is used before its describe block started it');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}
