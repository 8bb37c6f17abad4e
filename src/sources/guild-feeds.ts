/**
 * A guild's own feeds, as /feed add, list and remove change them. A feed is stored only once it
 * has been fetched and read as a feed, so a refused URL leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import type { FeedRefusal } from '../error-codes.js';
import { UserError } from '../errors.js';
import type { Fetcher } from './fetch/index.js';
import { fetchFeed, refreshFeed, type FetchedFeed } from './feed-store/refresh.js';
import type { FeedStore } from './feed-store/store.js';
import type { FeedRecord } from './feed-store/types.js';

/** Feeds one server may read: as many as digests it may have. */
export const MAX_FEEDS_PER_GUILD = 25;

export interface GuildFeedDeps {
  store: FeedStore;
  fetcher: Fetcher;
  now?: () => number;
}

/** A feed just added and how many articles it brought. */
export interface FeedAdded {
  record: FeedRecord;
  articles: number;
}

/** A short stable handle of a feed URL, for autocomplete values (URLs may exceed Discord's 100 characters). */
export function feedHandle(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 10);
}

/**
 * Fetches `input` and, when it is a feed, stores it for the guild with its first articles.
 * @throws UserError feed_refused (with the reason) | feed_duplicate | feed_limit
 */
export async function addGuildFeed(deps: GuildFeedDeps, guildId: string, input: string): Promise<FeedAdded> {
  const url = normalizeUrl(input);
  if (url === undefined) throw new UserError('feed_refused', { url: input.trim(), reason: 'not_http' });
  if (deps.store.get(guildId, url)) throw new UserError('feed_duplicate', { url });
  if (deps.store.list(guildId).length >= MAX_FEEDS_PER_GUILD) throw new UserError('feed_limit', { limit: MAX_FEEDS_PER_GUILD });
  const fetched = await fetchFeed(deps.fetcher, url);
  const refusal = refusalOf(fetched);
  if (refusal) throw new UserError('feed_refused', { url, reason: refusal });
  const now = deps.now ?? Date.now;
  const record = await deps.store.add(guildId, url, now());
  await refreshFeed({ fetcher: deps.fetcher, store: deps.store, now }, record, undefined, fetched);
  const stored = deps.store.get(guildId, url) ?? record;
  return { record: stored, articles: stored.itemCount };
}

/** The guild's feeds, oldest first. */
export function listGuildFeeds(store: FeedStore, guildId: string): FeedRecord[] {
  return store.list(guildId);
}

/**
 * Removes the feed `input` names (its URL, its handle, or words of its title or URL, if only one fits).
 * @throws UserError feed_unknown
 */
export async function removeGuildFeed(store: FeedStore, guildId: string, input: string): Promise<FeedRecord> {
  const record = findGuildFeed(store.list(guildId), input);
  if (!record) throw new UserError('feed_unknown', { input: input.trim() });
  await store.remove(guildId, record.url);
  return record;
}

export function findGuildFeed(records: readonly FeedRecord[], input: string): FeedRecord | undefined {
  const wanted = input.trim();
  const url = normalizeUrl(wanted);
  const exact = records.find((record) => record.url === wanted || record.url === url || feedHandle(record.url) === wanted);
  if (exact) return exact;
  const lower = wanted.toLowerCase();
  if (lower === '') return undefined;
  const partial = records.filter((record) => record.url.toLowerCase().includes(lower) || (record.title ?? '').toLowerCase().includes(lower));
  return partial.length === 1 ? partial[0] : undefined;
}

/** An http(s) URL as Herald stores it (parsed and serialized once), or undefined. */
export function normalizeUrl(input: string): string | undefined {
  try {
    const url = new URL(input.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Why a fetch gave no feed, in the words the user is told; undefined for a feed. */
export function refusalOf(fetched: FetchedFeed): FeedRefusal | undefined {
  switch (fetched.kind) {
    case 'feed':
      return undefined;
    // A 304 to a request that sent no validators is no answer to use.
    case 'not_modified':
      return 'unreachable';
    case 'not_feed':
      return 'not_a_feed';
    case 'refused':
      return fetched.reason === 'private_address' ? 'private_address' : 'not_http';
    case 'failed':
      if (fetched.reason === 'not_found') return 'not_found';
      if (fetched.reason === 'timeout') return 'timed_out';
      if (fetched.reason === 'certificate') return 'certificate';
      return 'unreachable';
  }
}
