/**
 * The SHARDS setting in its two meanings. Without SHARD_COUNT it is `auto` or a number N (this one
 * host runs every shard, as before); with SHARD_COUNT=C it lists the ids this host runs out of C
 * (`0`, `0-3`, `0,2,5`, `0-1,3`), so several hosts split one bot between them.
 */

/** `auto`, N, or a list of ids (only meaningful with SHARD_COUNT). */
export type ShardsSetting = 'auto' | number | readonly number[];

const LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** Reads SHARDS as written; a single number stays a number until SHARD_COUNT says which meaning it has. */
export function parseShardsSetting(value: string): ShardsSetting | { problem: string } {
  const text = value.replace(/\s+/g, '');
  if (text.toLowerCase() === 'auto') return 'auto';
  if (!LIST.test(text)) return { problem: 'must be "auto", a number, or a list of shard ids such as 0-3 or 0,2,5' };
  if (/^\d+$/.test(text)) return Number(text);
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (to < from) return { problem: `the range ${part} runs backwards` };
    // A range such as 0-100000 is a typo, not a plan: no bot has that many shards on one host.
    if (to - from > 4_096) return { problem: `the range ${part} is too large` };
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** How this host takes part in sharding, once SHARDS and SHARD_COUNT are read together. */
export type ShardPlan =
  /** One process, one gateway connection (no SHARDS, no SHARD_COUNT). */
  | { kind: 'single' }
  /** This host runs every shard: `auto` (Discord's recommendation) or N of them. */
  | { kind: 'all'; total: 'auto' | number }
  /** This host runs `ids` out of `total` shards; the other ids run elsewhere. */
  | { kind: 'list'; total: number; ids: readonly number[] };

/**
 * Combines SHARDS and SHARD_COUNT; a string is the setting problem to report (exit 2).
 * `shards` is undefined when SHARDS is not set.
 */
export function shardPlan(shards: ShardsSetting | undefined, shardCount: number | undefined): ShardPlan | string {
  if (shardCount === undefined) {
    if (shards === undefined) return { kind: 'single' };
    if (typeof shards === 'object') return 'SHARDS: a list of shard ids needs SHARD_COUNT (the number of shards over all hosts)';
    if (shards === 0) return 'SHARDS: must be "auto" or a positive whole number (or a shard id with SHARD_COUNT)';
    return { kind: 'all', total: shards };
  }
  if (shards === 'auto') return 'SHARDS: "auto" cannot be combined with SHARD_COUNT; list the shard ids this host runs (such as 0-1)';
  const ids = shards === undefined ? range(shardCount) : typeof shards === 'number' ? [shards] : shards;
  const outside = ids.filter((id) => id >= shardCount);
  if (outside.length > 0) return `SHARDS: shard ${outside.join(', ')} does not exist with SHARD_COUNT=${shardCount} (ids run from 0 to ${shardCount - 1})`;
  return ids.length === shardCount ? { kind: 'all', total: shardCount } : { kind: 'list', total: shardCount, ids };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, id) => id);
}
