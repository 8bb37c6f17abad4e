import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { Logger } from '../log.js';
import { classifyFailure, type AdaptableParameter } from './openai-failures.js';
import { currentScope } from './request-scope.js';
import { abortReason, backoffMs, MAX_RETRY_WAIT_MS, sleep } from './retry-policy.js';
import {
  LanguageModelError,
  ZERO_USAGE,
  type FinishReason,
  type GenerateOptions,
  type GenerateResult,
  type LanguageModel,
  type TokenUsage,
} from './types.js';

/** How to reach an OpenAI-compatible chat completions server. */
export interface OpenAIModelSettings {
  /** Sent as a bearer token; optional for local servers (Ollama, vLLM, LM Studio) that need none. */
  apiKey?: string;
  /** Base URL including the version path, e.g. http://127.0.0.1:11434/v1; OpenAI's when absent. */
  baseURL?: string;
  /** Model name sent with every request. */
  model: string;
  /** Deadline of one attempt (headers and body); in streams, the longest silence between deltas. */
  timeoutMs: number;
  /** Further attempts after a 408/409/429/5xx or a dropped connection (0–10). */
  maxRetries: number;
  logger?: Logger;
}

/** Text deltas, plus what the server said about the whole answer once the deltas are done. */
export interface TextStream extends AsyncIterable<string> {
  /** Token usage, when the server sent it (after iteration ends); zeros otherwise. */
  readonly usage: TokenUsage;
  /** Why generation stopped, when the server said so. */
  readonly finishReason: FinishReason | undefined;
}

/** A LanguageModel on an OpenAI-compatible server, with its own settings visible for labels. */
export interface OpenAIModel extends LanguageModel {
  readonly provider: 'openai';
  /** Host of the base URL ("api.openai.com", "127.0.0.1:11434"), for logs and status lines. */
  readonly host: string;
  stream(options: GenerateOptions): TextStream;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** A key for the SDK's credential check when the server needs none; never sent (see headers). */
const NO_KEY = 'herald-no-api-key';

/**
 * An OpenAI-compatible chat model (OpenAI, Ollama, vLLM, LM Studio, OpenRouter…) through the
 * official SDK. Settings are checked here, so a bad configuration fails at startup.
 *
 * Retries are Herald's own rather than the SDK's: the SDK's timeout stops at the response
 * headers (a body that stalls would hang forever) and it obeys any retry-after, even an hour.
 * @throws LanguageModelError ('auth' without key for OpenAI's own API, 'bad_request' otherwise)
 */
export function createOpenAIModel(settings: OpenAIModelSettings): OpenAIModel {
  const { apiKey, baseURL, host } = validate(settings);
  const client = new OpenAI({
    apiKey: apiKey ?? NO_KEY,
    baseURL,
    // Without a key, send no Authorization header at all rather than a fake one.
    defaultHeaders: apiKey ? undefined : { Authorization: null },
    adminAPIKey: null,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    // The SDK would log to the console; failures reach our logger through the errors instead.
    logLevel: 'off',
  });
  return new OpenAICompatibleModel(client, { ...settings, apiKey }, host);
}

function validate(settings: OpenAIModelSettings): { apiKey?: string; baseURL: string; host: string } {
  const invalid = (message: string, kind: 'auth' | 'bad_request' = 'bad_request') =>
    new LanguageModelError(message, kind);
  if (typeof settings.model !== 'string' || settings.model.trim() === '') {
    throw invalid('LLM_MODEL must name a model, e.g. "gpt-4o-mini" or "llama3.2".');
  }
  if (!Number.isInteger(settings.timeoutMs) || settings.timeoutMs <= 0) {
    throw invalid('LLM_TIMEOUT_MS must be a positive whole number of milliseconds.');
  }
  if (!Number.isInteger(settings.maxRetries) || settings.maxRetries < 0 || settings.maxRetries > 10) {
    throw invalid('LLM_MAX_RETRIES must be a whole number from 0 to 10.');
  }
  const apiKey = settings.apiKey?.trim() || undefined;
  const raw = settings.baseURL?.trim() || undefined;
  if (!raw && !apiKey) {
    throw invalid('OPENAI_API_KEY is needed for OpenAI; for a local server set OPENAI_BASE_URL instead.', 'auth');
  }
  let url: URL;
  try {
    url = new URL(raw ?? DEFAULT_BASE_URL);
  } catch {
    throw invalid('OPENAI_BASE_URL must be an http:// or https:// URL, e.g. http://127.0.0.1:11434/v1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('OPENAI_BASE_URL must be an http:// or https:// URL, e.g. http://127.0.0.1:11434/v1.');
  }
  return { apiKey, baseURL: (raw ?? DEFAULT_BASE_URL).replace(/\/+$/, ''), host: url.host };
}

/** One attempt's deadline, linked to the caller's signal. */
class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly unlink: () => void;

  constructor(
    private readonly timeoutMs: number,
    callerSignal: AbortSignal | undefined,
  ) {
    const onAbort = () => this.controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => callerSignal?.removeEventListener('abort', onAbort);
    if (callerSignal?.aborted) onAbort();
    this.arm();
  }

  /** Restarts the deadline; streams call this whenever the server shows signs of life. */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error('timeout'));
    }, this.timeoutMs);
  }

  /** Stops the clock while our caller, not the server, is the slow one. */
  pause(): void {
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unlink();
  }
}

type Body = Pick<ChatCompletionCreateParamsBase, 'model' | 'messages' | 'max_tokens' | 'max_completion_tokens' | 'temperature'>;

class OpenAICompatibleModel implements OpenAIModel {
  readonly provider = 'openai' as const;
  readonly model: string;
  /** Parameters this model refused once; left out or renamed from then on. */
  private readonly refused = new Set<AdaptableParameter>();

  constructor(
    private readonly client: OpenAI,
    private readonly settings: OpenAIModelSettings,
    readonly host: string,
  ) {
    this.model = settings.model.trim();
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    return this.call(options, async (attempt) => {
      try {
        const completion = await this.client.chat.completions.create(
          { ...this.body(options), stream: false },
          { signal: attempt.controller.signal },
        );
        return readCompletion(completion);
      } finally {
        attempt.dispose();
      }
    });
  }

  stream(options: GenerateOptions): TextStream {
    const state: { usage: TokenUsage; finishReason: FinishReason | undefined } = { usage: ZERO_USAGE, finishReason: undefined };
    const deltas = this.deltas(options, state);
    return {
      [Symbol.asyncIterator]: () => deltas,
      get usage() {
        return state.usage;
      },
      get finishReason() {
        return state.finishReason;
      },
    };
  }

  private async *deltas(
    options: GenerateOptions,
    state: { usage: TokenUsage; finishReason: FinishReason | undefined },
  ): AsyncGenerator<string, void, undefined> {
    const { opened, attempt } = await this.call(options, async (attempt) => ({
      attempt,
      opened: await this.client.chat.completions
        .create(
          { ...this.body(options), stream: true, stream_options: { include_usage: true } },
          { signal: attempt.controller.signal },
        )
        .withResponse(),
    }));
    let started = false;
    try {
      // A server that ignores `stream: true` answers with one JSON completion: take it whole.
      if (/json/i.test(opened.response.headers.get('content-type') ?? '')) {
        const result = readCompletion(await opened.response.json());
        state.usage = result.usage;
        state.finishReason = result.finishReason;
        attempt.pause();
        if (result.text) yield result.text;
        return;
      }
      for await (const chunk of opened.data as AsyncIterable<ChatCompletionChunk>) {
        attempt.arm();
        if (!chunk || typeof chunk !== 'object') throw malformed('a stream event is not a JSON object');
        if (chunk.usage) state.usage = toUsage(chunk.usage);
        const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
        if (choice?.finish_reason) state.finishReason = toFinishReason(choice.finish_reason);
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text !== '') {
          started = true;
          attempt.pause();
          yield text;
          attempt.arm();
        }
      }
    } catch (error) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      throw this.failure(error, attempt, started).toError(1);
    } finally {
      attempt.dispose();
    }
    // The SDK ends a stream quietly when its request is aborted; say why it ended.
    if (options.signal?.aborted) throw abortReason(options.signal);
    if (attempt.timedOut) throw this.failure(new Error('timeout'), attempt, started).toError(1);
  }

  /**
   * Runs attempts until one succeeds: retries what may pass on a second try (429, 5xx, dropped
   * connections) with exponential backoff or the server's retry-after, and resends once without
   * a parameter the model refused. `run` owns the Attempt once it succeeds.
   */
  private async call<T>(options: GenerateOptions, run: (attempt: Attempt) => Promise<T>): Promise<T> {
    const { maxRetries, logger } = this.settings;
    let retries = 0;
    for (;;) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      const attempt = new Attempt(this.settings.timeoutMs, options.signal);
      let failure;
      try {
        return await run(attempt);
      } catch (error) {
        attempt.dispose();
        if (options.signal?.aborted) throw abortReason(options.signal);
        failure = this.failure(error, attempt, false);
      }
      if (failure.unsupported && !this.refused.has(failure.unsupported)) {
        this.refused.add(failure.unsupported);
        logger?.info({ model: this.model, parameter: failure.unsupported }, 'model refused a parameter; resending without it');
        continue;
      }
      if (!failure.retry || retries >= maxRetries) throw failure.toError(retries + 1);
      const wait = failure.retryAfterMs ?? backoffMs(retries);
      if (wait > MAX_RETRY_WAIT_MS) {
        logger?.warn({ model: this.model, status: failure.statusCode, waitMs: wait }, 'model provider asked for a long pause; not retrying');
        throw failure.toError(retries + 1);
      }
      retries += 1;
      const fields = { model: this.model, status: failure.statusCode, kind: failure.kind, retry: retries, of: maxRetries, waitMs: Math.round(wait) };
      // Someone watching the request (the console) is told in a line of their own instead.
      const scope = currentScope();
      if (scope?.onRetry) {
        scope.onRetry({ kind: failure.kind, retry: retries, of: maxRetries, host: this.host, ...(failure.statusCode === undefined ? {} : { status: failure.statusCode }) });
        logger?.debug(fields, 'model call failed; retrying');
      } else {
        logger?.warn(fields, 'model call failed; retrying');
      }
      await sleep(wait, options.signal);
    }
  }

  private failure(error: unknown, attempt: Attempt, midStream: boolean) {
    return classifyFailure(error, {
      model: this.model,
      host: this.host,
      apiKey: this.settings.apiKey,
      timeoutMs: this.settings.timeoutMs,
      timedOut: attempt.timedOut,
      midStream,
    });
  }

  private body(options: GenerateOptions): Body {
    const body: Body = {
      model: this.model,
      messages: options.messages.map(({ role, content }) => ({ role, content })),
    };
    if (options.maxTokens !== undefined) {
      if (this.refused.has('max_tokens')) body.max_completion_tokens = options.maxTokens;
      else body.max_tokens = options.maxTokens;
    }
    if (options.temperature !== undefined && !this.refused.has('temperature')) body.temperature = options.temperature;
    return body;
  }
}

function malformed(what: string): LanguageModelError {
  return new LanguageModelError(`The model provider sent a reply Herald cannot read (${what}).`, 'malformed');
}

/** Text, finish reason and usage of a completion, checking the shape a lenient server may skip. */
function readCompletion(completion: unknown): GenerateResult {
  if (!completion || typeof completion !== 'object') throw malformed('not a JSON object');
  const body = completion as Partial<ChatCompletion> & { error?: { message?: unknown } };
  if (!Array.isArray(body.choices)) {
    if (body.error) {
      // Some gateways answer 200 with an error object instead of a status code.
      throw new LanguageModelError('The model provider reported an error instead of an answer.', 'server', undefined, true);
    }
    throw malformed('no choices');
  }
  const choice = body.choices[0];
  if (!choice) throw malformed('no choices');
  const message = choice.message as { content?: unknown; refusal?: unknown } | undefined;
  if (!message || typeof message.content !== 'string') {
    if (typeof message?.refusal === 'string') {
      throw new LanguageModelError('The model refused to answer this request.', 'bad_request');
    }
    throw malformed('no message content');
  }
  return {
    text: message.content,
    finishReason: toFinishReason(choice.finish_reason),
    usage: toUsage(body.usage),
  };
}

/**
 * The finish reason in Herald's words. `max_tokens` is what some gateways say for `length`;
 * an empty or missing value stays undefined (the server did not say).
 */
function toFinishReason(raw: unknown): FinishReason | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const reason = raw.toLowerCase();
  if (reason === 'stop' || reason === 'length' || reason === 'content_filter' || reason === 'tool_calls') return reason;
  if (reason === 'max_tokens') return 'length';
  if (reason === 'function_call') return 'tool_calls';
  return 'other';
}

function toUsage(usage: unknown): TokenUsage {
  if (!usage || typeof usage !== 'object') return ZERO_USAGE;
  const u = usage as Record<string, unknown>;
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
  const promptTokens = count(u.prompt_tokens);
  const completionTokens = count(u.completion_tokens);
  const totalTokens = count(u.total_tokens) || promptTokens + completionTokens;
  return { promptTokens, completionTokens, totalTokens };
}

