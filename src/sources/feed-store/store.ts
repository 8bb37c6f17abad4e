/**
 * Feeds and their items in the configured store (STORE_URL), so a restart keeps both the articles
 * and the validators of the next conditional GET. Everything is also held in memory: lookups never
 * wait for the store, and a store outage only costs persistence (logged), never answers.
 */
import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import type { Article } from '../../articles/types.js';
import type { Logger } from '../../log.js';
import { feedArticle } from './feed-article.js';
import { packItems, unpackItems } from './packed-items.js';
import type { FeedRecord, FeedScope, StoredItem } from './types.js';

const INDEX_KEY = 'index';

/** A stored item and the article answered from it. */
interface FeedArticleEntry {
  item: StoredItem;
  article: Article;
}

/** Whether two stored items make the same article (a poll rebuilds items it had to look at). */
function sameItem(a: StoredItem, b: StoredItem): boolean {
  return (
    a.feedHash === b.feedHash &&
    a.headline === b.headline &&
    a.url === b.url &&
    a.site === b.site &&
    a.published === b.published &&
    a.firstSeen === b.firstSeen &&
    a.language === b.language &&
    a.paragraphs.length === b.paragraphs.length &&
    a.paragraphs.every((paragraph, index) => paragraph === b.paragraphs[index])
  );
}

/** What one update of one feed changed in its scope's articles. */
export interface FeedArticlesChange {
  scope: FeedScope;
  /** Ids of the feed's articles that are gone. */
  removed: string[];
  /** The feed's articles that are new or whose stored item changed; unchanged ones are not listed. */
  upserted: Article[];
}

/** Called after the store reflects a change of a feed's items or its removal. */
export type FeedChangeListener = (change: FeedArticlesChange) => void;

export class FeedStore {
  private readonly records = new Map<string, FeedRecord>();
  private readonly items = new Map<string, StoredItem[]>();
  private readonly articlesOf = new Map<string, Map<string, FeedArticleEntry>>();
  private readonly listeners = new Set<FeedChangeListener>();
  private readonly itemWrites = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly keyv: Keyv,
    private readonly logger: Logger,
  ) {}

  /** Loads every feed and its items from the store; an unreadable store starts empty (logged by the store). */
  static async open(keyv: Keyv, logger: Logger): Promise<FeedStore> {
    const store = new FeedStore(keyv, logger);
    const keys = (await keyv.get<string[]>(INDEX_KEY)) ?? [];
    for (const key of keys) {
      const record = await keyv.get<FeedRecord>(`feed:${key}`);
      if (!record) continue;
      store.records.set(key, record);
      const items = await unpackItems(await keyv.get(`items:${key}`));
      if (!items) logger.warn({ feed: record.url }, 'The stored items of a feed are unreadable; the next poll fetches them again');
      store.setItems(key, items ?? []);
    }
    return store;
  }

  /** The key a feed is stored under: one per scope and URL. */
  static keyOf(scope: FeedScope, url: string): string {
    return `${scope}:${createHash('sha256').update(url).digest('hex').slice(0, 24)}`;
  }

  /** Feeds of one scope (or all), in the order they were added. */
  list(scope?: FeedScope): FeedRecord[] {
    return [...this.records.values()].filter((record) => scope === undefined || record.scope === scope).sort((a, b) => a.addedAt - b.addedAt);
  }

  get(scope: FeedScope, url: string): FeedRecord | undefined {
    return this.records.get(FeedStore.keyOf(scope, url));
  }

  itemsOf(record: Pick<FeedRecord, 'scope' | 'url'>): StoredItem[] {
    return this.items.get(FeedStore.keyOf(record.scope, record.url)) ?? [];
  }

  /** The articles of every feed in these scopes. */
  articles(scopes: readonly FeedScope[]): Article[] {
    const wanted = new Set(scopes);
    const out: Article[] = [];
    for (const [key, record] of this.records) {
      if (wanted.has(record.scope)) for (const entry of this.articlesOf.get(key)?.values() ?? []) out.push(entry.article);
    }
    return out;
  }

  /** Adds a feed (no items yet); an existing one is returned unchanged. */
  async add(scope: FeedScope, url: string, now: number): Promise<FeedRecord> {
    const key = FeedStore.keyOf(scope, url);
    const existing = this.records.get(key);
    if (existing) return existing;
    const record: FeedRecord = { url, scope, failures: 0, itemCount: 0, addedAt: now };
    this.records.set(key, record);
    this.setItems(key, []);
    await this.write(`feed:${key}`, record);
    await this.write(INDEX_KEY, [...this.records.keys()]);
    return record;
  }

  /** Removes a feed and its articles; false when there was no such feed. */
  async remove(scope: FeedScope, url: string): Promise<boolean> {
    const key = FeedStore.keyOf(scope, url);
    if (!this.records.has(key)) return false;
    const removed = this.drop(key);
    // A write still under way would otherwise store the items again after they were deleted.
    await this.itemWrites.get(key);
    // The record goes before the list entry: to another process's reload, a feed missing from the
    // list whose record is still stored is one a concurrent list write lost, and it is put back.
    await Promise.all([this.keyv.delete(`feed:${key}`), this.keyv.delete(`items:${key}`)]);
    await this.write(INDEX_KEY, [...this.records.keys()]);
    this.emit({ scope, removed, upserted: [] });
    return true;
  }

  /** Saves what a poll learned; with `items`, the feed's articles are replaced and listeners told. */
  async update(record: FeedRecord, items?: StoredItem[]): Promise<void> {
    const key = FeedStore.keyOf(record.scope, record.url);
    // A feed removed while its poll ran stays removed.
    if (!this.records.has(key)) return;
    const saved: FeedRecord = items === undefined ? record : { ...record, itemCount: items.length };
    this.records.set(key, saved);
    await this.write(`feed:${key}`, saved);
    // Removed while that was written: its articles must not come back.
    if (items === undefined || !this.records.has(key)) return;
    const change = this.setItems(key, items);
    // Answerable at once; storing (compressing first) follows.
    if (change.removed.length > 0 || change.upserted.length > 0) this.emit({ scope: record.scope, ...change });
    await this.writeItems(key, items);
  }

  /**
   * Several processes share the store but each keeps its copy in memory: this brings in feeds the
   * others added, fetched or removed. Items are read again only for feeds whose record changed.
   */
  async reload(): Promise<void> {
    const keys = await this.keyv.get<string[]>(INDEX_KEY);
    // A store that answers nothing (outage) must not empty this process's feeds.
    if (keys === undefined) return;
    const listed = new Set(keys);
    // The list is one value every process rewrites whole: two adding feeds at the same moment each
    // write it without the other's. A feed missing from it whose record is stored was lost that way
    // (a removal deletes the record first) and is listed again; one listed without a record was
    // removed meanwhile. That one is only dropped here, not from the list: a record that failed to
    // read looks the same, and the next reload brings it back.
    const lost: string[] = [];
    for (const [key] of [...this.records]) {
      if (listed.has(key)) continue;
      if ((await this.keyv.get<FeedRecord>(`feed:${key}`)) !== undefined) lost.push(key);
      else this.forget(key);
    }
    for (const key of keys) {
      const record = await this.keyv.get<FeedRecord>(`feed:${key}`);
      if (!record) {
        this.forget(key);
        continue;
      }
      if (JSON.stringify(record) === JSON.stringify(this.records.get(key))) continue;
      const items = await unpackItems(await this.keyv.get(`items:${key}`));
      // Unreadable items keep what this process has; the feed's owner writes them again.
      if (!items) continue;
      this.records.set(key, record);
      this.emit({ scope: record.scope, ...this.setItems(key, items) });
    }
    if (lost.length > 0) await this.write(INDEX_KEY, [...keys, ...lost]);
  }

  /** Drops a feed another process removed, and tells listeners its articles are gone. */
  private forget(key: string): void {
    const record = this.records.get(key);
    if (record) this.emit({ scope: record.scope, removed: this.drop(key), upserted: [] });
  }

  /** Takes a feed out of this process's memory; the ids of the articles it had. */
  private drop(key: string): string[] {
    const removed = [...(this.articlesOf.get(key)?.keys() ?? [])];
    this.records.delete(key);
    this.items.delete(key);
    this.articlesOf.delete(key);
    return removed;
  }

  onChange(listener: FeedChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Keeps the articles of items a poll left as they were (same stored item), builds the others. */
  private setItems(key: string, items: StoredItem[]): Pick<FeedArticlesChange, 'removed' | 'upserted'> {
    const before = this.articlesOf.get(key) ?? new Map<string, FeedArticleEntry>();
    const after = new Map<string, FeedArticleEntry>();
    const upserted: Article[] = [];
    for (const item of items) {
      if (after.has(item.id)) continue;
      const previous = before.get(item.id);
      if (previous && (previous.item === item || sameItem(previous.item, item))) {
        after.set(item.id, previous.item === item ? previous : { item, article: previous.article });
        continue;
      }
      const entry = { item, article: feedArticle(item) };
      after.set(item.id, entry);
      upserted.push(entry.article);
    }
    const removed = [...before.keys()].filter((id) => !after.has(id));
    this.items.set(key, items);
    this.articlesOf.set(key, after);
    return { removed, upserted };
  }

  /** One write per feed at a time, in order: compressing takes a moment, and an older list must not land last. */
  private writeItems(key: string, items: readonly StoredItem[]): Promise<void> {
    const previous = this.itemWrites.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      const packed = await packItems(items);
      if (this.records.has(key)) await this.write(`items:${key}`, packed);
    });
    const settled = next.catch(() => undefined);
    this.itemWrites.set(key, settled);
    void settled.then(() => {
      if (this.itemWrites.get(key) === settled) this.itemWrites.delete(key);
    });
    return next;
  }

  private async write(key: string, value: unknown): Promise<void> {
    // ttl 0: feeds and items expire by the retention rule, not by the store's default TTL.
    const ok = await this.keyv.set(key, value, 0);
    if (!ok) this.logger.warn({ key }, 'Could not save feed data; it is kept in memory until the store works again');
  }

  private emit(change: FeedArticlesChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error }, 'A feed change listener failed');
      }
    }
  }
}
