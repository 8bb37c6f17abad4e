import {
  LanguageModelError,
  streamUsage,
  type GenerateOptions,
  type GenerateResult,
  type LanguageModel,
  type ModelStream,
} from '../llm/types.js';
import type { Metrics } from './metrics.js';

/**
 * Wraps a model so every call is counted in `herald_llm_*`: calls by outcome, duration, tokens
 * (when the provider reports them) and errors by `LanguageModelError.kind`. Behaviour, errors and
 * the `provider`/`model` labels of the wrapped model are unchanged.
 *
 * Streams count as one call when the iteration ends; an abandoned stream (the consumer broke out
 * early) counts as `ok`. Their tokens are counted when the provider reported them, and the wrapped
 * stream's `usage` and `finishReason` stay readable by the caller.
 */
export function meteredModel(model: LanguageModel, metrics: Metrics): LanguageModel {
  const labels = { provider: model.provider, model: model.model };
  return {
    provider: model.provider,
    model: model.model,
    async generate(options: GenerateOptions): Promise<GenerateResult> {
      const started = performance.now();
      try {
        const result = await model.generate(options);
        metrics.recordLlmCall({ ...labels, outcome: 'ok', usage: result.usage, seconds: elapsed(started) });
        return result;
      } catch (error) {
        metrics.recordLlmCall({ ...labels, outcome: 'error', errorKind: errorKind(error, options), seconds: elapsed(started) });
        throw error;
      }
    },
    stream(options: GenerateOptions): ModelStream {
      const inner = model.stream(options);
      async function* metered(): AsyncGenerator<string> {
        const started = performance.now();
        let failed = false;
        try {
          yield* inner;
        } catch (error) {
          failed = true;
          metrics.recordLlmCall({ ...labels, outcome: 'error', errorKind: errorKind(error, options), seconds: elapsed(started) });
          throw error;
        } finally {
          if (!failed) {
            const usage = streamUsage(inner);
            metrics.recordLlmCall({ ...labels, outcome: 'ok', ...(usage ? { usage } : {}), seconds: elapsed(started) });
          }
        }
      }
      const deltas = metered();
      return {
        [Symbol.asyncIterator]: () => deltas,
        get usage() {
          return inner.usage;
        },
        // Without it every metered stream would look unfinished and be asked for again.
        get finishReason() {
          return inner.finishReason;
        },
      };
    },
  };
}

function elapsed(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

function errorKind(error: unknown, options: GenerateOptions): string {
  if (error instanceof LanguageModelError) return error.kind;
  if (options.signal?.aborted) return 'aborted';
  return 'unknown';
}
