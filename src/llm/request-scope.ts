import { AsyncLocalStorage } from 'node:async_hooks';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelError, ModelStream } from './types.js';

/** A model call about to be retried, as the console tells its user. */
export interface RetryNotice {
  /** HTTP status, when the server answered. */
  status?: number;
  kind: LanguageModelError['kind'];
  /** This retry's number (1 for the first) and how many are allowed. */
  retry: number;
  of: number;
  host: string;
}

/**
 * One request being answered by someone who watches it directly (the console): its model calls
 * end when `signal` aborts, and its model trouble is told to that person instead of logged as a
 * warning nobody in front of the console reads.
 */
export interface RequestScope {
  signal: AbortSignal;
  onRetry?(notice: RetryNotice): void;
  /** The model failed for good (after retries); the request answers offline or refuses. */
  onModelFailure?(operation: string, error: LanguageModelError): void;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` as one request: every model call it causes, however deep, sees the scope. */
export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The scope of the request being answered in this async context, if any. */
export function currentScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** Wraps `model` so a call made within a scope also ends when the scope's signal aborts. */
export function scopedModel(model: LanguageModel): LanguageModel {
  const withScope = (options: GenerateOptions): GenerateOptions => {
    const signal = currentScope()?.signal;
    if (!signal) return options;
    return { ...options, signal: options.signal ? AbortSignal.any([options.signal, signal]) : signal };
  };
  return {
    provider: model.provider,
    model: model.model,
    generate: (options: GenerateOptions): Promise<GenerateResult> => model.generate(withScope(options)),
    stream: (options: GenerateOptions): ModelStream => model.stream(withScope(options)),
  };
}
