import type { Config } from '../config.js';
import { shardFromEnv } from '../ops/sharding.js';
import type { ShardSeat } from './ownership.js';
import { shardPlan } from './shard-list.js';

/**
 * The shards this process serves: with SHARD_COUNT, the ids SHARDS lists (all by default), run by
 * this one process's client; under SHARDS=auto|N's manager, the one shard it forked this process
 * for; otherwise none (one process serves everything).
 */
export function seatOf(config: Pick<Config, 'SHARDS' | 'SHARD_COUNT'>, env: NodeJS.ProcessEnv = process.env): ShardSeat | undefined {
  const forked = shardFromEnv(env);
  if (forked) return { ids: [forked.id], count: forked.count };
  const plan = shardPlan(config.SHARDS, config.SHARD_COUNT);
  if (typeof plan === 'string' || plan.kind === 'single' || plan.total === 'auto') return undefined;
  return plan.kind === 'list' ? { ids: plan.ids, count: plan.total } : { ids: Array.from({ length: plan.total }, (_, id) => id), count: plan.total };
}
