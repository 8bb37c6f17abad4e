/** Who a feed belongs to: {@link OPERATOR_SCOPE} for FEEDS (everywhere) or the guild id of a /feed add. */
export type FeedScope = string;

export const OPERATOR_SCOPE = 'operator';

/** One feed Herald polls, with what it needs for the next conditional GET and for /feed list. */
export interface FeedRecord {
  url: string;
  scope: FeedScope;
  /** The feed's own title, once fetched. */
  title?: string;
  etag?: string;
  lastModified?: string;
  /** When the feed last answered with a feed or a 304 (ms since the epoch). */
  lastSuccess?: number;
  /** Why the last attempt failed, as a code ('not_found', 'timeout', 'not_a_feed'...); cleared by a success. */
  lastError?: string;
  /** When the current run of failures began; absent while the feed works. */
  failingSince?: number;
  /**
   * When the current outage was reported (told in the guild's digest channels, or logged for an
   * operator feed): kept through the recovery until that is reported too, so a restart neither
   * repeats the outage notice nor forgets the recovery.
   */
  reportedDown?: number;
  /** Failed attempts in a row, for backoff. */
  failures: number;
  /** Earliest time of the next attempt after a failure. */
  nextAttemptAt?: number;
  itemCount: number;
  addedAt: number;
}

/** One feed item as stored: enough to rebuild its Article and to recognise it on the next fetch. */
export interface StoredItem {
  id: string;
  guid?: string;
  /** The item's page with tracking parameters removed: the link answers cite. */
  url?: string;
  /** sha256 of the item as the feed gave it (headline and body): a change means "updated". */
  feedHash: string;
  headline: string;
  paragraphs: string[];
  site?: string;
  published?: number;
  /** When Herald first saw the item: retention counts from here, not from the publication date. */
  firstSeen: number;
  /** A teaser whose page could not be fetched yet: the next poll tries again. */
  pending?: true;
  /**
   * ISO 639-1 code the item, its feed or its page declares: a hint for detecting the article's
   * language, which stays lazy. Items stored before it existed have none.
   */
  language?: string;
}
