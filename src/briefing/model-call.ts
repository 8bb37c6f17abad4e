import { cutOf, IncompleteAnswerError, type Cut } from '../llm/completeness.js';
import { LanguageModelError, streamUsage, type ChatMessage, type GenerateOptions, type LanguageModel, type TokenUsage } from '../llm/types.js';
import { estimateMessageTokens, estimateUsage, SAFETY_TOKENS } from './tokens.js';

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
  /** Set when the answer is not the whole answer (cut by the token limit or a filter). */
  cut?: Cut;
}

/**
 * Asks the model once, streaming when `onText` is given. An empty answer counts as a malformed
 * reply, so it is never cached or shown. A stream that ends without a finish reason is asked for
 * again without streaming (a non-streamed answer is whole or says why not); `usage` is both calls'.
 * @throws LanguageModelError
 */
export async function callModel(model: LanguageModel, call: ModelCall): Promise<ModelAnswer> {
  const options: GenerateOptions = {
    messages: call.messages,
    ...(call.maxTokens === undefined ? {} : { maxTokens: Math.max(16, Math.floor(call.maxTokens)) }),
    ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
  };
  let answer = call.onText ? await streamOnce(model, options, call.onText) : await generateOnce(model, options);
  if (answer.cut === 'unfinished_stream') {
    const whole = await generateOnce(model, options);
    answer = { ...whole, usage: sumUsage(answer.usage, whole.usage) };
    show(call.onText, answer.text);
  }
  if (answer.text.trim() === '') throw new LanguageModelError('The model returned an empty answer', 'malformed');
  return answer;
}

/**
 * Asks the model, and once more with twice the room (as far as the context window allows) when
 * the answer was cut off. Both calls are booked.
 * @throws IncompleteAnswerError when the second answer is cut off too; LanguageModelError
 */
export async function callForWholeAnswer(
  model: LanguageModel,
  call: ModelCall & { maxTokens: number },
  room: { contextTokens: number; book: (usage: TokenUsage) => Promise<void> },
): Promise<ModelAnswer> {
  const first = await callModel(model, call);
  await room.book(first.usage);
  if (!first.cut) return first;
  const free = room.contextTokens - estimateMessageTokens(call.messages) - SAFETY_TOKENS;
  const second = await callModel(model, { ...call, maxTokens: Math.max(call.maxTokens, Math.min(2 * call.maxTokens, free)) });
  await room.book(second.usage);
  if (second.cut) throw new IncompleteAnswerError(second.cut);
  return second;
}

async function streamOnce(model: LanguageModel, options: GenerateOptions, onText: (text: string) => void): Promise<ModelAnswer> {
  const stream = model.stream(options);
  let text = '';
  for await (const delta of stream) {
    text += delta;
    show(onText, text);
  }
  return withUsage(options, text, streamUsage(stream), cutOf(stream.finishReason, true));
}

async function generateOnce(model: LanguageModel, options: GenerateOptions): Promise<ModelAnswer> {
  const result = await model.generate(options);
  return withUsage(options, result.text, result.usage, cutOf(result.finishReason, false));
}

function withUsage(options: GenerateOptions, text: string, reported: TokenUsage | undefined, cut: Cut | undefined): ModelAnswer {
  const usage = reported && reported.totalTokens > 0 ? reported : estimateUsage(options.messages, text);
  return { text, usage, ...(cut ? { cut } : {}) };
}

function show(onText: ((text: string) => void) | undefined, text: string): void {
  try {
    onText?.(text);
  } catch {
    // Progress display is best effort; the answer still arrives in full at the end.
  }
}

function sumUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
