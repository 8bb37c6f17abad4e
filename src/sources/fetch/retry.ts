import type { FetchFailed } from './types.js';

/**
 * A Retry-After header value in milliseconds from `now`: delta-seconds or an HTTP date (a date in
 * the past means now). Undefined when absent or unreadable, so a bogus header claims no delay.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only HTTP dates carry a weekday name or GMT; a bare '1.5' or '-5' would otherwise parse as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface BackoffOptions {
  /** The delay after the first failure without Retry-After (default one minute). */
  baseMs?: number;
  /** No delay is ever longer (default six hours), not even one a server asks for. */
  maxMs?: number;
  /** Source of jitter in [0, 1); injected by tests. */
  random?: () => number;
}

/**
 * How long to wait before attempt `attempt + 1` after `failure` (attempt counts from 1). A server's
 * Retry-After is honoured as given; otherwise the delay doubles per attempt, with jitter between half
 * and all of it so that many feeds failing together do not come back together.
 */
export function nextAttemptDelay(failure: FetchFailed, attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 60_000, maxMs = 6 * 3_600_000, random = Math.random } = options;
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, maxMs);
  const doublings = Math.min(Math.max(attempt, 1) - 1, 30);
  const backoff = Math.min(baseMs * 2 ** doublings, maxMs);
  return Math.round(backoff * (0.5 + random() / 2));
}
