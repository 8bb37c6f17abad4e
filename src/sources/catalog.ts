/**
 * Every article Herald answers about, as each place sees it: the seed folder and the operator's
 * FEEDS everywhere (DMs and the console included), a guild's own feeds in that guild only.
 */
import { ArticleCollection } from '../articles/collection.js';
import { lookupAcross, type ArticleLookup, type LookupPart, type ScopedArticles } from '../articles/lookup.js';
import { ArticleChangeListeners, type ArticleChangeListener } from '../articles/changes.js';
import { matchBodies, RECENT_BODIES, RecentBodies, type BodySearch, type ScopedBodies } from '../articles/recent-bodies.js';
import type { ArticleStore } from '../articles/store.js';
import type { Article, ArticleMatch } from '../articles/types.js';
import type { Logger } from '../log.js';
import type { FeedArticlesChange, FeedStore } from './feed-store/store.js';
import { OPERATOR_SCOPE, type FeedScope } from './feed-store/types.js';

/**
 * Feed articles whose bodies are kept for questions, over all scopes together (~1 KB each): the
 * operator's and one guild's full windows. Many guilds share it, so memory stays bounded however
 * the articles are spread (at 50,000 articles over 100 guilds, each keeps its newest 100).
 */
export const BODIES_IN_ALL = 2 * RECENT_BODIES;

export interface ArticleCatalogOptions {
  /** Default {@link BODIES_IN_ALL}. */
  bodiesInAll?: number;
}

export class ArticleCatalog implements ArticleLookup, ScopedArticles, ScopedBodies {
  private readonly collections = new Map<FeedScope, ArticleCollection>();
  /** The newest feed articles' bodies per scope: the collections index feed headlines only. */
  private readonly bodies = new Map<FeedScope, RecentBodies>();
  private readonly listeners: ArticleChangeListeners;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly bodiesInAll: number;

  constructor(
    private readonly seeds: ArticleStore,
    private readonly feeds: FeedStore,
    logger: Logger,
    options: ArticleCatalogOptions = {},
  ) {
    this.listeners = new ArticleChangeListeners(logger);
    this.bodiesInAll = options.bodiesInAll ?? BODIES_IN_ALL;
    for (const scope of new Set(feeds.list().map((record) => record.scope))) this.load(scope);
    this.fitBodies();
    this.unsubscribe.push(
      feeds.onChange((change) => this.apply(change)),
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

  /** The recent feed articles' bodies a guild sees (seeds need none: their bodies are indexed). */
  bodiesIn(guildId: string | undefined): BodySearch {
    const parts: RecentBodies[] = [];
    const operator = this.bodies.get(OPERATOR_SCOPE);
    if (operator) parts.push(operator);
    const guild = guildId === undefined || guildId === OPERATOR_SCOPE ? undefined : this.bodies.get(guildId);
    if (guild) parts.push(guild);
    return { match: (questionWords, limit) => matchBodies(parts, questionWords, limit) };
  }

  /** Bytes of body word keys held for all scopes (the sources bench reports them). */
  bodyKeyBytes(): number {
    let bytes = 0;
    for (const bodies of this.bodies.values()) bytes += bodies.keyBytes;
    return bytes;
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

  /** Indexes a scope's articles in one go (start-up). */
  private load(scope: FeedScope): void {
    const collection = newCollection();
    collection.replace(this.feeds.articles([scope]));
    if (collection.size > 0) this.collections.set(scope, collection);
  }

  /** Shares the bodies kept among the scopes there are now (start-up, and when a scope comes or goes). */
  private fitBodies(): void {
    const limit = Math.min(RECENT_BODIES, Math.floor(this.bodiesInAll / Math.max(1, this.collections.size)));
    for (const scope of this.bodies.keys()) if (!this.collections.has(scope)) this.bodies.delete(scope);
    for (const [scope, collection] of this.collections) {
      const bodies = this.bodies.get(scope) ?? new RecentBodies(limit);
      bodies.resize(limit, collection.list());
      this.bodies.set(scope, bodies);
    }
  }

  /** One feed's changed articles into its scope's collection; the scope's other articles are not touched. */
  private apply(change: FeedArticlesChange): void {
    const collection = this.collections.get(change.scope) ?? newCollection();
    const before = new Map<string, string>();
    for (const id of change.removed) {
      const article = collection.article(id);
      if (article) before.set(id, article.hash);
    }
    for (const { id } of change.upserted) {
      const article = collection.article(id);
      if (article) before.set(id, article.hash);
    }
    collection.update(change.removed, change.upserted);
    const scopes = this.collections.size;
    if (collection.size === 0) this.collections.delete(change.scope);
    else this.collections.set(change.scope, collection);
    const bodies = this.bodies.get(change.scope);
    if (bodies && collection.size > 0) bodies.update(collection.list(), change.removed, change.upserted);
    if (!bodies || this.collections.size !== scopes) this.fitBodies();
    for (const [id, hash] of before) {
      const now = collection.article(id);
      if (!now) this.listeners.emit({ type: 'removed', id });
      else if (now.hash !== hash) this.listeners.emit({ type: 'changed', id });
    }
    for (const { id } of change.upserted) if (!before.has(id) && collection.article(id)) this.listeners.emit({ type: 'added', id });
  }
}

/**
 * Feed articles are indexed by headline, as /articles and autocomplete match them (issue 14); an
 * exact id is found without the index. Every body word of 50,000 feed articles took over 500 MB of
 * postings; even a 40-word lede ~75 MB more and nine times the articles each autocomplete prefix
 * scores; their ids' words (site, headline, a unique hash) ~20 MB for no match the headline misses.
 */
function newCollection(): ArticleCollection {
  return new ArticleCollection({ bodyWords: 0, idWords: false });
}
