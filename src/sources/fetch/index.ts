/** Herald's network layer: every request to a feed or page goes through here. */
export { createFetcher, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type Fetcher, type FetcherOptions } from './fetcher.js';
export type { FailureReason, FetchFailed, FetchNotModified, FetchOk, FetchRefused, FetchRequest, FetchResult, Resolve } from './types.js';
export { FEED_ACCEPT, PAGE_ACCEPT } from './headers.js';
export { isAddressAllowed, isPublicAddress } from './address-rule.js';
export { parseIp, type ParsedIp } from './ip.js';
export { cleanUrl } from './clean-url.js';
export { decodeBody, detectEncoding } from './charset.js';
export { nextAttemptDelay, parseRetryAfter, type BackoffOptions } from './retry.js';
