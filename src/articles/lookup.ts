/**
 * Looking articles up across several collections at once (the seed folder, the operator's feeds,
 * a guild's feeds) as if they were one: ids, search, "which article does the user mean".
 */
import { capReference } from '../text/reference.js';
import { isSafeId } from './files.js';
import { queryTerms } from './normalize.js';
import { ambiguousError, decide, notFoundError } from './resolve.js';
import type { Combine, IndexHit } from './search-index.js';
import { closestIds } from './suggest.js';
import type { Article, ArticleMatch } from './types.js';

/** One collection of articles, as the lookups below need it. */
export interface LookupPart {
  /** The article with exactly this id. */
  article(id: string): Article | undefined;
  /** Ids that are `lower` when lower-cased. */
  idsFolded(lower: string): readonly string[];
  /** Ids of the articles whose headline's query terms, joined by spaces, are `key`. */
  idsWithHeadline(key: string): readonly string[];
  hits(query: string, combine: Combine, limit: number): IndexHit[];
  values(): Iterable<Article>;
  /** Newest first. */
  list(): readonly Article[];
  /**
   * The articles worth measuring for "did you mean" `query`; a large part narrows them down with
   * its index first, so suggestions never measure 50,000 headlines. Absent: every article.
   */
  suggestionCandidates?(query: string): Iterable<Article>;
  /** The article a file name ("ford.txt") stands for; only the seed folder has files. */
  byFileName?(name: string): Article | undefined;
}

/** What every request path looks articles up in. */
export interface ArticleLookup {
  /** All articles, newest first, then by id. */
  list(): Article[];
  get(id: string): Article | undefined;
  search(text: string, limit?: number): ArticleMatch[];
  /** @throws UserError article_not_found | article_ambiguous */
  resolve(ref: string): Article;
}

/** Articles as one guild sees them (undefined: DMs and the console, which see no guild's feeds). */
export interface ScopedArticles {
  in(guildId: string | undefined): ArticleLookup;
}

const SUGGESTIONS = 3;
/**
 * Hits weighed by resolve(). A headline match scores three times a body match, so articles named
 * by the words rank far above this even when thousands mention them.
 */
const RESOLVE_WINDOW = 500;
export const DEFAULT_SEARCH_LIMIT = 10;

/** The parts as one {@link ArticleLookup}. */
export function lookupAcross(parts: readonly LookupPart[]): ArticleLookup {
  return {
    list: () => listIn(parts),
    get: (id) => getIn(parts, id),
    search: (text, limit) => searchIn(parts, text, limit),
    resolve: (ref) => resolveIn(parts, ref),
  };
}

export function listIn(parts: readonly LookupPart[]): Article[] {
  // Each part keeps its list sorted: merging them is linear, where sorting 50,000 articles on every
  // autocomplete keystroke would not be.
  let merged: readonly Article[] = [];
  for (const part of parts) merged = merged.length === 0 ? part.list() : mergeSorted(merged, part.list());
  return [...merged];
}

function mergeSorted(a: readonly Article[], b: readonly Article[]): Article[] {
  if (b.length === 0) return [...a];
  const out = new Array<Article>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = newestFirst(a[i] as Article, b[j] as Article) <= 0 ? (a[i++] as Article) : (b[j++] as Article);
  while (i < a.length) out[k++] = a[i++] as Article;
  while (j < b.length) out[k++] = b[j++] as Article;
  return out;
}

export function newestFirst(a: Article, b: Article): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The article with this id (or the only one whose id differs just in case). Answers from memory
 * only, so a path such as "../../etc/passwd" can never read anything; it is simply unknown.
 */
export function getIn(parts: readonly LookupPart[], id: string): Article | undefined {
  if (!isSafeId(id)) return undefined;
  const exact = articleIn(parts, id);
  if (exact) return exact;
  const folded = parts.flatMap((part) => part.idsFolded(id.toLowerCase()));
  return folded.length === 1 && folded[0] !== undefined ? articleIn(parts, folded[0]) : undefined;
}

/**
 * Articles matching the words of `query`, best first: headline counts most, then id, then body.
 * All words must match; when no article has them all, any word will do. A blank query matches nothing.
 */
export function searchIn(parts: readonly LookupPart[], text: string, limit = DEFAULT_SEARCH_LIMIT): ArticleMatch[] {
  const query = capReference(text);
  if (query.trim().length === 0 || limit <= 0) return [];
  let hits = hitsIn(parts, query, 'AND', limit);
  if (hits.length === 0) hits = hitsIn(parts, query, 'OR', limit);
  const matches: ArticleMatch[] = [];
  for (const hit of hits) {
    const article = articleIn(parts, hit.id);
    if (article) matches.push({ article, score: hit.score });
  }
  return matches;
}

/**
 * The article a user means: an id (any case, with or without the file extension), a whole
 * headline, or words of it. Throws UserError 'article_ambiguous' (params.candidates: ids) when
 * several articles fit equally well, and 'article_not_found' (params.suggestions: the closest
 * ids) when none does.
 */
export function resolveIn(parts: readonly LookupPart[], ref: string): Article {
  const whole = ref.trim();
  const articleOf = (id: string): Article | undefined => articleIn(parts, id);
  if (whole.length === 0 || looksLikePath(whole)) throw notFoundError(capReference(whole), []);
  const byId = getIn(parts, whole) ?? byFileName(parts, whole);
  if (byId) return byId;
  // Exact ids above may be up to 255 characters (file names); everything searched is capped.
  const query = capReference(whole);
  const terms = queryTerms(query);
  if (terms.length === 0) throw notFoundError(query, closestIds(query, candidatesIn(parts, query), SUGGESTIONS));
  const sameHeadline = parts.flatMap((part) => part.idsWithHeadline(terms.join(' ')));
  if (sameHeadline.length === 1 && sameHeadline[0] !== undefined) {
    const article = articleOf(sameHeadline[0]);
    if (article) return article;
  }
  const decision = decide(terms, hitsIn(parts, query, 'AND', RESOLVE_WINDOW), articleOf);
  if (decision.kind === 'winner') {
    const article = articleOf(decision.id);
    if (article) return article;
  }
  if (decision.kind === 'ambiguous') throw ambiguousError(query, decision.ids);
  throw notFoundError(query, suggestionsFor(parts, query));
}

function articleIn(parts: readonly LookupPart[], id: string): Article | undefined {
  for (const part of parts) {
    const article = part.article(id);
    if (article) return article;
  }
  return undefined;
}

function byFileName(parts: readonly LookupPart[], name: string): Article | undefined {
  for (const part of parts) {
    const article = part.byFileName?.(name);
    if (article) return article;
  }
  return undefined;
}

/** Hits of every part, best first; equal scores by id, so results never flicker. */
function hitsIn(parts: readonly LookupPart[], query: string, combine: Combine, limit: number): IndexHit[] {
  const [only] = parts;
  if (parts.length === 1 && only) return only.hits(query, combine, limit);
  return parts
    .flatMap((part) => part.hits(query, combine, limit))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

function* candidatesIn(parts: readonly LookupPart[], query: string): Iterable<Article> {
  for (const part of parts) yield* part.suggestionCandidates?.(query) ?? part.values();
}

function suggestionsFor(parts: readonly LookupPart[], query: string): string[] {
  // Articles sharing some of the words first, then those spelled closest to what was typed.
  const partial = hitsIn(parts, query, 'OR', SUGGESTIONS).map((hit) => hit.id);
  // Sharing words outranks spelling: with enough of those, measuring spellings would change nothing.
  if (partial.length >= SUGGESTIONS) return partial;
  const close = closestIds(query, candidatesIn(parts, query), SUGGESTIONS);
  return [...new Set([...partial, ...close])].slice(0, SUGGESTIONS);
}

/** A reference shaped like a file path (absolute, "..", drive letter, NUL) is never looked up. */
function looksLikePath(ref: string): boolean {
  return ref.includes('\0') || /^[/\\]/.test(ref) || /^~[/\\]/.test(ref) || /^[a-z]:[/\\]/i.test(ref) || /(^|[/\\])\.\.([/\\]|$)/.test(ref);
}
