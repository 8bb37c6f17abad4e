/**
 * Feed text to plain-text items: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed. Takes text the
 * fetcher already decoded; never touches the network (no DTDs, no external entities).
 */
import { parseJsonFeed } from './json-feed.js';
import type { Feed, FeedFailure } from './types.js';
import { parseXmlFeed } from './xml-feed.js';

export type { Feed, FeedFailure, FeedItem } from './types.js';
export { MAX_FEED_ITEMS } from './first-items.js';
export type ParsedFeed = Feed | FeedFailure;

/** Larger than any real feed (big ones are a few hundred KB); refused before parsing. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

export function parseFeed(text: string, { url }: { url: string }): ParsedFeed {
  // A string has at most as many UTF-16 units as UTF-8 bytes: the cheap test settles most cases.
  if (text.length > MAX_FEED_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FEED_BYTES) {
    return { kind: 'too_large', detail: `over ${MAX_FEED_BYTES} bytes` };
  }
  const start = /[^\s\uFEFF]/.exec(text);
  if (start === null) return { kind: 'not_a_feed', detail: 'empty' };
  const body = text.slice(start.index);
  if (body.startsWith('{')) return parseJsonFeed(body, url);
  if (body.startsWith('<')) return parseXmlFeed(body, url);
  return { kind: 'not_a_feed' };
}
