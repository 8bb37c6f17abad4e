/**
 * Herald's bot with the digest scheduler running, on a given fake Discord: the in-process Herald
 * (../support/herald-in-process.ts) with a recording model, a settable clock and a manual ticker.
 */
import type { ArticleCatalog } from '../../src/sources/catalog.js';
import type { DigestService } from '../../src/digests/service.js';
import type { Bot, InteractionEvent } from '../../src/discord/bot.js';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type PostedMessage } from '../fakes/fake-discord.js';
import { startHeraldInProcess } from '../support/herald-in-process.js';
import { aTempDir } from '../support/temp-dir.js';
import { manualTicker, RecordingModel, writeArticles, type TestClock } from './helpers.js';

export interface DigestBot {
  bot: Bot;
  digests: DigestService;
  articles: ArticleCatalog;
  model: RecordingModel;
  /** Resolves when the router has completely answered this interaction. */
  done(id: string): Promise<InteractionEvent>;
  /** The messages Herald sent for an interaction: the original first, then follow-ups. */
  messagesOf(id: string): PostedMessage[];
  /** Stops scheduler, bot and store (a clean shutdown). */
  stop(): Promise<void>;
}

export async function startDigestBot(discord: FakeDiscord, options: { seedsDir: string; storeUrl: string; clock: TestClock }): Promise<DigestBot> {
  const model = new RecordingModel();
  const herald = await startHeraldInProcess({
    reuseDiscord: discord,
    seedsDir: options.seedsDir,
    storeUrl: options.storeUrl,
    model,
    clock: options.clock.now,
    ticker: manualTicker,
    startDigests: true,
    bot: { responder: { deferAfterMs: 1_000 } },
  });
  return {
    bot: herald.bot,
    digests: herald.digests,
    articles: herald.articles,
    model,
    done: (id) => herald.done(id),
    messagesOf: (id) => herald.messagesOf(id),
    stop: () => herald.stop(),
  };
}

/**
 * One digest bot for a describe block: `articles` seed articles, a fresh fake Discord and SQLite store,
 * started before its tests and stopped after them; between tests the fake must have seen no limit
 * violation, and its faults and records are cleared. Read `discord`, `herald` and `seedsDir` inside hooks and tests.
 */
export function useDigestBot(options: { articles: number; clock: TestClock }): { readonly discord: FakeDiscord; readonly herald: DigestBot; readonly seedsDir: string } {
  let discord: FakeDiscord | undefined;
  let herald: DigestBot | undefined;
  let seeds: { dir: string; cleanup: () => Promise<void> } | undefined;

  beforeAll(async () => {
    seeds = await aTempDir();
    await writeArticles(seeds.dir, options.articles);
    discord = await startFakeDiscord();
    herald = await startDigestBot(discord, { seedsDir: seeds.dir, storeUrl: `sqlite://${path.join(seeds.dir, 'store', 'herald.sqlite')}`, clock: options.clock });
  });

  afterAll(async () => {
    await herald?.stop();
    await discord?.close();
    await seeds?.cleanup();
  });

  afterEach(() => {
    discord?.assertNoViolations();
    discord?.faults.clear();
    discord?.clearRecords();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useDigestBot: read discord, herald and seedsDir inside hooks and tests');
    return value;
  };
  return {
    get discord() {
      return started(discord);
    },
    get herald() {
      return started(herald);
    },
    get seedsDir() {
      return started(seeds).dir;
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
