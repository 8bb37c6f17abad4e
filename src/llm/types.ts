/** One chat message sent to a language model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  messages: ChatMessage[];
  /** Upper bound on generated tokens. */
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

/** Tokens a call consumed, as the provider reported them (0 when it did not). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/**
 * Why the model stopped writing, as OpenAI-compatible servers say it: `stop` (done), `length` (the
 * max_tokens limit cut it off), `content_filter` (the provider withheld the rest), tool calls, or
 * `other` for any word Herald does not know.
 */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'other';

export interface GenerateResult {
  text: string;
  /** Why generation stopped, when the provider says so; some servers never do. */
  finishReason?: FinishReason;
  usage: TokenUsage;
}

/** The small surface Herald needs from any model. */
export interface LanguageModel {
  /** "openai" or "offline". */
  readonly provider: string;
  /** Model name; part of every cache key. */
  readonly model: string;
  generate(options: GenerateOptions): Promise<GenerateResult>;
  /** Text deltas as they arrive; usage is not guaranteed in streams. */
  stream(options: GenerateOptions): ModelStream;
}

/**
 * Text deltas. Providers that learn the token usage (OpenAI sends it in the last chunk) expose it
 * as `usage` once iteration ends; many servers never do, so callers must cope without it.
 */
export interface ModelStream extends AsyncIterable<string> {
  readonly usage?: TokenUsage;
  /** Why generation stopped, once iteration ends; undefined when the stream never said. */
  readonly finishReason?: FinishReason;
}

/** The usage a finished stream reported, if any. */
export function streamUsage(stream: ModelStream): TokenUsage | undefined {
  const usage = stream.usage;
  return usage && usage.totalTokens > 0 ? usage : undefined;
}

/**
 * A provider failure. `isRetryable` follows HTTP semantics (408, 409, 429, >= 500, timeouts);
 * `kind` lets callers tell the user what went wrong without leaking provider internals.
 */
export class LanguageModelError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'model_not_found' | 'rate_limited' | 'server' | 'timeout' | 'malformed' | 'network' | 'bad_request' | 'incomplete',
    readonly statusCode?: number,
    readonly isRetryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LanguageModelError';
  }
}

export const ZERO_USAGE: TokenUsage = Object.freeze({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
