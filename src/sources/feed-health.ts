/**
 * Feed health: a feed that has failed for a day is reported once, and its recovery once. The
 * reported state lives in the feed's record (FeedStore), so polls and restarts never repeat it.
 * Guild feeds are told to their guild through a {@link FeedHealthOutlet}; operator feeds (FEEDS)
 * have no guild to tell and are only logged.
 */
import type { Logger } from '../log.js';
import type { FeedStore } from './feed-store/store.js';
import { OPERATOR_SCOPE, type FeedRecord } from './feed-store/types.js';

/** How long a feed fails before anyone is told: shorter outages are routine (maintenance, a bad deploy). */
export const OUTAGE_REPORT_MS = 24 * 3_600_000;

/** What to tell about a feed, if anything, now. */
export type HealthChange = 'down' | 'recovered';

/** A change to tell a guild, with what the words need. */
export interface FeedHealthNotice {
  change: HealthChange;
  feed: FeedRecord;
  /** For 'down': how long the feed has failed, in whole hours. */
  hours: number;
}

/** Where a guild hears about its feeds: its digest channels, in the bot. */
export interface FeedHealthOutlet {
  /**
   * Whether notices for this guild can be sent by this process now (connected, and the guild is on
   * this shard). When not, the change stays unreported and the next poll tries again.
   */
  canTell(guildId: string): boolean;
  /** Tells the guild; failures are the outlet's to log, never thrown. */
  tell(guildId: string, notice: FeedHealthNotice): Promise<void>;
}

/** The change a feed's record calls for at `now`; undefined when there is nothing (new) to tell. */
export function healthChange(record: FeedRecord, now: number): HealthChange | undefined {
  if (record.failingSince !== undefined) {
    return record.reportedDown === undefined && now - record.failingSince >= OUTAGE_REPORT_MS ? 'down' : undefined;
  }
  return record.reportedDown !== undefined ? 'recovered' : undefined;
}

export interface FeedHealthDeps {
  store: FeedStore;
  logger: Logger;
  now: () => number;
}

export class FeedHealthReporter {
  private outlet: FeedHealthOutlet | undefined;

  constructor(private readonly deps: FeedHealthDeps) {}

  /** Where guild notices go from now on (the bot sets it once its digests exist). */
  tellGuildsThrough(outlet: FeedHealthOutlet): void {
    this.outlet = outlet;
  }

  /** Reports the feed's change since the last poll, if any. Never throws. */
  async check(scope: string, url: string): Promise<void> {
    const { store, logger } = this.deps;
    try {
      const record = store.get(scope, url);
      const now = this.deps.now();
      const change = record && healthChange(record, now);
      if (!record || !change) return;
      const guild = record.scope !== OPERATOR_SCOPE;
      if (guild && !this.outlet?.canTell(record.scope)) return;
      // Saved before telling: a crash in between loses one notice rather than repeating it forever.
      const next: FeedRecord = { ...record };
      if (change === 'down') next.reportedDown = now;
      else delete next.reportedDown;
      await store.update(next);
      const hours = record.failingSince === undefined ? 0 : Math.floor((now - record.failingSince) / 3_600_000);
      if (guild && this.outlet) await this.outlet.tell(record.scope, { change, feed: record, hours });
      else if (change === 'down') logger.warn({ feed: record.url, error: record.lastError, hours }, 'An operator news feed (FEEDS) has failed for 24 hours or more; Herald keeps trying');
      else logger.info({ feed: record.url }, 'An operator news feed (FEEDS) works again');
    } catch (error) {
      logger.error({ err: error, feed: url }, 'Reporting a news feed’s health failed');
    }
  }
}
