/**
 * Polls every feed on one timer. A feed that failed waits out its own backoff (nextAttemptAt) while
 * the others are polled on schedule; a poll still running when the timer fires is not doubled.
 */
import { mapPooled } from '../articles/pool.js';
import type { Logger } from '../log.js';
import type { Fetcher } from './fetch/index.js';
import { refreshFeed } from './feed-store/refresh.js';
import type { FeedStore } from './feed-store/store.js';
import { OPERATOR_SCOPE, type FeedRecord } from './feed-store/types.js';

export interface FeedPollerOptions {
  store: FeedStore;
  fetcher: Fetcher;
  /** FEED_INTERVAL_MINUTES in ms. */
  intervalMs: number;
  logger: Logger;
  now?: () => number;
  /** Feeds fetched at once (each host still gets at most 2 requests at a time). */
  concurrency?: number;
  /** Called after each feed's poll is stored (feed health); must not throw. */
  afterPoll?: (record: FeedRecord) => Promise<void>;
  /**
   * Several processes: true when this one is to fetch the feed now (its shard owns the feed and it
   * won this interval's lease). Default: always (one process).
   */
  claim?: (record: FeedRecord) => Promise<boolean>;
  /** Several processes: brings in what the others fetched and added, before each poll. */
  beforePoll?: () => Promise<void>;
}

const DEFAULT_CONCURRENCY = 8;

export class FeedPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly now: () => number;

  constructor(private readonly options: FeedPollerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Polls now, then every interval. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.pollDue(), this.options.intervalMs);
    this.timer.unref();
    void this.pollDue();
  }

  /** Polls every feed whose backoff is over; resolves when the poll is done (shared if one runs). */
  pollDue(): Promise<void> {
    this.running ??= this.poll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the timer and ends fetches in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
    await this.running;
  }

  private async poll(): Promise<void> {
    if (this.abort.signal.aborted) return;
    await this.options.beforePoll?.().catch((error: unknown) => this.options.logger.warn({ err: error }, 'Could not read the feeds other processes fetched'));
    const at = this.now();
    const due = this.options.store.list().filter((record) => record.nextAttemptAt === undefined || record.nextAttemptAt <= at);
    await mapPooled(due, this.options.concurrency ?? DEFAULT_CONCURRENCY, async (record) => this.pollOne(record));
  }

  private async pollOne(record: FeedRecord): Promise<void> {
    try {
      if (this.options.claim && !(await this.options.claim(record))) return;
      const outcome = await refreshFeed({ fetcher: this.options.fetcher, store: this.options.store, now: this.now }, record, this.abort.signal);
      if (outcome.kind !== 'failed' || outcome.error !== 'aborted') await this.options.afterPoll?.(record);
      if (outcome.kind === 'failed' && outcome.error !== record.lastError) {
        this.options.logger.warn({ feed: record.url, scope: record.scope, error: outcome.error }, 'A news feed could not be read; trying again later');
      } else if (outcome.kind === 'updated' && (outcome.added > 0 || outcome.changed > 0)) {
        this.options.logger.info({ feed: record.url, scope: record.scope, added: outcome.added, changed: outcome.changed }, 'News feed read');
      }
    } catch (error) {
      // refreshFeed turns everything a server does into an outcome; this is a bug, kept from the timer.
      this.options.logger.error({ err: error, feed: record.url }, 'Polling a news feed failed');
    }
  }
}

/** Makes the stored operator feeds exactly FEEDS: new URLs are added, ones no longer listed removed. */
export async function syncOperatorFeeds(store: FeedStore, urls: readonly string[], now: number): Promise<void> {
  const wanted = new Set(urls);
  for (const record of store.list(OPERATOR_SCOPE)) if (!wanted.has(record.url)) await store.remove(OPERATOR_SCOPE, record.url);
  for (const url of urls) await store.add(OPERATOR_SCOPE, url, now);
}
