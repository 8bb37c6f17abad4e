import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TokenUsage } from '../llm/types.js';

/**
 * How an interaction ended: answered (`ok`), refused or corrected with a user error shown to the
 * user (`user_error`, e.g. unknown article, cooldown), or failed with an apology and error id (`error`).
 */
export type InteractionOutcome = 'ok' | 'user_error' | 'error';

/** How a model call ended. */
export type LlmOutcome = 'ok' | 'error';

/** What happened to one scheduled digest delivery. */
export type DigestOutcome = 'posted' | 'failed' | 'paused';

/** Anything that can answer `GET /metrics`: one registry, or several shards aggregated. */
export interface MetricsSource {
  /** Content-Type header of the exposition format. */
  readonly contentType: string;
  /** The exposition text. */
  render(): Promise<string>;
}

/** One finished model call, as {@link Metrics.recordLlmCall} takes it. */
export interface LlmCallRecord {
  provider: string;
  model: string;
  outcome: LlmOutcome;
  /** Tokens the provider reported; omitted (or zero) when it did not. */
  usage?: TokenUsage;
  /** `LanguageModelError.kind` for failures, or `aborted` / `unknown`. */
  errorKind?: string;
  /** Wall time of the call. */
  seconds?: number;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag, GC); on by default. Tests switch them off. */
  defaultMetrics?: boolean;
  /** Labels put on every series, e.g. `{ shard: '0' }`. */
  defaultLabels?: Record<string, string>;
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60];

/**
 * Herald's Prometheus metrics on a registry of their own (never prom-client's global one, so
 * tests and several instances in one process do not collide).
 *
 * Series:
 * - `herald_interactions_total{command,outcome}`
 * - `herald_interaction_duration_seconds{command}` (histogram)
 * - `herald_llm_calls_total{provider,model,outcome}`
 * - `herald_llm_call_duration_seconds{provider,model}` (histogram)
 * - `herald_llm_tokens_total{provider,model,kind=prompt|completion}`
 * - `herald_llm_errors_total{provider,model,kind}`
 * - `herald_cache_requests_total{result=hit|miss}`
 * - `herald_digests_total{outcome=posted|failed|paused}`
 */
export class Metrics implements MetricsSource {
  readonly registry: Registry;
  readonly interactions: Counter<'command' | 'outcome'>;
  readonly interactionDuration: Histogram<'command'>;
  readonly llmCalls: Counter<'provider' | 'model' | 'outcome'>;
  readonly llmDuration: Histogram<'provider' | 'model'>;
  readonly llmTokens: Counter<'provider' | 'model' | 'kind'>;
  readonly llmErrors: Counter<'provider' | 'model' | 'kind'>;
  readonly cacheRequests: Counter<'result'>;
  readonly digests: Counter<'outcome'>;

  constructor(options: MetricsOptions = {}) {
    this.registry = new Registry();
    const registers = [this.registry];
    if (options.defaultLabels) this.registry.setDefaultLabels(options.defaultLabels);
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });

    this.interactions = new Counter({
      name: 'herald_interactions_total',
      help: 'Slash commands, menus and DM requests handled, by command and outcome.',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.interactionDuration = new Histogram({
      name: 'herald_interaction_duration_seconds',
      help: 'Time from receiving a request to its final answer.',
      labelNames: ['command'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.llmCalls = new Counter({
      name: 'herald_llm_calls_total',
      help: 'Calls to the language model provider, by outcome.',
      labelNames: ['provider', 'model', 'outcome'],
      registers,
    });
    this.llmDuration = new Histogram({
      name: 'herald_llm_call_duration_seconds',
      help: 'Wall time of language model calls.',
      labelNames: ['provider', 'model'],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.llmTokens = new Counter({
      name: 'herald_llm_tokens_total',
      help: 'Tokens the provider reported, by kind (prompt or completion).',
      labelNames: ['provider', 'model', 'kind'],
      registers,
    });
    this.llmErrors = new Counter({
      name: 'herald_llm_errors_total',
      help: 'Failed language model calls, by error kind (rate_limited, timeout, server, ...).',
      labelNames: ['provider', 'model', 'kind'],
      registers,
    });
    this.cacheRequests = new Counter({
      name: 'herald_cache_requests_total',
      help: 'Result cache lookups, by result (hit or miss).',
      labelNames: ['result'],
      registers,
    });
    this.digests = new Counter({
      name: 'herald_digests_total',
      help: 'Scheduled digest deliveries, by outcome (posted, failed, paused).',
      labelNames: ['outcome'],
      registers,
    });

    // Series that exist from the start, so rate() and alerts see a 0 rather than no data.
    for (const result of ['hit', 'miss']) this.cacheRequests.inc({ result }, 0);
    for (const outcome of ['posted', 'failed', 'paused']) this.digests.inc({ outcome }, 0);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every series. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * Starts timing one request; call the returned function once with its outcome.
   * Returns the elapsed seconds, for logging.
   */
  startInteraction(command: string): (outcome: InteractionOutcome) => number {
    const started = process.hrtime.bigint();
    let done = false;
    return (outcome) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!done) this.recordInteraction(command, outcome, seconds);
      done = true;
      return seconds;
    };
  }

  /** Counts one finished request and records its duration. */
  recordInteraction(command: string, outcome: InteractionOutcome, seconds: number): void {
    this.interactions.inc({ command, outcome });
    this.interactionDuration.observe({ command }, seconds);
  }

  /** Counts one model call, its tokens and, for failures, its error kind. */
  recordLlmCall(call: LlmCallRecord): void {
    const { provider, model } = call;
    this.llmCalls.inc({ provider, model, outcome: call.outcome });
    if (call.seconds !== undefined) this.llmDuration.observe({ provider, model }, call.seconds);
    if (call.usage) {
      if (call.usage.promptTokens > 0) this.llmTokens.inc({ provider, model, kind: 'prompt' }, call.usage.promptTokens);
      if (call.usage.completionTokens > 0) {
        this.llmTokens.inc({ provider, model, kind: 'completion' }, call.usage.completionTokens);
      }
    }
    if (call.outcome === 'error') this.llmErrors.inc({ provider, model, kind: call.errorKind ?? 'unknown' });
  }

  /** Counts one result-cache lookup (`BriefingResult.cached` says which). */
  recordCache(hit: boolean): void {
    this.cacheRequests.inc({ result: hit ? 'hit' : 'miss' });
  }

  /** Counts one digest delivery. */
  recordDigest(outcome: DigestOutcome): void {
    this.digests.inc({ outcome });
  }
}

/** Creates Herald's metrics on a fresh registry. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  return new Metrics(options);
}
