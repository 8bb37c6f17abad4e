import type { IncomingMessage } from 'node:http';
import { readBody } from './body.js';
import { decodeBody } from './charset.js';
import { startDeadline } from './deadline.js';
import { requestHeaders } from './headers.js';
import { openResponse } from './request.js';
import { parseRetryAfter } from './retry.js';
import { checkedAddresses, type AddressPolicy, type Target } from './target.js';
import { isCertificateError } from './tls.js';
import type { FetchRequest, FetchResult } from './types.js';

export interface HopSettings extends AddressPolicy {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  /** Trusted certificates instead of Node's store (tests); see FetcherOptions.ca. */
  ca?: string;
}

/** One request's outcome; a redirect is left to the caller, who re-checks where it points. */
export type HopOutcome = FetchResult | { kind: 'redirect'; location: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Resolves and checks `target`'s host, sends one GET to the checked address and reads the answer.
 * The deadline covers all of it (DNS, connect, headers, body), so a server trickling an endless
 * page ends in `timeout` rather than holding a poll cycle forever.
 */
export async function fetchHop(target: Target, request: FetchRequest, settings: HopSettings): Promise<HopOutcome> {
  const deadline = startDeadline(settings.timeoutMs, request.signal);
  try {
    const addresses = await untilAborted(checkedAddresses(target.hostname, settings), deadline.signal);
    if (!Array.isArray(addresses)) return addresses;
    const res = await openResponse(target, addresses, requestHeaders(settings.userAgent, request), deadline.signal, settings.ca);
    return await answer(res, target, settings.maxBytes, deadline.signal);
  } catch (error) {
    if (deadline.timedOut()) return { kind: 'failed', reason: 'timeout' };
    if (request.signal?.aborted) return { kind: 'failed', reason: 'aborted' };
    if (isCertificateError(error)) return { kind: 'failed', reason: 'certificate' };
    return { kind: 'failed', reason: 'network' };
  } finally {
    deadline.dispose();
  }
}

async function answer(res: IncomingMessage, target: Target, maxBytes: number, signal: AbortSignal): Promise<HopOutcome> {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 299) {
    // Error pages and redirect bodies are not read; closing the connection is cheaper than draining it.
    res.destroy();
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) return { kind: 'redirect', location };
    if (status === 304) return { kind: 'not_modified' };
    if (status === 404 || status === 410) return { kind: 'failed', reason: 'not_found', status };
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
      return { kind: 'failed', reason: 'rate_limited', status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    return { kind: 'failed', reason: 'http_error', status };
  }
  const body = await readBody(res, maxBytes, signal);
  if (body.kind === 'too_large') return { kind: 'failed', reason: 'too_large' };
  if (body.kind === 'unsupported_encoding') return { kind: 'failed', reason: 'http_error', status };
  const contentType = res.headers['content-type'] ?? '';
  const { etag, 'last-modified': lastModified } = res.headers;
  return {
    kind: 'ok',
    status,
    url: target.url.href,
    body: decodeBody(body.bytes, contentType),
    contentType,
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
  };
}

/** `work`, or a rejection as soon as `signal` aborts (a DNS lookup cannot itself be cancelled). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
