import { LanguageModelError, type GenerateOptions, type GenerateResult, type LanguageModel } from '../llm/types.js';
import type { Metrics } from './metrics.js';

/**
 * Wraps a model so every call is counted in `herald_llm_*`: calls by outcome, duration, tokens
 * (when the provider reports them) and errors by `LanguageModelError.kind`. Behaviour, errors and
 * the `provider`/`model` labels of the wrapped model are unchanged.
 *
 * Streams count as one call when the iteration ends; an abandoned stream (the consumer broke out
 * early) counts as `ok`. Streams carry no token usage, so they add no tokens.
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
    async *stream(options: GenerateOptions): AsyncIterable<string> {
      const started = performance.now();
      let failed = false;
      try {
        yield* model.stream(options);
      } catch (error) {
        failed = true;
        metrics.recordLlmCall({ ...labels, outcome: 'error', errorKind: errorKind(error, options), seconds: elapsed(started) });
        throw error;
      } finally {
        if (!failed) metrics.recordLlmCall({ ...labels, outcome: 'ok', seconds: elapsed(started) });
      }
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
