import { setMaxListeners } from 'node:events';
import { LanguageModelError, type GenerateOptions, type GenerateResult, type LanguageModel, type ModelStream } from './types.js';

/** A model whose calls can all be ended at once, and the switch that ends them. */
export interface CancellableModel {
  model: LanguageModel;
  /**
   * Ends every call in flight and refuses new ones with a LanguageModelError of kind `timeout`,
   * so callers fall back exactly as for a model that took too long (an offline summary with a
   * notice, or a polite error). Used at shutdown, so answers still go out before the process exits.
   */
  cancelAll(reason: string): void;
}

/** Wraps `model` so {@link CancellableModel.cancelAll} ends its calls; otherwise unchanged. */
export function cancellableModel(model: LanguageModel): CancellableModel {
  const controller = new AbortController();
  // Every call in flight listens to it (100 requests at once are 100 listeners, not a leak).
  setMaxListeners(0, controller.signal);
  const withStop = (options: GenerateOptions): GenerateOptions => ({
    ...options,
    signal: options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal,
  });
  return {
    model: {
      provider: model.provider,
      model: model.model,
      generate: (options: GenerateOptions): Promise<GenerateResult> => model.generate(withStop(options)),
      stream: (options: GenerateOptions): ModelStream => model.stream(withStop(options)),
    },
    cancelAll(reason: string): void {
      if (!controller.signal.aborted) controller.abort(new LanguageModelError(reason, 'timeout'));
    },
  };
}
