import type { MessageKey, Translator } from '../../i18n/index.js';
import type { FeedRecord } from '../../sources/feed-store/types.js';
import { asPlainText } from '../plain-text.js';

// Apart from the /feed command's rendering: feed health notices use these words outside any command.

/** A stored error code (the fetcher's or the parser's reason) in the reader's words. */
const ERROR_KEYS: Readonly<Record<string, MessageKey>> = {
  not_found: 'feed_error_not_found',
  timeout: 'feed_error_timed_out',
  private_address: 'feed_error_private_address',
  not_a_feed: 'feed_error_not_a_feed',
  malformed: 'feed_error_not_a_feed',
  too_large: 'feed_error_too_large',
  redirect_loop: 'feed_error_redirects',
  too_many_redirects: 'feed_error_redirects',
  http_error: 'feed_error_http',
  rate_limited: 'feed_error_rate_limited',
  certificate: 'feed_error_certificate',
};

/** Why a feed failed, in the reader's words. */
export function feedErrorText(code: string | undefined, t: Translator): string {
  return t((code === undefined ? undefined : ERROR_KEYS[code]) ?? 'feed_error_unreachable');
}

/** A feed's name: its title as the feed gives it (plain text, never markdown), else its address. */
export function feedName(record: FeedRecord): string {
  return asPlainText(record.title?.trim() || record.url);
}
