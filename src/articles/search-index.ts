/**
 * Full-text index over headline, body and id (MiniSearch), folded so that case and diacritics never
 * decide whether an article is found.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { foldText, foldedVariants, isSearchable, queryTerms, splitWords } from './normalize.js';
import { typoAllowance } from './suggest.js';
import type { Article } from './types.js';

/** One hit of the index. */
export interface IndexHit {
  id: string;
  score: number;
  /** The query terms (folded) this article matched. */
  queryTerms: string[];
}

/** How query terms combine: all must match, or any. */
export type Combine = 'AND' | 'OR';

// The headline names an article; the id often does too ("ford-xiaomi"); the body only mentions.
const BOOST = { headline: 3, idWords: 2, body: 1 };

const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  // Prefix matching lets "xiao" find Xiaomi while typing (autocomplete); a single letter would
  // match nearly everything.
  prefix: (term) => term.length >= 2,
  // Short words must be spelled right; longer ones may have a typo or two.
  fuzzy: (term) => typoAllowance(term.length),
  maxFuzzy: 2,
  processTerm: (term) => {
    const folded = foldText(term);
    return isSearchable(folded) ? folded : null;
  },
};

// Words an article's word must have for a longer typed word to count as extending it (suggest.ts).
const MIN_EXTENDED = 4;

/**
 * "Did you mean" candidates: headline and id words that begin with a typed word or are one edit
 * away. Two edits would match most of a large vocabulary (and every match is scored: 130 ms at
 * 50,000 headlines against 10 ms for one); the other words of the reference, or the whole id,
 * find the rest, and closestIds then measures each candidate as it always did.
 */
const SUGGEST_OPTIONS: SearchOptions = {
  fields: ['headline', 'idWords'],
  prefix: (term) => term.length >= 2,
  fuzzy: (term) => (term.length < 4 ? 0 : 1),
  maxFuzzy: 1,
  processTerm: SEARCH_OPTIONS.processTerm,
};
const EXACT_OPTIONS: SearchOptions = { ...SUGGEST_OPTIONS, prefix: false, fuzzy: false };

// Indexing calls this for every word of every article; the memo keeps it allocation-free.
const indexTermMemo = new Map<string, string | string[] | null>();
const INDEX_MEMO_LIMIT = 100_000;

function indexTerm(term: string): string | string[] | null {
  let processed = indexTermMemo.get(term);
  if (processed === undefined) {
    const variants = foldedVariants(term).filter(isSearchable);
    processed = variants.length === 0 ? null : variants.length === 1 ? (variants[0] ?? null) : variants;
    if (indexTermMemo.size >= INDEX_MEMO_LIMIT) indexTermMemo.clear();
    indexTermMemo.set(term, processed);
  }
  return processed;
}

function extractField(article: Article, field: string, options: SearchIndexOptions): string {
  const { bodyWords, idWords = true } = options;
  // MiniSearch reads the document's id through here too; the id's words are a field of their own.
  if (field === 'id') return article.id;
  if (field === 'headline') return article.headline;
  if (field === 'idWords') return idWords ? article.id : '';
  return bodyWords === undefined ? article.paragraphs.join('\n') : leadOf(article.paragraphs, bodyWords);
}

/** The first `words` words of the body: the lede, which says what the article is about. */
function leadOf(paragraphs: readonly string[], words: number): string {
  let out = '';
  let left = words;
  for (const paragraph of paragraphs) {
    if (left <= 0) break;
    const taken = splitWords(paragraph).slice(0, left);
    left -= taken.length;
    out = out === '' ? taken.join(' ') : `${out}\n${taken.join(' ')}`;
  }
  return out;
}

/** What of an article the index holds. */
export interface SearchIndexOptions {
  /**
   * Index only the body's first words (headline and id are always whole). Every body word of
   * 50,000 feed articles would take several hundred MB of postings; the lede carries what
   * people search for. Undefined: the whole body (the seed folder).
   */
  bodyWords?: number;
  /**
   * Index the words of ids; default true. A feed article's id is its site, its headline's words
   * and a hash unique to it: the headline is indexed anyway, and 50,000 unique hashes are 50,000
   * index terms nobody types (an exact id is found without the index).
   */
  idWords?: boolean;
}

/** The search index of the store; rebuilt in one go on load, updated per article afterwards. */
export class SearchIndex {
  private readonly mini: MiniSearch<Article>;

  constructor(articles: readonly Article[] = [], options: SearchIndexOptions = {}) {
    this.mini = new MiniSearch<Article>({
      idField: 'id',
      fields: ['headline', 'idWords', 'body'],
      extractField: (article, field) => extractField(article, field, options),
      tokenize: (text) => splitWords(text),
      processTerm: (term) => indexTerm(term),
      searchOptions: SEARCH_OPTIONS,
    });
    this.mini.addAll(articles);
  }

  /** Adds articles not yet indexed. */
  add(articles: readonly Article[]): void {
    this.mini.addAll(articles);
  }

  /** Forgets articles by id; unknown ids are ignored. */
  remove(ids: Iterable<string>): void {
    for (const id of ids) if (this.mini.has(id)) this.mini.discard(id);
  }

  /**
   * Ids of up to `limit` articles with a headline or id word that begins like, is spelled like or
   * begins a query term: a superset, best first, of what "did you mean" would suggest among
   * them, for {@link closestIds} to measure exactly.
   */
  candidates(query: string, limit: number): string[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    // "snowfall" is close to "snow": the words a term extends are looked up by its beginnings.
    const beginnings = terms.flatMap((term) => Array.from({ length: Math.max(0, term.length - MIN_EXTENDED) }, (_, i) => term.slice(0, MIN_EXTENDED + i)));
    const results = this.mini.search({
      combineWith: 'OR',
      queries: [
        { ...SUGGEST_OPTIONS, queries: terms },
        { ...EXACT_OPTIONS, queries: beginnings },
      ],
    });
    const ids: string[] = [];
    for (let i = 0; i < results.length && i < limit; i++) ids.push(String(results[i]?.id));
    return ids;
  }

  /** Articles matching the query, best first; equal scores by id, so results never flicker. */
  search(query: string, combine: Combine = 'AND', limit = Number.POSITIVE_INFINITY): IndexHit[] {
    const results = this.mini.search(query, { combineWith: combine });
    // MiniSearch sorts by score already; only the window kept (and ties at its edge) needs the
    // id order, which spares sorting thousands of hits for a common word.
    let end = Math.min(limit, results.length);
    const edge = results[end - 1]?.score;
    while (end < results.length && results[end]?.score === edge) end++;
    const hits: IndexHit[] = [];
    for (let i = 0; i < end; i++) {
      const result = results[i];
      if (result) hits.push({ id: String(result.id), score: result.score, queryTerms: result.queryTerms });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }
}
