import { setTimeout as delay } from 'node:timers/promises';

/** First wait between attempts; doubles each retry. */
export const INITIAL_BACKOFF_MS = 500;
/** Ceiling of the exponential backoff. */
export const MAX_BACKOFF_MS = 8_000;
/**
 * A server asking for a longer pause than this is not waited for: the caller fails fast with
 * rate_limited, since someone on Discord is watching a "thinking…" message meanwhile.
 */
export const MAX_RETRY_WAIT_MS = 30_000;

/** Minimal view of response headers (fetch Headers fits). */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * How long the server asked us to wait, from `retry-after-ms` (milliseconds, OpenAI's) or
 * `retry-after` (seconds or an HTTP date); undefined when it did not ask.
 */
export function retryAfterMs(headers: HeaderSource | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff for retry number `retry` (0-based), with up to 25 % jitter downwards. */
export function backoffMs(retry: number, random = Math.random): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/** Waits, or rejects with the signal's reason as soon as it aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    throw error;
  }
}

/** What an aborted call rejects with: the caller's own reason, or a standard AbortError. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
