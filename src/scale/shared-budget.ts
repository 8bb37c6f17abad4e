/**
 * LLM_DAILY_TOKEN_BUDGET over every process: each booking adds its tokens to one Redis counter per
 * UTC day with INCRBY, which no concurrent booking on another host can overwrite (the usage
 * records' read-modify-write can lose one when two hosts book at the same moment).
 */
import type { CoordinationRedis } from './redis-client.js';

/** Today's tokens over all processes, as UsageTracker's budget check reads them. */
export interface SharedTokenCounter {
  add(date: string, tokens: number): Promise<void>;
  /** Undefined when Redis cannot be asked (the tracker then uses what it knows). */
  total(date: string): Promise<number | undefined>;
}

/** Two days, so the counter outlives its day in every time zone a host's clock may be off by. */
const KEEP_MS = 2 * 86_400_000;

export function sharedTokenCounter(redis: CoordinationRedis, prefix = 'herald:tokens:'): SharedTokenCounter {
  return {
    async add(date, tokens) {
      if (tokens <= 0) return;
      await redis
        .run(async (client) => {
          await client.multi().incrBy(prefix + date, tokens).pExpire(prefix + date, KEEP_MS).exec();
        })
        // Bookkeeping: a failed add is covered by the usage records the tracker also keeps.
        .catch(() => undefined);
    },
    async total(date) {
      try {
        const value = await redis.run((client) => client.get(prefix + date));
        return value === null ? 0 : Number(value);
      } catch {
        return undefined;
      }
    },
  };
}
