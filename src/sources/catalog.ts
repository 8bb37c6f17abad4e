/**
 * Every article Herald answers about, as each place sees it: the seed folder and the operator's
 * FEEDS everywhere (DMs and the console included), a guild's own feeds in that guild only.
 */
import { ArticleCollection } from '../articles/collection.js';
import { lookupAcross, type ArticleLookup, type LookupPart, type ScopedArticles } from '../articles/lookup.js';
import { ArticleChangeListeners, type ArticleChangeListener } from '../articles/changes.js';
import type { ArticleStore } from '../articles/store.js';
import type { Article, ArticleMatch } from '../articles/types.js';
import type { Logger } from '../log.js';
import type { FeedStore } from './feed-store/store.js';
import { OPERATOR_SCOPE, type FeedScope } from './feed-store/types.js';

export class ArticleCatalog implements ArticleLookup, ScopedArticles {
  private readonly collections = new Map<FeedScope, ArticleCollection>();
  private readonly listeners: ArticleChangeListeners;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly seeds: ArticleStore,
    private readonly feeds: FeedStore,
    logger: Logger,
  ) {
    this.listeners = new ArticleChangeListeners(logger);
    for (const scope of new Set(feeds.list().map((record) => record.scope))) this.reload(scope);
    this.unsubscribe.push(
      feeds.onChange((scope) => this.reload(scope)),
      seeds.onChange((change) => this.listeners.emit(change)),
    );
  }

  /** What a guild sees (undefined: DMs and the console). */
  in(guildId: string | undefined): ArticleLookup {
    const parts: LookupPart[] = [this.seeds];
    const operator = this.collections.get(OPERATOR_SCOPE);
    if (operator) parts.push(operator);
    const guild = guildId === undefined || guildId === OPERATOR_SCOPE ? undefined : this.collections.get(guildId);
    if (guild) parts.push(guild);
    return parts.length === 1 ? this.seeds : lookupAcross(parts);
  }

  list(): Article[] {
    return this.in(undefined).list();
  }

  get(id: string): Article | undefined {
    return this.in(undefined).get(id);
  }

  search(text: string, limit?: number): ArticleMatch[] {
    return this.in(undefined).search(text, limit);
  }

  resolve(ref: string): Article {
    return this.in(undefined).resolve(ref);
  }

  /** Added, changed and removed articles of the seed folder and of every feed. */
  onChange(listener: ArticleChangeListener): () => void {
    return this.listeners.add(listener);
  }

  /** Rescans the seed folder now (feeds are read by the poller). */
  refresh(): Promise<void> {
    return this.seeds.refresh();
  }

  /** Stops listening and closes the seed folder's watcher. */
  close(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.seeds.close();
    this.listeners.clear();
  }

  private reload(scope: FeedScope): void {
    const collection = this.collections.get(scope) ?? new ArticleCollection();
    const before = new Map([...collection.values()].map((article) => [article.id, article.hash]));
    collection.replace(this.feeds.articles([scope]));
    if (collection.size === 0) this.collections.delete(scope);
    else this.collections.set(scope, collection);
    for (const [id, hash] of before) {
      const now = collection.article(id);
      if (!now) this.listeners.emit({ type: 'removed', id });
      else if (now.hash !== hash) this.listeners.emit({ type: 'changed', id });
    }
    for (const article of collection.values()) if (!before.has(article.id)) this.listeners.emit({ type: 'added', id: article.id });
  }
}
