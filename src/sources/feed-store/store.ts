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
import type { FeedRecord, FeedScope, StoredItem } from './types.js';

const INDEX_KEY = 'index';

/** Called after the store reflects a change of a feed's items or its removal. */
export type FeedChangeListener = (scope: FeedScope) => void;

export class FeedStore {
  private readonly records = new Map<string, FeedRecord>();
  private readonly items = new Map<string, StoredItem[]>();
  private readonly articlesOf = new Map<string, Article[]>();
  private readonly listeners = new Set<FeedChangeListener>();

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
      store.setItems(key, (await keyv.get<StoredItem[]>(`items:${key}`)) ?? []);
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
      if (wanted.has(record.scope)) out.push(...(this.articlesOf.get(key) ?? []));
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
    if (!this.records.delete(key)) return false;
    this.items.delete(key);
    this.articlesOf.delete(key);
    await this.write(INDEX_KEY, [...this.records.keys()]);
    await Promise.all([this.keyv.delete(`feed:${key}`), this.keyv.delete(`items:${key}`)]);
    this.emit(scope);
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
    if (items === undefined) return;
    this.setItems(key, items);
    await this.write(`items:${key}`, items);
    this.emit(record.scope);
  }

  /**
   * Several processes share the store but each keeps its copy in memory: this brings in feeds the
   * others added, fetched or removed. Items are read again only for feeds whose record changed.
   */
  async reload(): Promise<void> {
    const keys = await this.keyv.get<string[]>(INDEX_KEY);
    // A store that answers nothing (outage) must not empty this process's feeds.
    if (keys === undefined) return;
    const changed = new Set<FeedScope>();
    const listed = new Set(keys);
    for (const [key, record] of this.records) {
      if (listed.has(key)) continue;
      this.records.delete(key);
      this.items.delete(key);
      this.articlesOf.delete(key);
      changed.add(record.scope);
    }
    for (const key of keys) {
      const record = await this.keyv.get<FeedRecord>(`feed:${key}`);
      if (!record || JSON.stringify(record) === JSON.stringify(this.records.get(key))) continue;
      this.records.set(key, record);
      this.setItems(key, (await this.keyv.get<StoredItem[]>(`items:${key}`)) ?? []);
      changed.add(record.scope);
    }
    for (const scope of changed) this.emit(scope);
  }

  onChange(listener: FeedChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private setItems(key: string, items: StoredItem[]): void {
    this.items.set(key, items);
    this.articlesOf.set(key, items.map(feedArticle));
  }

  private async write(key: string, value: unknown): Promise<void> {
    // ttl 0: feeds and items expire by the retention rule, not by the store's default TTL.
    const ok = await this.keyv.set(key, value, 0);
    if (!ok) this.logger.warn({ key }, 'Could not save feed data; it is kept in memory until the store works again');
  }

  private emit(scope: FeedScope): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(scope);
      } catch (error) {
        this.logger.error({ err: error }, 'A feed change listener failed');
      }
    }
  }
}
