import type Keyv from 'keyv';
import { ArticleStore } from './articles/store.js';
import { BriefingService } from './briefing/service.js';
import { UsageTracker } from './briefing/usage.js';
import { createKeyv } from './cache/keyv.js';
import { sqliteProblemAtStartup } from './cache/store-startup.js';
import { ResultCache } from './cache/result-cache.js';
import type { Config } from './config.js';
import { cancellableModel } from './llm/cancellable-model.js';
import { scopedModel } from './llm/request-scope.js';
import { createLanguageModel } from './llm/select.js';
import type { LanguageModel } from './llm/types.js';
import type { Logger } from './log.js';
import { createCooldown } from './ops/cooldown.js';
import { meteredModel } from './ops/metered-model.js';
import type { Metrics } from './ops/metrics.js';

/** Everything below the Discord layer, built once from the configuration. */
export interface CoreServices {
  config: Config;
  logger: Logger;
  articles: ArticleStore;
  briefing: BriefingService;
  usage: UsageTracker;
  model: LanguageModel | undefined;
  /** Opens another namespace in the configured store (digests, usage...). */
  openStore(namespace: string): Keyv;
  /**
   * Ends every model call in flight and refuses new ones; the requests waiting on them answer as
   * for a model that timed out (offline summary with a notice, or a polite error). For shutdown.
   */
  cancelModelCalls(reason: string): void;
  close(): Promise<void>;
}

/** Thrown when the store cannot be used at start-up (full disk, read-only or corrupt SQLite file). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export async function createCoreServices(
  config: Config,
  logger: Logger,
  options: {
    watchArticles?: boolean;
    /** Bot mode: count model calls, tokens and cache hits. */
    metrics?: Metrics;
    /** Bot mode: limit each user's uncached model requests (USER_COOLDOWN_PER_MINUTE). */
    limitUsers?: boolean;
  } = {},
): Promise<CoreServices> {
  // Decided once, before any store is opened: a store that will never work stops Herald with one
  // message instead of first being announced as an outage to answer through.
  const storeProblem = await sqliteProblemAtStartup(config.STORE_URL);
  if (storeProblem) throw new StoreUnavailableError(storeProblem);
  const stores: Keyv[] = [];
  const openStore = (namespace: string): Keyv => {
    const store = createKeyv(config.STORE_URL, { namespace, logger, ttlMs: config.CACHE_TTL_HOURS * 3_600_000 });
    stores.push(store);
    return store;
  };
  const cacheStore = openStore('cache');
  const articles = await ArticleStore.open({
    dir: config.SEEDS_DIR,
    maxBytes: config.MAX_ARTICLE_BYTES,
    logger,
    watch: options.watchArticles ?? true,
  });
  const created = createLanguageModel(config, logger);
  // A request answered in a scope (the console) can end its own model calls (Ctrl-C).
  const bareModel = created ? scopedModel(created) : undefined;
  const cancellable = bareModel ? cancellableModel(options.metrics ? meteredModel(bareModel, options.metrics) : bareModel) : undefined;
  const model = cancellable?.model;
  const usage = new UsageTracker(openStore('usage'), {
    ...(config.LLM_DAILY_TOKEN_BUDGET ? { dailyBudget: config.LLM_DAILY_TOKEN_BUDGET } : {}),
  });
  const cooldown = options.limitUsers ? createCooldown(config) : undefined;
  const briefing = new BriefingService({
    articles,
    ...(model ? { model } : {}),
    cache: new ResultCache(cacheStore, logger, {
      ...(options.metrics ? { onOutcome: (outcome) => options.metrics?.recordCache(outcome !== 'miss') } : {}),
    }),
    usage,
    logger,
    contextTokens: config.LLM_CONTEXT_TOKENS,
    ...(cooldown ? { admit: (who) => { if (who?.userId) cooldown.assertTake(who.userId); } } : {}),
  });
  return {
    config,
    logger,
    articles,
    briefing,
    usage,
    model,
    openStore,
    cancelModelCalls: (reason) => cancellable?.cancelAll(reason),
    async close() {
      articles.close();
      await Promise.allSettled(stores.map((store) => store.disconnect()));
    },
  };
}
