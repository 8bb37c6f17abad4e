/**
 * Articles held in memory only (feed articles): indexed for search and looked up like the seed
 * folder's, replaced as a whole when their source changes, the index updated per article.
 */
import { newestFirst, type LookupPart } from './lookup.js';
import { queryTerms } from './normalize.js';
import { SearchIndex, type Combine, type IndexHit } from './search-index.js';
import type { Article } from './types.js';

export class ArticleCollection implements LookupPart {
  private articles = new Map<string, Article>();
  private index = new SearchIndex();
  private idsByLowerCase = new Map<string, string[]>();
  private idsByHeadline = new Map<string, string[]>();
  private sorted: Article[] = [];

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
    for (const article of next.values()) {
      push(this.idsByLowerCase, article.id.toLowerCase(), article.id);
      push(this.idsByHeadline, queryTerms(article.headline).join(' '), article.id);
    }
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

  list(): readonly Article[] {
    return this.sorted;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
