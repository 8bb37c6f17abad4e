import { LanguageModelError, type FinishReason } from './types.js';

/**
 * Why an answer is not the whole answer: the token limit cut it (`length`), the provider withheld
 * the rest (`content_filter`), or a stream ended before the server said why it stopped
 * (`unfinished_stream`: a dropped proxy connection looks exactly like that).
 */
export type Cut = 'length' | 'content_filter' | 'unfinished_stream';

/**
 * Whether an answer was cut short, from its finish reason. A non-streamed answer without one is
 * taken as complete, because some servers never send it; a stream always ends with one when the
 * model finished, so its absence there means the text stopped early.
 */
export function cutOf(finishReason: FinishReason | undefined, streamed: boolean): Cut | undefined {
  if (finishReason === 'length' || finishReason === 'content_filter') return finishReason;
  if (finishReason === undefined && streamed) return 'unfinished_stream';
  return undefined;
}

/** The model's answer stayed cut off after Herald asked again; never shown as complete, never cached. */
export class IncompleteAnswerError extends LanguageModelError {
  constructor(readonly cut: Cut) {
    super(`The model's answer was cut off (${cut}) twice`, 'incomplete');
    this.name = 'IncompleteAnswerError';
  }
}
