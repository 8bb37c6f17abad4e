/**
 * Fixtures for the digest tests: seed folders, a settable clock, a recording language model, and a
 * "world" of real parts (fake Discord REST on 127.0.0.1, discord.js REST, ArticleStore,
 * BriefingService, Keyv) around one DigestService.
 */
import { REST } from 'discord.js';
import { afterEach } from 'vitest';
import type Keyv from 'keyv';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createDigestService, type DigestService, type DigestServiceDeps } from '../../src/digests/service.js';
import type { Ticker } from '../../src/digests/scheduler.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/types.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type PostedMessage } from '../fakes/fake-discord.js';
import { writeArticle as writeArticleFile } from '../support/articles.js';
import { DISTINCT_EVENTS as EVENTS } from '../support/distinct-events.js';
import { aTempDir } from '../support/temp-dir.js';



/**
 * Writes `count` English articles `a01`…`aNN` whose modification times make `a01` the oldest and
 * the highest number the newest (ArticleStore lists newest first). Each of the first twelve
 * reports its own event.
 */
export async function writeArticles(dir: string, count: number, options: { from?: number; sentences?: number } = {}): Promise<string[]> {
  const ids: string[] = [];
  const from = options.from ?? 1;
  for (let i = from; i < from + count; i++) {
    const id = `a${String(i).padStart(2, '0')}`;
    const event = EVENTS[(i - 1) % EVENTS.length]!;
    const paragraphs = [0, 1].map((p) =>
      Array.from({ length: options.sentences ?? 3 }, (_, s) => event[(p * 3 + s) % event.length]).join(' ') + ` Item ${i}.${p}.`,
    );
    await writeArticle(dir, id, `Headline number ${i} about the city`, paragraphs, Date.UTC(2026, 0, 1) + i * 60_000);
    ids.push(id);
  }
  return ids;
}

/** Writes one article with a fixed modification time. */
export async function writeArticle(dir: string, id: string, headline: string, paragraphs: readonly string[], mtimeMs = Date.now()): Promise<void> {
  await writeArticleFile(dir, `${id}.txt`, headline, paragraphs, mtimeMs);
}

/** A clock tests move by hand. */
export interface TestClock {
  now: () => Date;
  set(iso: string | number): void;
  advance(ms: number): void;
}

export function aClock(iso: string): TestClock {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set(value) {
      t = typeof value === 'number' ? value : new Date(value).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** A ticker that never fires by itself: tests call service.tick() after moving the clock. */
export const manualTicker: Ticker = () => ({ stop() {} });

/** A recording model: keeps every call, answers with a short summary naming the language asked for. */
export class RecordingModel implements LanguageModel {
  readonly provider = 'fake';
  readonly model = 'recording';
  readonly calls: GenerateOptions[] = [];

  generate(options: GenerateOptions): Promise<GenerateResult> {
    this.calls.push(options);
    return Promise.resolve({ text: this.answer(options), usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } });
  }

  stream(options: GenerateOptions): AsyncIterable<string> {
    this.calls.push(options);
    const text = this.answer(options);
    return (async function* () {
      yield await Promise.resolve(text);
    })();
  }

  private answer(options: GenerateOptions): string {
    const prompt = options.messages.map((m) => m.content).join('\n');
    // A digest prompt (one <article id="…"> block per article) gets a JSON object id → summary.
    const user = options.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const blocks = [...user.matchAll(/<article id="([^"]+)">([\s\S]*?)<\/article>/g)];
    if (blocks.length > 0) {
      const summaries = blocks.map(([, id, body]) => [id, RecordingModel.summaryOf(body ?? '')]);
      return JSON.stringify(Object.fromEntries(summaries));
    }
    return RecordingModel.summaryOf(prompt);
  }

  private static summaryOf(text: string): string {
    const headline = /Headline number \d+/.exec(text)?.[0] ?? 'the article';
    return `A short summary of ${headline}. It explains the decision and what comes next.`;
  }
}

/** Everything a digest test talks to. */
export interface DigestWorld {
  discord: FakeDiscord;
  rest: REST;
  articles: ArticleStore;
  briefing: BriefingService;
  model: RecordingModel | undefined;
  store: Keyv;
  seedsDir: string;
  clock: TestClock;
  service: DigestService;
  /** A second service on the same store, discord and articles: a restarted Herald. */
  restart(overrides?: Partial<DigestServiceDeps>): DigestService;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Articles to write (a01…); default 3. */
  articles?: number;
  /** Start time; default 2026-01-15T06:00:00Z (07:00 in Berlin). */
  now?: string;
  /** Use the recording model instead of the offline engine. */
  model?: boolean;
  discord?: FakeDiscordOptions;
  /** STORE_URL for the digests namespace; default memory (shared by restarts through the same Keyv). */
  storeUrl?: string;
  deps?: Partial<DigestServiceDeps>;
  logger?: Logger;
  /** Use this fake Discord (left running on close) instead of starting one. */
  reuseDiscord?: FakeDiscord;
  /** Use this articles folder (left in place on close) instead of writing one. */
  seedsDir?: string;
}

/** Starts a fake Discord (REST only; no gateway is needed to post) and a digest service. */
export async function startWorld(options: WorldOptions = {}): Promise<DigestWorld> {
  const logger = options.logger ?? silentLogger;
  let seedsDir = options.seedsDir ?? '';
  let cleanup = async () => {};
  if (!options.seedsDir) {
    ({ dir: seedsDir, cleanup } = await aTempDir());
    await writeArticles(seedsDir, options.articles ?? 3);
  }
  const discord = options.reuseDiscord ?? (await startFakeDiscord(options.discord));
  const rest = new REST({ api: discord.apiUrl, timeout: 10_000 }).setToken(discord.token);
  const articles = await ArticleStore.open({ dir: seedsDir, watch: false, logger });
  const model = options.model ? new RecordingModel() : undefined;
  const briefing = new BriefingService({ articles, ...(model ? { model } : {}), cache: new ResultCache(createKeyv('memory://', { namespace: 'cache', logger }), logger), logger });
  const store = createKeyv(options.storeUrl ?? 'memory://', { namespace: 'digests', logger });
  const clock = aClock(options.now ?? '2026-01-15T06:00:00Z');
  const services: DigestService[] = [];
  const make = (overrides: Partial<DigestServiceDeps> = {}) => {
    const service = createDigestService({ store, articles, briefing, channel: discordDigestChannel({ rest }), logger, now: clock.now, ticker: manualTicker, ...options.deps, ...overrides });
    services.push(service);
    return service;
  };
  const service = make();
  return {
    discord,
    rest,
    articles,
    briefing,
    model,
    store,
    seedsDir,
    clock,
    service,
    restart: make,
    async close() {
      await Promise.allSettled(services.map((s) => s.stop()));
      articles.close();
      await store.disconnect().catch(() => undefined);
      if (!options.reuseDiscord) await discord.close();
      await cleanup();
    },
  };
}

/**
 * A world factory for one test file: each world starts at 06:00 UTC on 15 January 2026 (unless
 * told otherwise) and is closed after its test. Call it at the top level of the file.
 */
export function useWorlds(defaults: WorldOptions = { now: '2026-01-15T06:00:00Z' }): (options?: WorldOptions) => Promise<DigestWorld> {
  const worlds: DigestWorld[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) await world.close();
  });
  return async (options = {}) => {
    const world = await startWorld({ ...defaults, ...options });
    worlds.push(world);
    return world;
  };
}

/** Messages Herald posted in a channel itself (not interaction replies), in order. */
export function channelPosts(discord: FakeDiscord, channelId: string): PostedMessage[] {
  return discord.channelMessages(channelId).filter((p) => p.via === 'channel');
}

/** Embeds Herald posted in a channel itself, in order. */
export function postedEmbeds(discord: FakeDiscord, channelId: string): { title?: string; description?: string; footer?: { text: string } }[] {
  return channelPosts(discord, channelId)
    .flatMap((p) => (p.message.embeds as { title?: string; description?: string; footer?: { text: string } }[] | undefined) ?? []);
}

/**
 * Makes the world's digest store fail every operation while `down` is true, as a Redis outage does:
 * the Map behind createKeyv's GuardedStore throws, so reads report the store unhealthy.
 */
export function breakable(world: DigestWorld): { down: boolean } {
  const state = { down: false };
  const guarded = (world.store as unknown as { opts: { store: { inner: Map<string, unknown> } } }).opts.store;
  const map = guarded.inner as unknown as Record<'get' | 'set' | 'delete' | 'has', (...args: unknown[]) => unknown>;
  for (const name of ['get', 'set', 'delete', 'has'] as const) {
    const real = map[name].bind(guarded.inner);
    map[name] = (...args: unknown[]) => {
      if (state.down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
      return real(...args);
    };
  }
  return state;
}
