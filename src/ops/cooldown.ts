import type { Config } from '../config.js';
import { UserError } from '../errors.js';

/** The answer of {@link Cooldown.take}. */
export type CooldownResult = { ok: true } | { ok: false; retryAfterMs: number };

export interface CooldownOptions {
  /** Uncached requests one user may start per window (`USER_COOLDOWN_PER_MINUTE`). Default 5. */
  limit?: number;
  /** Window length; default one minute. */
  windowMs?: number;
  /** Milliseconds clock; injected in tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Per-user limit for uncached LLM work: at most `limit` starts in any sliding window of
 * `windowMs`. Call {@link take} only when the answer is not cached, so cached answers are never
 * limited.
 *
 * State lives in this process's memory. Processes sharing Redis count each user over all of them
 * with scale/shared-cooldown.ts, which falls back to this count while Redis does not answer.
 */
export class Cooldown {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** Start times of each user's requests within the window, oldest first. */
  private readonly starts = new Map<string, number[]>();
  private takesSinceSweep = 0;

  constructor(options: CooldownOptions = {}) {
    this.limit = options.limit ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new RangeError('Cooldown limit must be a positive integer');
    if (!(this.windowMs > 0)) throw new RangeError('Cooldown window must be positive');
  }

  /** Users with requests in memory (active ones, plus idle ones not swept yet). */
  get trackedUsers(): number {
    return this.starts.size;
  }

  /** Counts one request for `userId` if the window allows it; otherwise says when to retry. */
  take(userId: string): CooldownResult {
    const now = this.now();
    this.maybeSweep(now);
    const recent = this.recent(userId, now);
    if (recent.length > 0) this.starts.set(userId, recent);
    if (recent.length >= this.limit) {
      // The oldest start leaves the window first; that is when one more request fits.
      return { ok: false, retryAfterMs: Math.max(1, recent[0]! + this.windowMs - now) };
    }
    recent.push(now);
    this.starts.set(userId, recent);
    return { ok: true };
  }

  /** Like {@link take}, but does not count anything: may `userId` start a request now? */
  peek(userId: string): CooldownResult {
    const now = this.now();
    const recent = this.recent(userId, now);
    return recent.length < this.limit ? { ok: true } : { ok: false, retryAfterMs: Math.max(1, recent[0]! + this.windowMs - now) };
  }

  /** {@link take}, throwing {@link cooldownError} when the user must wait. */
  assertTake(userId: string): void {
    const result = this.take(userId);
    if (!result.ok) throw cooldownError(result.retryAfterMs);
  }

  /** Forgets a user's history (e.g. an admin lifted the limit). */
  reset(userId: string): void {
    this.starts.delete(userId);
  }

  private recent(userId: string, now: number): number[] {
    const all = this.starts.get(userId);
    if (!all) return [];
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < all.length && all[drop]! <= cutoff) drop++;
    return drop === 0 ? all : all.slice(drop);
  }

  /** Drops users idle for a whole window now and then, so memory follows active users only. */
  private maybeSweep(now: number): void {
    if (++this.takesSinceSweep < 1_000) return;
    this.takesSinceSweep = 0;
    const cutoff = now - this.windowMs;
    for (const [userId, starts] of this.starts) {
      if (starts[starts.length - 1]! <= cutoff) this.starts.delete(userId);
    }
  }
}

/**
 * The user error for a refused request: "You're going fast — try again in N seconds.", with
 * `params.seconds` (rounded up, at least 1) for renderers that translate it.
 */
export function cooldownError(retryAfterMs: number): UserError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new UserError('cooldown', { seconds });
}

/** The cooldown Herald runs with: `USER_COOLDOWN_PER_MINUTE` starts per user per minute. */
export function createCooldown(config: Pick<Config, 'USER_COOLDOWN_PER_MINUTE'>, now?: () => number): Cooldown {
  return new Cooldown({ limit: config.USER_COOLDOWN_PER_MINUTE, windowMs: 60_000, now });
}
