/**
 * How one bot process agrees with the others on who does what (issue 17): ownership by shard, and
 * leases in Redis when the store is Redis (several hosts, or old and new process in a deploy), in
 * memory otherwise (one host: only this process's own overlaps are to be prevented).
 */
import type { DeliveryReport } from '../digests/delivery.js';
import type { SlotClaim } from '../digests/scheduler.js';
import type { Logger } from '../log.js';
import { FeedStore } from '../sources/feed-store/store.js';
import type { FeedRecord } from '../sources/feed-store/types.js';
import { memoryLeaseStore, redisLeaseStore } from './lease-store.js';
import { connectCoordinationRedis, type CoordinationRedis } from './redis-client.js';
import { Leases } from './leases.js';
import { ownership, type Ownership, type ShardSeat } from './ownership.js';

/** A digest run holds its lease this long between renewals; a killed holder's slot waits at most this. */
export const SLOT_LEASE_MS = 60_000;
/** Discord gives an interaction 15 minutes of follow-ups; no second process may take it up meanwhile. */
export const EVENT_CLAIM_MS = 15 * 60_000;

export interface CoordinationOptions {
  storeUrl: string;
  seat: ShardSeat | undefined;
  logger: Logger;
  /** FEED_INTERVAL_MINUTES in ms: one fetch per feed per interval over all processes. */
  feedIntervalMs: number;
  now?: () => number;
  onLost?: (key: string) => void;
}

export interface Coordination {
  readonly ownership: Ownership;
  readonly leases: Leases;
  /** True when other processes share the store (Redis): their feed fetches must be read in. */
  readonly shared: boolean;
  /** The coordination connection when shared (cooldowns, the token budget); undefined on one host. */
  readonly redis: CoordinationRedis | undefined;
  /** The lease a scheduled digest run of one subscription is posted under. */
  claimSlot: SlotClaim;
  /** True when this process is to fetch `record` in the current interval. */
  claimFeed(record: Pick<FeedRecord, 'scope' | 'url'>): Promise<boolean>;
  /**
   * True when this process is the one to act on an interaction or DM (by its Discord id). When the
   * store cannot be asked, true: answering twice (one fails with 40060) beats not answering.
   */
  claimEvent(kind: 'interaction' | 'message', id: string): Promise<boolean>;
  close(): Promise<void>;
}

export function createCoordination(options: CoordinationOptions): Coordination {
  const shared = /^rediss?:\/\//i.test(options.storeUrl.trim());
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: 'leases' });
  const redis = shared ? connectCoordinationRedis(options.storeUrl) : undefined;
  const leases = new Leases({
    store: redis ? redisLeaseStore(options.storeUrl, {}, redis) : memoryLeaseStore(now),
    logger: log,
    ...(options.onLost ? { onLost: options.onLost } : {}),
  });
  const owned = ownership(options.seat);
  return {
    ownership: owned,
    leases,
    shared,
    redis,
    async claimSlot(id, run) {
      const result = await leases.withLease(`digest:${id}`, SLOT_LEASE_MS, run);
      // Held elsewhere or not askable: the next tick looks again (the store then says what was posted).
      return result.ran ? result.value : ('busy' satisfies DeliveryReport['status']);
    },
    async claimFeed(record) {
      if (!owned.ownsFeed(record)) return false;
      // One host: its one poller never overlaps itself, and a poll asked for again is meant.
      if (!shared) return true;
      // One claim per feed and interval window: whichever process of the shard polls first fetches.
      const window = Math.floor(now() / options.feedIntervalMs);
      return (await leases.claimOnce(`feed:${FeedStore.keyOf(record.scope, record.url)}:${window}`, options.feedIntervalMs)) === true;
    },
    async claimEvent(kind, id) {
      // One host: its gateway delivers an event once, and no other process receives it.
      if (!shared) return true;
      return (await leases.claimOnce(`${kind}:${id}`, EVENT_CLAIM_MS)) !== false;
    },
    close: () => leases.close(),
  };
}
