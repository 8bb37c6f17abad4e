import type { Config } from '../config.js';
import { connectionReason } from '../llm/openai-failures.js';
import type { RetryNotice } from '../llm/request-scope.js';
import type { LanguageModelError } from '../llm/types.js';

/** The settings a console user can change to fix the model; the key only as "set or not". */
export type ModelSettings = Pick<Config, 'OPENAI_BASE_URL' | 'OPENAI_API_KEY' | 'LLM_MODEL' | 'LLM_TIMEOUT_MS'>;

const OPENAI_URL = 'https://api.openai.com/v1';

function endpoint(settings: ModelSettings): { host: string; path: string } {
  try {
    const url = new URL(settings.OPENAI_BASE_URL ?? OPENAI_URL);
    return { host: url.host, path: url.pathname };
  } catch {
    return { host: 'the model server', path: '' };
  }
}

/**
 * Why a model call failed, in one line that names the setting to check: the console user is the
 * person who can fix it (a log line would leave them with "not available, try again later").
 * Never shows the API key: only whether one is set.
 */
export function explainModelFailure(error: LanguageModelError, settings: ModelSettings): string {
  const { host, path } = endpoint(settings);
  const status = error.statusCode;
  switch (error.kind) {
    case 'model_not_found':
      // OpenAI-compatible servers answer 404 both for a wrong path and for an unknown model.
      return /\/v1\/?$/u.test(path)
        ? `404 from ${host}: is LLM_MODEL “${settings.LLM_MODEL}” a model this server has?`
        : `404 from ${host}: does OPENAI_BASE_URL end in /v1?`;
    case 'auth':
      return settings.OPENAI_API_KEY
        ? `${status ?? 401} from ${host}: the server refused the API key; check OPENAI_API_KEY.`
        : `${status ?? 401} from ${host}: the server wants an API key; set OPENAI_API_KEY.`;
    case 'network': {
      const reason = connectionReason(error.cause);
      return reason === 'connection refused'
        ? `connection refused at ${host}: is the server at OPENAI_BASE_URL running?`
        : `cannot reach ${host} (${reason}): is OPENAI_BASE_URL right, and the server at it running?`;
    }
    case 'timeout':
      return status === undefined
        ? `no answer from ${host} within ${Math.round(settings.LLM_TIMEOUT_MS / 1000)} s: the server may be busy; LLM_TIMEOUT_MS sets how long Herald waits.`
        : `${status} from ${host}: the server timed out; try again later.`;
    case 'rate_limited':
      return `429 from ${host}: the server is rate limiting Herald; try again in a minute.`;
    case 'server':
      return status === undefined ? `${host} reported an error while answering; try again later.` : `${status} from ${host}: the server had an error; try again later.`;
    case 'malformed':
      return `${host} sent a reply Herald cannot read: is OPENAI_BASE_URL an OpenAI-compatible endpoint ending in /v1?`;
    case 'bad_request':
      return `${status ?? 400} from ${host}: ${error.message}`;
    case 'incomplete':
      return `${host} stopped before the answer was complete, twice: the answer was cut off at its token limit.`;
  }
}

/** The one line a request shows when its model call is retried (later retries add nothing). */
export function retryLine(notice: RetryNotice): string {
  const what = notice.status === undefined ? `no answer from ${notice.host}` : `${notice.status} from ${notice.host}`;
  return `Language model: ${what}; retrying (up to ${notice.of} ${notice.of === 1 ? 'time' : 'times'})…`;
}
