import type { OutgoingHttpHeaders } from 'node:http';
import { ACCEPT_ENCODING } from './decompress.js';
import type { FetchRequest } from './types.js';

/** An Accept header for feeds, preferring feed formats but taking any XML or JSON. */
export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
/** An Accept header for article pages. */
export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/**
 * Everything Herald sends with a request. There is deliberately no Cookie, Authorization or Referer:
 * Herald fetches what anyone could see, and tells nobody where a link was pasted.
 */
export function requestHeaders(userAgent: string, request: FetchRequest): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': userAgent,
    accept: request.accept ?? '*/*',
    'accept-encoding': ACCEPT_ENCODING,
  };
  // Sent back exactly as stored: servers compare validators as opaque strings.
  if (request.etag !== undefined) headers['if-none-match'] = request.etag;
  if (request.lastModified !== undefined) headers['if-modified-since'] = request.lastModified;
  return headers;
}
