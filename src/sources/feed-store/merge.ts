/**
 * Recognising a feed's items from one fetch to the next, and what is kept. Pure: the refresh
 * decides what to fetch, this decides what is new, what changed and what falls out.
 */
import { createHash } from 'node:crypto';
import { cleanUrl } from '../fetch/clean-url.js';
import type { FeedItem } from '../feeds/types.js';
import type { StoredItem } from './types.js';

/** How much of a feed is kept: the newest `maxItems`, each for `maxAgeMs` from when Herald first saw it. */
export interface Retention {
  maxItems: number;
  maxAgeMs: number;
}

export const DEFAULT_RETENTION: Retention = { maxItems: 500, maxAgeMs: 30 * 24 * 3_600_000 };

/** A fetched item and what Herald already knows of it. */
export interface PlannedItem {
  item: FeedItem;
  feedHash: string;
  status: 'new' | 'changed' | 'same';
  existing?: StoredItem;
}

/** sha256 of the item's headline and body as the feed gave them. */
export function feedHashOf(item: Pick<FeedItem, 'headline' | 'body'>): string {
  return createHash('sha256').update([item.headline, ...item.body].join('\n\n')).digest('hex');
}

/** The page link an item is known by: its URL without tracking parameters or fragment. */
export function itemUrl(item: Pick<FeedItem, 'url'>): string | undefined {
  return item.url === undefined ? undefined : cleanUrl(item.url);
}

/**
 * Each fetched item matched to a stored one by GUID, then by its cleaned URL, then by the hash of
 * headline and body; an item matching one already seen in this fetch is dropped (feeds repeat items).
 */
export function planItems(stored: readonly StoredItem[], items: readonly FeedItem[]): PlannedItem[] {
  const byGuid = new Map<string, StoredItem>();
  const byUrl = new Map<string, StoredItem>();
  const byHash = new Map<string, StoredItem>();
  for (const entry of stored) {
    if (entry.guid !== undefined) byGuid.set(entry.guid, entry);
    if (entry.url !== undefined) byUrl.set(entry.url, entry);
    byHash.set(entry.feedHash, entry);
  }
  const seenGuids = new Set<string>();
  const seenUrls = new Set<string>();
  const seenHashes = new Set<string>();
  const seenStored = new Set<string>();
  const planned: PlannedItem[] = [];
  for (const item of items) {
    const feedHash = feedHashOf(item);
    const url = itemUrl(item);
    if ((item.guid !== undefined && seenGuids.has(item.guid)) || (url !== undefined && seenUrls.has(url)) || seenHashes.has(feedHash)) continue;
    if (item.guid !== undefined) seenGuids.add(item.guid);
    if (url !== undefined) seenUrls.add(url);
    seenHashes.add(feedHash);
    const existing =
      (item.guid !== undefined ? byGuid.get(item.guid) : undefined) ?? (url !== undefined ? byUrl.get(url) : undefined) ?? byHash.get(feedHash);
    if (existing) {
      if (seenStored.has(existing.id)) continue;
      seenStored.add(existing.id);
      planned.push({ item, feedHash, existing, status: existing.feedHash === feedHash ? 'same' : 'changed' });
    } else {
      planned.push({ item, feedHash, status: 'new' });
    }
  }
  return planned;
}

/**
 * The stored items after a fetch: `updates` replace the items with their ids or join them, then
 * items older than the retention age (from first seen) go, and only the newest `maxItems` stay.
 */
export function mergeItems(stored: readonly StoredItem[], updates: readonly StoredItem[], now: number, retention: Retention): StoredItem[] {
  const byId = new Map(stored.map((entry) => [entry.id, entry]));
  for (const entry of updates) byId.set(entry.id, entry);
  return [...byId.values()]
    .filter((entry) => now - entry.firstSeen <= retention.maxAgeMs)
    .sort((a, b) => newestFirst(a) - newestFirst(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, retention.maxItems);
}

function newestFirst(entry: StoredItem): number {
  return -(entry.published ?? entry.firstSeen);
}
