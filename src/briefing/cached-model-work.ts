import type { ResultCache, Transient } from '../cache/result-cache.js';
import type { Requester } from './types.js';
import type { UsageTracker } from './usage.js';

/** The limits every cached model request answers to: the shared cache, the daily budget and the per-user check. */
export interface ModelWorkLimits {
  cache: ResultCache;
  usage?: Pick<UsageTracker, 'assertBudget'> | undefined;
  /** The per-user check (the cooldown); omitted for work that belongs to a request already admitted. */
  admit?: ((who: Requester | undefined) => void | Promise<void>) | undefined;
}

/**
 * Cached model work. The per-user limit is checked on a miss, before joining a computation others
 * may share, so one user's refusal never reaches another; the daily budget is global and is checked
 * only by the computation that actually calls the model. `onModelCall` comes after both checks,
 * so a refusal is never preceded by a sign of work. The cache's own look-up tells a miss: a
 * request that needs the model defers after one store read, not two.
 */
export function cachedModelWork<T>(
  limits: ModelWorkLimits,
  key: string,
  who: Requester | undefined,
  compute: () => Promise<T | Transient<T>>,
  /** BriefingProgress.onModelCall: the answer needs the model; awaited (best effort) before the call. */
  onModelCall?: () => void | Promise<void>,
): Promise<{ value: T; cached: boolean }> {
  const { cache, usage, admit } = limits;
  // The caller's signal is best effort: its failure must not fail a computation others may share.
  const signal = async () => {
    await onModelCall?.();
  };
  return cache.getOrCompute<T>(
    key,
    async () => {
      await usage?.assertBudget();
      await signal().catch(() => undefined);
      return compute();
    },
    () => void signal().catch(() => undefined),
    admit ? () => admit(who) : undefined,
  );
}
