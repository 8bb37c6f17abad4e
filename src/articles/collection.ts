/**
 * Articles held in memory only (feed articles): indexed for search and looked up like the seed
 * folder's. Replaced as a whole on load, updated per article afterwards, so that one feed gaining
 * an item costs that item, not the 50,000 others.
 */
import { newestFirst, type LookupPart } from './lookup.js';
import { queryTerms } from './normalize.js';
import { SearchIndex, type Combine, type IndexHit, type SearchIndexOptions } from './search-index.js';
import type { Article } from './types.js';

/** Up to this many articles, "did you mean" measures them all (a few ms), as it always has. */
const MEASURE_ALL = 2_000;
/** Beyond, it measures the articles the index finds closest, at most this many. */
const SUGGESTION_CANDIDATES = 100;

/** Beyond this many articles changed at once, re-sorting the list beats inserting one by one. */
const RESORT_AT = 64;

export class ArticleCollection implements LookupPart {
  private articles = new Map<string, Article>();
  private readonly index: SearchIndex;
  private idsByLowerCase = new Map<string, string[]>();
  private idsByHeadline = new Map<string, string[]>();
  private sorted: Article[] = [];

  constructor(indexOptions: SearchIndexOptions = {}) {
    this.index = new SearchIndex([], indexOptions);
  }

  get size(): number {
    return this.articles.size;
  }

  /** Makes `articles` the collection's content; unchanged articles (same id and hash) are not reindexed. */
  replace(articles: readonly Article[]): void {
    const next = new Map<string, Article>();
    for (const article of articles) if (!next.has(article.id)) next.set(article.id, article);
    const stale: string[] = [];
    const fresh: Article[] = [];
    for (const [id, before] of this.articles) {
      const after = next.get(id);
      if (!after || after.hash !== before.hash) stale.push(id);
    }
    for (const [id, after] of next) {
      const before = this.articles.get(id);
      if (!before || before.hash !== after.hash) fresh.push(after);
    }
    this.index.remove(stale);
    this.index.add(fresh);
    this.articles = next;
    this.sorted = [...next.values()].sort(newestFirst);
    this.idsByLowerCase = new Map();
    this.idsByHeadline = new Map();
    for (const article of next.values()) this.addLookups(article);
  }

  /**
   * Removes the articles with the `removed` ids and adds or replaces `upserted` (by id), touching
   * only them: the index, the look-up tables and the newest-first list.
   */
  update(removed: Iterable<string>, upserted: readonly Article[]): void {
    const latest = new Map(upserted.map((article) => [article.id, article]));
    const stale = new Map<string, Article>();
    for (const id of removed) {
      const before = this.articles.get(id);
      if (before && !latest.has(id)) stale.set(id, before);
    }
    const fresh: Article[] = [];
    for (const article of latest.values()) {
      const before = this.articles.get(article.id);
      if (before === article) continue;
      if (before) stale.set(article.id, before);
      fresh.push(article);
    }
    const gone = [...stale.values()];
    if (gone.length === 0 && fresh.length === 0) return;
    // MiniSearch discards lazily and vacuums its postings in batches between events.
    this.index.remove(gone.map((article) => article.id));
    for (const article of gone) {
      this.articles.delete(article.id);
      this.removeLookups(article);
    }
    for (const article of fresh) {
      this.articles.set(article.id, article);
      this.addLookups(article);
    }
    this.index.add(fresh);
    if (gone.length + fresh.length > RESORT_AT) {
      this.sorted = [...this.articles.values()].sort(newestFirst);
      return;
    }
    for (const article of gone) {
      const at = this.positionOf(article);
      if (this.sorted[at] === article) this.sorted.splice(at, 1);
    }
    for (const article of fresh) this.sorted.splice(this.positionOf(article), 0, article);
  }

  article(id: string): Article | undefined {
    return this.articles.get(id);
  }

  idsFolded(lower: string): readonly string[] {
    return this.idsByLowerCase.get(lower) ?? [];
  }

  idsWithHeadline(key: string): readonly string[] {
    return this.idsByHeadline.get(key) ?? [];
  }

  hits(query: string, combine: Combine, limit: number): IndexHit[] {
    return this.index.search(query, combine, limit);
  }

  values(): Iterable<Article> {
    return this.articles.values();
  }

  suggestionCandidates(query: string): Iterable<Article> {
    if (this.articles.size <= MEASURE_ALL) return this.articles.values();
    const out: Article[] = [];
    for (const id of this.index.candidates(query, SUGGESTION_CANDIDATES)) {
      const article = this.articles.get(id);
      if (article) out.push(article);
    }
    return out;
  }

  list(): readonly Article[] {
    return this.sorted;
  }

  /** Where `article` is or would go in the newest-first list (binary search; ids are unique). */
  private positionOf(article: Article): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newestFirst(this.sorted[middle] as Article, article) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private addLookups(article: Article): void {
    push(this.idsByLowerCase, article.id.toLowerCase(), article.id);
    push(this.idsByHeadline, headlineKey(article), article.id);
  }

  private removeLookups(article: Article): void {
    pull(this.idsByLowerCase, article.id.toLowerCase(), article.id);
    pull(this.idsByHeadline, headlineKey(article), article.id);
  }
}

function headlineKey(article: Article): string {
  return queryTerms(article.headline).join(' ');
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((entry) => entry !== value);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest);
}
