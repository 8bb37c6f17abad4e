/**
 * One poll of one feed: a conditional GET, parsing, matching items to the stored ones, full text
 * for new teasers, retention, and the feed's health for /feed list. Never throws for anything a
 * remote server does; the outcome says what happened.
 */
import { mapPooled } from '../../articles/pool.js';
import { FEED_ACCEPT, PAGE_ACCEPT } from '../fetch/headers.js';
import { nextAttemptDelay } from '../fetch/retry.js';
import type { Fetcher, FetchFailed, FetchNotModified, FetchRefused } from '../fetch/index.js';
import type { Feed, FeedItem } from '../feeds/types.js';
import { feedArticleId, siteSlug } from './article-id.js';
import { DEFAULT_RETENTION, itemUrl, mergeItems, planItems, type PlannedItem, type Retention } from './merge.js';
import type { FeedStore } from './store.js';
import type { FeedRecord, StoredItem } from './types.js';

/** Why a feed gave no items: the fetcher's reason or the parser's ('not_a_feed', 'malformed', 'too_large'). */
export type FeedErrorCode = string;

export type RefreshOutcome =
  | { kind: 'updated'; added: number; changed: number }
  | { kind: 'not_modified' }
  | { kind: 'failed'; error: FeedErrorCode; refused: boolean };

export interface RefreshDeps {
  fetcher: Fetcher;
  store: FeedStore;
  now?: () => number;
  retention?: Retention;
  /** Teaser pages fetched per poll at most; the rest are tried on the next polls. */
  maxPagesPerPoll?: number;
  random?: () => number;
}

const PAGE_CONCURRENCY = 4;
const DEFAULT_MAX_PAGES = 50;

/** What fetching a feed gave: a parsed feed, a 304, or why there is no feed. */
export type FetchedFeed =
  | { kind: 'feed'; feed: Feed; etag: string | undefined; lastModified: string | undefined }
  | { kind: 'not_feed'; reason: 'not_a_feed' | 'malformed' | 'too_large' }
  | FetchNotModified
  | FetchRefused
  | FetchFailed;

/** A feed fetched and parsed, or why not; used by /feed add before anything is stored. */
export async function fetchFeed(fetcher: Fetcher, url: string, record?: Pick<FeedRecord, 'etag' | 'lastModified'>, signal?: AbortSignal): Promise<FetchedFeed> {
  const result = await fetcher.fetch(url, {
    accept: FEED_ACCEPT,
    ...(record?.etag ? { etag: record.etag } : {}),
    ...(record?.lastModified ? { lastModified: record.lastModified } : {}),
    ...(signal ? { signal } : {}),
  });
  if (result.kind !== 'ok') return result;
  // Loaded on first use: a Herald without feeds (most consoles) never loads the XML parser.
  const { parseFeed } = await import('../feeds/parse.js');
  const feed = parseFeed(result.body, { url: result.url });
  if ('kind' in feed) return { kind: 'not_feed', reason: feed.kind };
  return { kind: 'feed', feed, etag: result.etag, lastModified: result.lastModified };
}

/** Polls a feed: fetches it (or takes what `prefetched` already fetched) and stores what came. */
export async function refreshFeed(deps: RefreshDeps, record: FeedRecord, signal?: AbortSignal, prefetched?: FetchedFeed): Promise<RefreshOutcome> {
  const now = deps.now ?? Date.now;
  const fetched = prefetched ?? (await fetchFeed(deps.fetcher, record.url, record, signal));
  if (fetched.kind === 'not_modified') {
    await deps.store.update(clearFailure(record, now()));
    return { kind: 'not_modified' };
  }
  if (fetched.kind !== 'feed') {
    const failure: FetchFailed = fetched.kind === 'failed' ? fetched : { kind: 'failed', reason: 'http_error' };
    const error = fetched.reason;
    if (fetched.kind === 'failed' && fetched.reason === 'aborted') return { kind: 'failed', error, refused: false };
    const at = now();
    const failures = record.failures + 1;
    const delay = nextAttemptDelay(failure, failures, deps.random ? { random: deps.random } : {});
    await deps.store.update({ ...record, lastError: error, failures, failingSince: record.failingSince ?? at, nextAttemptAt: at + delay });
    return { kind: 'failed', error, refused: fetched.kind === 'refused' };
  }

  const stored = deps.store.itemsOf(record);
  const planned = planItems(stored, fetched.feed.items);
  const toBuild = planned.filter((entry) => entry.status !== 'same' || entry.existing?.pending === true);
  const budget = { pages: deps.maxPagesPerPoll ?? DEFAULT_MAX_PAGES };
  const at = now();
  const built = await mapPooled(toBuild, PAGE_CONCURRENCY, async (entry) => buildItem(deps.fetcher, record, fetched.feed, entry, at, budget, signal));
  const items = mergeItems(stored, [...built, ...withDeclaredLanguage(planned)], at, deps.retention ?? DEFAULT_RETENTION);
  const next: FeedRecord = {
    ...clearFailure(record, at),
    ...(fetched.feed.title ? { title: fetched.feed.title } : {}),
  };
  if (fetched.etag) next.etag = fetched.etag;
  else delete next.etag;
  if (fetched.lastModified) next.lastModified = fetched.lastModified;
  else delete next.lastModified;
  await deps.store.update(next, items);
  return {
    kind: 'updated',
    added: planned.filter((entry) => entry.status === 'new').length,
    changed: planned.filter((entry) => entry.status === 'changed').length,
  };
}

/**
 * Unchanged items stored before Herald kept declared languages, given the one their feed now
 * declares: without it they would keep tinyld's guess until their text changes. No page is fetched.
 */
function withDeclaredLanguage(planned: readonly PlannedItem[]): StoredItem[] {
  const updated: StoredItem[] = [];
  for (const { status, existing, item } of planned) {
    if (status !== 'same' || existing === undefined || existing.pending === true) continue;
    if (existing.language === undefined && item.language !== undefined) updated.push({ ...existing, language: item.language });
  }
  return updated;
}

function clearFailure(record: FeedRecord, at: number): FeedRecord {
  const { lastError: _error, failingSince: _since, nextAttemptAt: _next, ...rest } = record;
  return { ...rest, failures: 0, lastSuccess: at };
}

/** The stored form of a new or changed item; a teaser gets its page's text when the page has an article. */
async function buildItem(
  fetcher: Fetcher,
  record: FeedRecord,
  feed: Feed,
  entry: PlannedItem,
  at: number,
  budget: { pages: number },
  signal?: AbortSignal,
): Promise<StoredItem> {
  const { item, existing } = entry;
  const url = itemUrl(item);
  const base: StoredItem = {
    id: existing?.id ?? idFor(record, feed, item),
    ...(item.guid === undefined ? {} : { guid: item.guid }),
    ...(url === undefined ? {} : { url }),
    feedHash: entry.feedHash,
    headline: item.headline,
    paragraphs: item.body,
    ...(feed.title ? { site: feed.title } : {}),
    ...(item.published === undefined ? {} : { published: item.published.getTime() }),
    firstSeen: existing?.firstSeen ?? at,
    ...(item.language === undefined ? {} : { language: item.language }),
  };
  if (!item.isTeaser || url === undefined) return base;
  if (budget.pages <= 0) return { ...base, pending: true };
  budget.pages -= 1;
  const page = await fetcher.fetch(url, { accept: PAGE_ACCEPT, ...(signal ? { signal } : {}) });
  // A page that cannot be fetched now may work next time; one without an article never will.
  if (page.kind !== 'ok') return page.kind === 'failed' && page.reason !== 'not_found' ? { ...base, pending: true } : base;
  const { extractPage } = await import('../pages/extract.js');
  const article = extractPage(page.body, { url: page.url });
  if ('kind' in article) return base;
  return {
    ...base,
    headline: base.headline || article.headline,
    paragraphs: article.paragraphs,
    ...(article.siteName ? { site: article.siteName } : {}),
    ...(base.published === undefined && article.published ? { published: article.published.getTime() } : {}),
    // The page is the text now; what it declares beats its feed's declaration.
    ...(article.language === undefined ? {} : { language: article.language }),
  };
}

function idFor(record: FeedRecord, feed: Feed, item: FeedItem): string {
  const identity = item.guid ?? itemUrl(item) ?? `${item.headline}\n${item.body.join('\n')}`;
  return feedArticleId({ site: siteSlug(item.url ?? feed.siteUrl ?? record.url), headline: item.headline, identity: `${record.scope}\n${record.url}\n${identity}` });
}
