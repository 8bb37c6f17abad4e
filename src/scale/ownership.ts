/**
 * Which process does work that no gateway event brings: the shard a piece of work belongs to
 * decides the hosts that may do it, and a lease (leases.ts) picks one process among those running
 * that shard (two during a rolling deploy).
 *
 * - Guild digest slots and guild feeds: the guild's shard, Discord's `(guild_id >> 22) % C`.
 * - Operator feeds and personal DM digests (no guild): a stable hash of their key over C, so each
 *   shard polls its share and every host computes the same share without asking anyone.
 */
import { createHash } from 'node:crypto';
import { OPERATOR_SCOPE, type FeedRecord } from '../sources/feed-store/types.js';

/** The shards this process serves. */
export interface ShardSeat {
  /** Shard ids, 0-based. */
  ids: readonly number[];
  /** Shards over all hosts (SHARD_COUNT). */
  count: number;
}

/** The shard a guild is on, by Discord's formula; undefined for an id that is not a snowflake. */
export function shardOfGuild(guildId: string, count: number): number | undefined {
  if (!/^\d{1,20}$/.test(guildId)) return undefined;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** The shard that owns work without a guild (an operator feed URL, a user's DM digest). */
export function shardOfKey(key: string, count: number): number {
  // The first 48 bits of SHA-256: the same answer on every host and Node version, spread evenly.
  const hash = createHash('sha256').update(key).digest();
  return hash.readUIntBE(0, 6) % count;
}

/** What this process owns; every answer is true when it is not sharded. */
export interface Ownership {
  readonly seat: ShardSeat | undefined;
  ownsGuild(guildId: string): boolean;
  ownsKey(key: string): boolean;
  /** Guild feeds by their guild's shard, operator feeds by their URL's hash. */
  ownsFeed(record: Pick<FeedRecord, 'scope' | 'url'>): boolean;
}

export function ownership(seat: ShardSeat | undefined): Ownership {
  if (!seat || seat.ids.length === seat.count) {
    return { seat, ownsGuild: () => true, ownsKey: () => true, ownsFeed: () => true };
  }
  const ids = new Set(seat.ids);
  const ownsGuild = (guildId: string) => {
    const shard = shardOfGuild(guildId, seat.count);
    return shard !== undefined && ids.has(shard);
  };
  const ownsKey = (key: string) => ids.has(shardOfKey(key, seat.count));
  return {
    seat,
    ownsGuild,
    ownsKey,
    ownsFeed: (record) => (record.scope === OPERATOR_SCOPE ? ownsKey(`feed:${record.url}`) : ownsGuild(record.scope)),
  };
}
