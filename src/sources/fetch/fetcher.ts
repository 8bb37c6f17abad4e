import { createHostLimiter } from './host-limiter.js';
import { fetchHop, type HopOutcome, type HopSettings } from './hop.js';
import { parseTarget, systemResolve } from './target.js';
import type { FetchRequest, FetchResult, Resolve } from './types.js';

export interface FetcherOptions {
  /** ALLOW_PRIVATE_NETWORKS: when false, only public addresses are ever connected to. */
  allowPrivateNetworks: boolean;
  /** Sent with every request; it must name Herald so site owners know who is calling. */
  userAgent: string;
  /** Per request, from DNS to the last body byte (default 15 s). */
  timeoutMs?: number;
  /** The most body bytes accepted after decompression (default 5 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
  /** Host name to addresses; the system resolver unless injected (tests, a custom DNS). */
  resolve?: Resolve;
  /**
   * Exact addresses allowed even when private networks are not: a narrower exception than
   * ALLOW_PRIVATE_NETWORKS, used by tests to reach a loopback server while the rule is on.
   */
  allowAddresses?: readonly string[];
  /**
   * Certificates (PEM) to trust for https instead of Node's trust store. Tests pass their
   * self-signed one; production leaves it unset, so certificates are checked as by any browser.
   */
  ca?: string;
}

export interface Fetcher {
  /** Fetches `url`, following redirects; every outcome is a result, nothing throws. */
  fetch(url: string, request?: FetchRequest): Promise<FetchResult>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function createFetcher(options: FetcherOptions): Fetcher {
  const settings: HopSettings = {
    allowPrivateNetworks: options.allowPrivateNetworks,
    allowAddresses: options.allowAddresses ?? [],
    resolve: options.resolve ?? systemResolve,
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  const maxRedirects = options.maxRedirects ?? 5;
  const limiter = createHostLimiter(options.perHostConcurrency ?? 2);

  return {
    async fetch(url, request = {}) {
      let target = parseTarget(url);
      if ('kind' in target) return target;
      const visited = new Set<string>();
      for (let redirects = 0; ; redirects += 1) {
        visited.add(target.url.href);
        const hop = target;
        let outcome: HopOutcome;
        try {
          // Each hop waits for a slot on its own host, so a redirect to another site is not held up.
          outcome = await limiter.run(hop.hostname, () => fetchHop(hop, request, settings), request.signal);
        } catch {
          // fetchHop never throws; only the caller's signal ends a wait for a slot.
          return { kind: 'failed', reason: 'aborted' };
        }
        if (outcome.kind !== 'redirect') return outcome;
        // Every hop goes through parseTarget and fetchHop again: scheme, credentials and address rule.
        const next = parseTarget(outcome.location, hop.url);
        if ('kind' in next) return next;
        if (visited.has(next.url.href)) return { kind: 'failed', reason: 'redirect_loop' };
        if (redirects >= maxRedirects) return { kind: 'failed', reason: 'too_many_redirects' };
        target = next;
      }
    },
  };
}
