import { APIConnectionError, APIConnectionTimeoutError, APIError, OpenAIError } from 'openai';
import { scrub } from '../log.js';
import { retryAfterMs } from './retry-policy.js';
import { LanguageModelError } from './types.js';

/** Request parameters some models refuse, which Herald can adapt to on the fly. */
export type AdaptableParameter = 'max_tokens' | 'temperature';

/** One failed attempt, classified: what to tell the caller, and whether another try may help. */
export interface Failure {
  kind: LanguageModelError['kind'];
  statusCode?: number;
  /** Another attempt may succeed (HTTP 408/409/429/5xx, dropped connections). */
  retry: boolean;
  /** Semantics for callers (timeouts are retryable later, though Herald does not retry them now). */
  isRetryable: boolean;
  /** How long the server asked to wait before the next attempt. */
  retryAfterMs?: number;
  /** A 400 naming a parameter this model refuses; the request can be resent without it. */
  unsupported?: AdaptableParameter;
  /** Builds the final error once no more attempts will be made. */
  toError(attempts: number): LanguageModelError;
}

/** What a failure message may mention. */
export interface FailureContext {
  model: string;
  /** Host of the base URL, without credentials or path. */
  host: string;
  /** Never shown; scrubbed from any provider text that is. */
  apiKey: string | undefined;
  timeoutMs: number;
  /** This attempt's own deadline fired (whatever error the SDK made of the abort). */
  timedOut: boolean;
  /** Deltas had started to arrive when the failure happened. */
  midStream: boolean;
}

/** The parts of the SDK's APIError Herald reads (the SDK types its generics as any). */
interface ProviderError {
  message: string;
  headers?: Headers | undefined;
  error?: unknown;
  param?: string | null | undefined;
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** Maps anything the SDK or fetch threw to a Failure; never leaks the API key. */
export function classifyFailure(error: unknown, context: FailureContext): Failure {
  if (error instanceof LanguageModelError) {
    return fixed(error.kind, () => error, { statusCode: error.statusCode, isRetryable: error.isRetryable });
  }
  if (context.timedOut || error instanceof APIConnectionTimeoutError) {
    const seconds = formatSeconds(context.timeoutMs);
    const message = context.midStream
      ? `The model stopped sending text for ${seconds}.`
      : `The model did not answer within ${seconds}.`;
    return fixed('timeout', () => new LanguageModelError(message, 'timeout', undefined, true), { isRetryable: true });
  }
  if (error instanceof APIConnectionError) {
    const reason = connectionReason(error);
    return {
      kind: 'network',
      retry: !context.midStream,
      isRetryable: true,
      toError: (attempts) =>
        new LanguageModelError(
          `Could not reach the model provider at ${context.host}: ${reason}${afterAttempts(attempts)}.`,
          'network',
          undefined,
          true,
          { cause: error },
        ),
    };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const { message, headers, param } = error as { message: string; headers?: Headers; param?: string | null };
    return statusFailure({ message, headers, param, error: error.error as unknown }, error.status, context);
  }
  if (error instanceof APIError) {
    // An error event inside an SSE stream: the server gave up mid-answer.
    const detail = providerDetail({ message: error.message, error: error.error as unknown }, context);
    return fixed(
      'server',
      () => new LanguageModelError(`The model provider reported an error while answering${detail}.`, 'server', undefined, true),
      { isRetryable: true },
    );
  }
  if (error instanceof SyntaxError || error instanceof OpenAIError) {
    return fixed('malformed', () =>
      new LanguageModelError('The model provider sent a reply Herald cannot read (not valid JSON).', 'malformed'),
    );
  }
  // fetch's "terminated": the connection dropped while the body was arriving.
  const reason = connectionReason(error);
  return {
    kind: 'network',
    retry: false,
    isRetryable: true,
    toError: () =>
      new LanguageModelError(`The connection to the model provider at ${context.host} broke: ${reason}.`, 'network', undefined, true),
  };
}

function statusFailure(error: ProviderError, status: number, context: FailureContext): Failure {
  const shouldRetry = error.headers?.get('x-should-retry');
  const retry = shouldRetry === 'true' || (shouldRetry !== 'false' && RETRYABLE_STATUS(status) && !context.midStream);
  const base = { statusCode: status, retry, isRetryable: RETRYABLE_STATUS(status) };
  if (status === 401 || status === 403) {
    // The provider's own text may echo (part of) the key: say nothing of it.
    return {
      ...base,
      kind: 'auth',
      toError: () =>
        new LanguageModelError(
          `The model provider at ${context.host} refused Herald: the API key was rejected (HTTP ${status}). Check OPENAI_API_KEY.`,
          'auth',
          status,
        ),
    };
  }
  if (status === 404) {
    return {
      ...base,
      kind: 'model_not_found',
      toError: () =>
        new LanguageModelError(
          `The model "${context.model}" was not found at ${context.host} (HTTP 404). Check LLM_MODEL, and that OPENAI_BASE_URL ends in /v1.`,
          'model_not_found',
          status,
        ),
    };
  }
  if (status === 429) {
    return {
      ...base,
      kind: 'rate_limited',
      retryAfterMs: retryAfterMs(error.headers),
      toError: (attempts) =>
        new LanguageModelError(
          `The model provider is rate limiting Herald (HTTP 429)${afterAttempts(attempts)}.`,
          'rate_limited',
          status,
          true,
        ),
    };
  }
  if (RETRYABLE_STATUS(status)) {
    const kind = status === 408 ? 'timeout' : 'server';
    return {
      ...base,
      kind,
      retryAfterMs: retryAfterMs(error.headers),
      toError: (attempts) =>
        new LanguageModelError(
          `The model provider had a server error (HTTP ${status})${afterAttempts(attempts)}.`,
          kind,
          status,
          true,
        ),
    };
  }
  const detail = providerDetail(error, context);
  return {
    ...base,
    kind: 'bad_request',
    unsupported: status === 400 ? unsupportedParameter(error) : undefined,
    toError: () =>
      new LanguageModelError(`The model provider refused the request (HTTP ${status})${detail}.`, 'bad_request', status),
  };
}

/** OpenAI's reasoning models refuse `max_tokens` (want `max_completion_tokens`) and custom temperatures. */
function unsupportedParameter(error: ProviderError): AdaptableParameter | undefined {
  const text = `${error.param ?? ''} ${error.message}`.toLowerCase();
  if (!/unsupported|not supported|does not support|only the default/.test(text)) return undefined;
  if (text.includes('max_tokens')) return 'max_tokens';
  if (text.includes('temperature')) return 'temperature';
  return undefined;
}

function fixed(
  kind: LanguageModelError['kind'],
  make: () => LanguageModelError,
  extra: { statusCode?: number; isRetryable?: boolean } = {},
): Failure {
  return { kind, retry: false, isRetryable: extra.isRetryable ?? false, statusCode: extra.statusCode, toError: make };
}

/** ": <provider's message>", scrubbed of the key, one line, at most 200 characters. */
function providerDetail(error: ProviderError, context: FailureContext): string {
  const raw = error.error && typeof error.error === 'object' && 'message' in error.error ? error.error.message : undefined;
  const text = typeof raw === 'string' ? raw : '';
  const clean = scrub(text, context.apiKey ? [context.apiKey] : []).replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  return `: ${clean.length > 200 ? `${clean.slice(0, 199)}…` : clean}`;
}

/** "connection refused" from the errno buried in fetch's "fetch failed". */
export function connectionReason(error: unknown): string {
  const codes: string[] = [];
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cause = (cause as { cause?: unknown }).cause;
  }
  const code = codes.find((c) => c in REASONS);
  if (code) return REASONS[code]!;
  return codes[0] ? `connection failed (${codes[0]})` : 'connection failed';
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

function afterAttempts(attempts: number): string {
  return attempts > 1 ? `; gave up after ${attempts} attempts` : '';
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
