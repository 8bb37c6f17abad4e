import type { Client } from 'discord.js';
import type Keyv from 'keyv';
import { ArticleStore } from './articles/store.js';
import { AskService } from './ask/service.js';
import { BriefingService } from './briefing/service.js';
import type { Requester } from './briefing/types.js';
import { UsageTracker } from './briefing/usage.js';
import { createKeyv } from './cache/keyv.js';
import { ResultCache } from './cache/result-cache.js';
import { sqliteProblemAtStartup } from './cache/store-startup.js';
import { secretsOf, type Config } from './config.js';
import type { DigestService } from './digests/service.js';
import type { Ticker } from './digests/scheduler.js';
import { cancellableModel } from './llm/cancellable-model.js';
import { scopedModel } from './llm/request-scope.js';
import { createLanguageModel } from './llm/select.js';
import type { LanguageModel } from './llm/types.js';
import { createLogger, type Logger } from './log.js';
import type { Coordination } from './scale/coordination.js';
import { createCooldown } from './ops/cooldown.js';
import { meteredModel } from './ops/metered-model.js';
import type { Metrics } from './ops/metrics.js';
import { ArticleCatalog } from './sources/catalog.js';
import { createFetcher, type Fetcher } from './sources/fetch/index.js';
import { FeedStore } from './sources/feed-store/store.js';
import { FeedHealthReporter } from './sources/feed-health.js';
import type { FeedRecord } from './sources/feed-store/types.js';
import { FeedPoller, syncOperatorFeeds } from './sources/poller.js';
import { isHttpUrl, LinkArticles } from './sources/links.js';
import { HERALD_USER_AGENT } from './sources/user-agent.js';
import { createStoryGrouper } from './stories/grouper.js';
import type { StoryGrouper } from './stories/story.js';

/**
 * What a caller may replace in the real wiring. Production passes only `logger` and
 * `watchArticles`; tests swap in a fake model, a settable clock and a manual ticker, so every
 * in-process test runs the same wiring `npm start` does.
 */
export interface HeraldOverrides {
  /** Default: a logger at LOG_LEVEL that scrubs the configured secrets. */
  logger?: Logger;
  /** Used instead of the model the configuration selects (still metered and cancellable). */
  model?: LanguageModel;
  /** Replaces the per-user admission check (bot mode: the USER_COOLDOWN_PER_MINUTE cooldown). */
  admit?: (who: Requester | undefined) => void | Promise<void>;
  /** Replaces the token accounting (LLM_DAILY_TOKEN_BUDGET) built on the configured store. */
  usage?: UsageTracker;
  /** Clock for usage days, cooldowns and digest slots; default the system clock. */
  clock?: () => Date;
  /** The digest scheduler's minute ticker; default one node-cron task. */
  ticker?: Ticker;
  /** Bot mode: default a fresh registry. */
  metrics?: Metrics;
  /** Reload articles when seed files change; default true. */
  watchArticles?: boolean;
  /** Replaces the fetcher built from ALLOW_PRIVATE_NETWORKS (tests: an injected resolver). */
  fetcher?: Fetcher;
}

/** News feeds: what is stored, how it is fetched, and the timer that polls them. */
export interface HeraldFeeds {
  store: FeedStore;
  fetcher: Fetcher;
  poller: FeedPoller;
  /** Tells a guild (or the log, for FEEDS) about a feed down for a day, and its recovery. */
  health: FeedHealthReporter;
}

/** What every mode has. */
interface HeraldParts {
  config: Config;
  logger: Logger;
  /** Seed files and feed articles, as each guild sees them. */
  articles: ArticleCatalog;
  feeds: HeraldFeeds;
  briefing: BriefingService;
  /** Questions answered from the articles, with checked citations (/ask, `ask …`, replies). */
  ask: AskService;
  usage: UsageTracker;
  model: LanguageModel | undefined;
  /** How a digest's articles become stories: offline clustering, borderline pairs checked by the model when one is set. */
  stories: StoryGrouper;
  /** Opens another namespace in the configured store (health checks, previews...). */
  openStore(namespace: string): Keyv;
  /**
   * Ends every model call in flight and refuses new ones; the requests waiting on them answer as
   * for a model that timed out (offline summary with a notice, or a polite error). For shutdown.
   */
  cancelModelCalls(reason: string): void;
  /** Closes the article watcher and every store opened. */
  close(): Promise<void>;
}

/** Without DISCORD_TOKEN: the console. No digests, no metrics, no discord.js loaded. */
export interface ConsoleHerald extends HeraldParts {
  mode: 'console';
}

/** With DISCORD_TOKEN: everything the bot process runs. */
export interface BotHerald extends HeraldParts {
  mode: 'bot';
  digests: DigestService;
  metrics: Metrics;
  /** The connected client, set by startBot once READY; digests post through it. */
  discord: { client: Client<true> | undefined };
  /** Who does which shard's work, and the leases that keep processes of one shard from doubling it. */
  coordination: Coordination;
}

/** Herald, built once from the configuration by {@link createHerald}. */
export type Herald = ConsoleHerald | BotHerald;

/** Thrown when the store cannot be used at start-up (full disk, read-only or corrupt SQLite file). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * The one composition root: builds Herald for the mode the configuration asks for (bot with
 * DISCORD_TOKEN, console without). Bot-only parts are imported on demand so the console never
 * loads discord.js or prom-client.
 * @throws StoreUnavailableError when the store can never work (decided before anything opens it).
 */
export async function createHerald(config: Config, overrides: HeraldOverrides = {}): Promise<Herald> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  // Decided once, before any store is opened: a store that will never work stops Herald with one
  // message instead of first being announced as an outage to answer through.
  const storeProblem = await sqliteProblemAtStartup(config.STORE_URL);
  if (storeProblem) throw new StoreUnavailableError(storeProblem);
  const bot = Boolean(config.DISCORD_TOKEN);
  // Metrics only matter where someone can scrape them: in bot mode.
  const metrics = bot ? (overrides.metrics ?? (await import('./ops/metrics.js')).createMetrics()) : undefined;
  const clock = overrides.clock;

  const stores: Keyv[] = [];
  const openStore = (namespace: string): Keyv => {
    const store = createKeyv(config.STORE_URL, { namespace, logger, ttlMs: config.CACHE_TTL_HOURS * 3_600_000 });
    stores.push(store);
    return store;
  };
  const cacheStore = openStore('cache');
  const seeds = await ArticleStore.open({
    dir: config.SEEDS_DIR,
    maxBytes: config.MAX_ARTICLE_BYTES,
    logger,
    watch: overrides.watchArticles ?? true,
  });
  const coordination = bot ? await createBotCoordination(config, logger, clock, metrics) : undefined;
  const feeds = await openFeeds(config, logger, openStore('feeds'), overrides, clock, coordination);
  const articles = new ArticleCatalog(seeds, feeds.store, logger);
  const created = overrides.model ?? createLanguageModel(config, logger);
  // A request answered in a scope (the console) can end its own model calls (Ctrl-C).
  const bareModel = created ? scopedModel(created) : undefined;
  const cancellable = bareModel ? cancellableModel(metrics ? meteredModel(bareModel, metrics) : bareModel) : undefined;
  const model = cancellable?.model;
  const usage =
    overrides.usage ??
    new UsageTracker(openStore('usage'), {
      ...(config.LLM_DAILY_TOKEN_BUDGET ? { dailyBudget: config.LLM_DAILY_TOKEN_BUDGET } : {}),
      ...(clock ? { now: clock } : {}),
      ...(coordination?.redis ? { shared: (await import('./scale/shared-budget.js')).sharedTokenCounter(coordination.redis) } : {}),
    });
  // A bot serves many people: each user's uncached model requests are limited. The console's one
  // user is not.
  const cooldown = bot ? createCooldown(config, clock ? () => clock().getTime() : undefined) : undefined;
  // Several processes on one Redis: the cooldown counts each user's requests over all of them.
  const takeShared = cooldown && coordination?.redis ? (await import('./scale/shared-cooldown.js')).sharedCooldown({ redis: coordination.redis, local: cooldown, ...(clock ? { now: () => clock().getTime() } : {}) }) : undefined;
  const admit =
    overrides.admit ??
    (cooldown
      ? (who: Requester | undefined) => {
          if (!who?.userId) return;
          if (takeShared) return takeShared(who.userId);
          cooldown.assertTake(who.userId);
        }
      : undefined);
  const links = new LinkArticles(feeds.fetcher, openStore('links'));
  const cache = new ResultCache(cacheStore, logger, {
    ...(metrics ? { onOutcome: (outcome) => metrics.recordCache(outcome !== 'miss') } : {}),
  });
  const briefing = new BriefingService({
    articles,
    links: (ref) => (isHttpUrl(ref) ? links.article(ref) : undefined),
    ...(model ? { model } : {}),
    cache,
    usage,
    logger,
    contextTokens: config.LLM_CONTEXT_TOKENS,
    ...(admit ? { admit } : {}),
  });
  const ask = new AskService({ articles, bodies: articles, links: (ref) => (isHttpUrl(ref) ? links.article(ref) : undefined), ...(model ? { model } : {}), cache, usage, logger, contextTokens: config.LLM_CONTEXT_TOKENS, ...(admit ? { admit } : {}) });
  const stories = createStoryGrouper(model ? { refine: { model, cache, logger } } : {});
  const parts: HeraldParts = {
    config,
    logger,
    articles,
    feeds,
    briefing,
    ask,
    usage,
    model,
    stories,
    openStore,
    cancelModelCalls: (reason) => cancellable?.cancelAll(reason),
    async close() {
      await feeds.poller.stop();
      await coordination?.close();
      articles.close();
      await Promise.allSettled(stores.map((store) => store.disconnect()));
    },
  };
  if (!metrics || !coordination) {
    // The console answers one request and ends: the operator's feeds are read once, before it answers.
    if (config.FEEDS.length > 0) await feeds.poller.pollDue();
    return { ...parts, mode: 'console' };
  }
  const discord: BotHerald['discord'] = { client: undefined };
  const digests = await createBotDigests(parts, discord, metrics, overrides, coordination);
  await tellFeedHealthInDigestChannels(parts, digests, discord, coordination);
  // After the digests exist: a feed's health is told in their channels from the first poll on.
  feeds.poller.start();
  return { ...parts, mode: 'bot', digests, metrics, discord, coordination };
}

/** The feed store with the operator's FEEDS in it, a fetcher under the network rule, and the poller (not started). */
async function openFeeds(config: Config, logger: Logger, keyv: Keyv, overrides: HeraldOverrides, clock: (() => Date) | undefined, coordination: Coordination | undefined): Promise<HeraldFeeds> {
  const now = clock ? () => clock().getTime() : Date.now;
  const store = await FeedStore.open(keyv, logger);
  await syncOperatorFeeds(store, config.FEEDS, now());
  const fetcher = overrides.fetcher ?? createFetcher({ allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS, userAgent: HERALD_USER_AGENT });
  const health = new FeedHealthReporter({ store, logger, now });
  const poller = new FeedPoller({
    store,
    fetcher,
    intervalMs: config.FEED_INTERVAL_MINUTES * 60_000,
    logger,
    now,
    afterPoll: (record) => health.check(record.scope, record.url),
    ...(coordination ? { claim: (record: FeedRecord) => coordination.claimFeed(record) } : {}),
    ...(coordination?.shared ? { beforePoll: () => store.reload() } : {}),
  });
  return { store, fetcher, poller, health };
}

/** Bot mode: a guild hears about its failing feeds in its digest channels (from the process serving its shard). */
async function tellFeedHealthInDigestChannels(parts: HeraldParts, digests: DigestService, discord: BotHerald['discord'], coordination: Coordination): Promise<void> {
  const { discordFeedHealthOutlet } = await import('./discord/feed/health-notices.js');
  parts.feeds.health.tellGuildsThrough(discordFeedHealthOutlet({ digests, client: () => discord.client, ownsGuild: (guildId) => coordination.ownership.ownsGuild(guildId), logger: parts.logger }));
}

/** Ownership by this process's shard (when the ShardingManager started it) and leases on STORE_URL. */
async function createBotCoordination(config: Config, logger: Logger, clock: (() => Date) | undefined, metrics: Metrics | undefined): Promise<Coordination> {
  const [{ createCoordination }, { seatOf }] = await Promise.all([import('./scale/coordination.js'), import('./scale/seat.js')]);
  const coordination = createCoordination({
    storeUrl: config.STORE_URL,
    seat: seatOf(config),
    logger,
    feedIntervalMs: config.FEED_INTERVAL_MINUTES * 60_000,
    ...(clock ? { now: () => clock().getTime() } : {}),
  });
  if (metrics) (await import('./scale/lease-metrics.js')).registerLeaseMetrics(metrics.registry, coordination);
  return coordination;
}

/** The digest scheduler, posting through the client startBot connects later. */
async function createBotDigests(parts: HeraldParts, discord: BotHerald['discord'], metrics: Metrics, overrides: HeraldOverrides, coordination: Coordination): Promise<DigestService> {
  const [{ createDigestService }, { discordDigestChannel }, { discordDirectMessages }] = await Promise.all([
    import('./digests/service.js'),
    import('./discord/digest/channel.js'),
    import('./discord/digest/direct.js'),
  ]);
  const rest = () => {
    if (!discord.client) throw new Error('the Discord client is not connected yet');
    return discord.client.rest;
  };
  return createDigestService({
    store: parts.openStore('digests'),
    articles: parts.articles,
    briefing: parts.briefing,
    channel: discordDigestChannel({ rest, client: () => discord.client }),
    // Personal briefings (/briefing) go to members' DMs through the same REST queue.
    directMessages: discordDirectMessages({ rest, client: () => discord.client }),
    // Digest items are stories: coverage of one event by several sites is one item citing them all.
    grouper: parts.stories,
    logger: parts.logger,
    // A member's briefing (owner `member:<id>`) is a DM: owned by a stable hash, like operator feeds.
    ownsGuild: (owner) => (owner.startsWith('member:') ? coordination.ownership.ownsKey(owner) : coordination.ownership.ownsGuild(owner)),
    claimSlot: coordination.claimSlot,
    reloadEachTick: coordination.shared,
    onOutcome: (_subscription, outcome) => {
      if (outcome.status === 'posted' || outcome.status === 'failed' || outcome.status === 'paused') {
        metrics.recordDigest(outcome.status);
      }
    },
    ...(overrides.clock ? { now: overrides.clock } : {}),
    ...(overrides.ticker ? { ticker: overrides.ticker } : {}),
  });
}
