/**
 * USER_COOLDOWN_PER_MINUTE over every process: each user's starts sit in one Redis sorted set, so
 * spreading requests over shards or over old and new process in a deploy gains nothing. The same
 * sliding window as ops/cooldown.ts, checked and counted in one Lua call (no race between hosts).
 */
import { randomUUID } from 'node:crypto';
import { cooldownError, type Cooldown } from '../ops/cooldown.js';
import type { CoordinationRedis } from './redis-client.js';

const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('zremrangebyscore', KEYS[1], '-inf', now - window)
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('zadd', KEYS[1], now, ARGV[4])
redis.call('pexpire', KEYS[1], window)
return 0`;

export interface SharedCooldownOptions {
  redis: CoordinationRedis;
  /** The per-process cooldown: its limit and window are used, and it answers while Redis does not. */
  local: Cooldown;
  now?: () => number;
  /** Default `herald:cooldown:`. */
  prefix?: string;
}

/** Counts one uncached request of `userId` over all processes; throws the cooldown UserError when it must wait. */
export function sharedCooldown(options: SharedCooldownOptions): (userId: string) => Promise<void> {
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'herald:cooldown:';
  const { local } = options;
  return async (userId) => {
    const at = now();
    let retryAfterMs: number;
    try {
      retryAfterMs = Number(
        await options.redis.run((client) =>
          client.eval(TAKE, { keys: [prefix + userId], arguments: [String(at), String(local.windowMs), String(local.limit), `${at}:${randomUUID()}`] }),
        ),
      );
    } catch {
      // Redis down: this process's own count still guards the cost, as before scale-out.
      local.assertTake(userId);
      return;
    }
    if (retryAfterMs > 0) throw cooldownError(retryAfterMs);
  };
}
