import { LanguageModelError, streamUsage, type ChatMessage, type LanguageModel, type TokenUsage } from '../llm/types.js';
import { estimateUsage } from './tokens.js';

/** One request to the model. */
export interface ModelCall {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /**
   * When given, the answer is streamed and this gets the text so far after every delta.
   * A throwing listener (a failed message edit) does not stop the generation.
   */
  onText?: (textSoFar: string) => void;
}

/** The model's whole answer and what it cost. */
export interface ModelAnswer {
  text: string;
  /** As reported by the provider, or estimated when it reported nothing. */
  usage: TokenUsage;
}

/**
 * Asks the model once, streaming when `onText` is given. An empty answer counts as a malformed
 * reply, so it is never cached or shown.
 * @throws LanguageModelError
 */
export async function callModel(model: LanguageModel, call: ModelCall): Promise<ModelAnswer> {
  const options = {
    messages: call.messages,
    ...(call.maxTokens === undefined ? {} : { maxTokens: Math.max(16, Math.floor(call.maxTokens)) }),
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
  };
  let text: string;
  let reported: TokenUsage | undefined;
  if (call.onText) {
    const onText = call.onText;
    const stream = model.stream(options);
    text = '';
    for await (const delta of stream) {
      text += delta;
      try {
        onText(text);
      } catch {
        // Progress display is best effort; the answer still arrives in full at the end.
      }
    }
    reported = streamUsage(stream);
  } else {
    const result = await model.generate(options);
    text = result.text;
    reported = result.usage;
  }
  if (text.trim() === '') throw new LanguageModelError('The model returned an empty answer', 'malformed');
  const usage = reported && reported.totalTokens > 0 ? reported : estimateUsage(call.messages, text);
  return { text, usage };
}
