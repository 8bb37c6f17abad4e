import { describe, expect, it } from 'vitest';
import { isOnShard } from '../../src/ops/sharding.js';
import { ownership, shardOfGuild, shardOfKey } from '../../src/scale/ownership.js';
import { seatOf } from '../../src/scale/seat.js';

/** A snowflake whose shard out of `count` is `shard` (Discord's formula, built backwards). */
const guildOn = (shard: number, count: number, n = 1) => String(((BigInt(n) * BigInt(count) + BigInt(shard)) << 22n) + 12_345n);

describe('ownership', () => {
  it('GIVEN guild ids THEN their shard is (id >> 22) % count, as discord.js computes it', () => {
    for (let n = 1; n < 50; n++) {
      const id = guildOn(n % 3, 3, n);
      expect(shardOfGuild(id, 3)).toBe(n % 3);
      expect(isOnShard(id, n % 3, 3)).toBe(true);
    }
    expect(shardOfGuild('not-a-snowflake', 3)).toBeUndefined();
  });

  it('GIVEN keys THEN each has one stable shard and 1,000 keys spread over every shard', () => {
    expect(shardOfKey('feed:https://example.org/rss', 4)).toBe(shardOfKey('feed:https://example.org/rss', 4));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 1_000; i++) counts[shardOfKey(`feed:https://site${i}.example/rss`, 4)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(180);
  });

  it('GIVEN shard 1 of 2 THEN it owns its guilds, their feeds, and the operator feeds hashed to it; not the others', () => {
    const mine = ownership({ ids: [1], count: 2 });
    const theirs = ownership({ ids: [0], count: 2 });
    expect(mine.ownsGuild(guildOn(1, 2))).toBe(true);
    expect(mine.ownsGuild(guildOn(0, 2))).toBe(false);
    expect(mine.ownsFeed({ scope: guildOn(1, 2), url: 'https://a.example/rss' })).toBe(true);
    expect(mine.ownsFeed({ scope: guildOn(0, 2), url: 'https://a.example/rss' })).toBe(false);
    const urls = Array.from({ length: 20 }, (_, i) => `https://op${i}.example/rss`);
    for (const url of urls) expect(mine.ownsFeed({ scope: 'operator', url })).not.toBe(theirs.ownsFeed({ scope: 'operator', url }));
  });

  it('GIVEN shards 0 and 2 of 4 THEN guilds of both are owned, of 1 and 3 not', () => {
    const host = ownership({ ids: [0, 2], count: 4 });
    expect([0, 1, 2, 3].map((shard) => host.ownsGuild(guildOn(shard, 4)))).toEqual([true, false, true, false]);
  });

  it('GIVEN no shard (one process), one shard, or every shard THEN everything is owned', () => {
    for (const seat of [undefined, { ids: [0], count: 1 }, { ids: [0, 1], count: 2 }]) {
      const all = ownership(seat);
      expect(all.ownsGuild(guildOn(1, 2))).toBe(true);
      expect(all.ownsKey('dm:123')).toBe(true);
      expect(all.ownsFeed({ scope: 'operator', url: 'https://a.example/rss' })).toBe(true);
    }
  });
});

describe('seatOf', () => {
  it('GIVEN SHARD_COUNT with or without a list, a forked shard, or nothing THEN the shards this process serves', () => {
    expect(seatOf({ SHARDS: [0, 2], SHARD_COUNT: 4 }, {})).toEqual({ ids: [0, 2], count: 4 });
    expect(seatOf({ SHARDS: undefined, SHARD_COUNT: 2 }, {})).toEqual({ ids: [0, 1], count: 2 });
    expect(seatOf({ SHARDS: 1, SHARD_COUNT: 2 }, {})).toEqual({ ids: [1], count: 2 });
    expect(seatOf({ SHARDS: undefined, SHARD_COUNT: undefined }, { SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '3' })).toEqual({ ids: [1], count: 3 });
    expect(seatOf({ SHARDS: undefined, SHARD_COUNT: undefined }, {})).toBeUndefined();
    expect(seatOf({ SHARDS: 'auto', SHARD_COUNT: undefined }, {})).toBeUndefined();
  });
});
