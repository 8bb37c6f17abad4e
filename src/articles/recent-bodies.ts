/**
 * The words of the newest feed articles' bodies, for questions whose words the headline lacks
 * ("what is the contract worth?" about "Nordic Rail orders twelve new trains"). Feed articles are
 * searched by headline only (issue 14's memory goal), so this is bounded: per scope, at most the
 * newest {@link RECENT_BODIES} articles (the catalog shares a total among scopes), each as a sorted
 * array of 32-bit word keys (~1 KB) rather than postings in the search index (~10 KB). It only
 * proposes candidates: the question's sentences are then scored exactly, so a loose stem or a rare
 * hash collision costs a candidate, never an answer.
 */
import { stem, words } from '../text/tokens.js';
import { stopwordsFor } from '../text/stopwords.js';
import { newestFirst } from './lookup.js';
import type { Article } from './types.js';

/**
 * Articles per scope whose bodies are kept, at most: a few days of a hundred busy feeds, the window
 * news questions are about; older articles are still found by their headline.
 */
export const RECENT_BODIES = 5_000;
/** Question words looked for at most (each one is a bit of a 32-bit mask). */
const MAX_QUESTION_KEYS = 32;
const STOP = new Set([...stopwordsFor('en'), ...stopwordsFor('de')]);

interface Entry {
  article: Article;
  keys: Uint32Array;
}

/** The newest articles of one scope with their body's word keys. */
export class RecentBodies {
  private entries = new Map<string, Entry>();

  constructor(private limit = RECENT_BODIES) {}

  get size(): number {
    return this.entries.size;
  }

  /** Bytes of word keys held (typed arrays, outside the JS heap's count). */
  get keyBytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += entry.keys.byteLength;
    return bytes;
  }

  /**
   * Keeps the newest `limit` of `articles` (the scope's articles after a change, newest first),
   * given the change: ids `removed` and articles `upserted` (none: a first load). Only those and
   * the articles moving into or out of the window are touched, so a feed gaining an item costs
   * that item, not the 5,000 others.
   */
  update(articles: readonly Article[], removed: Iterable<string> = [], upserted: readonly Article[] = []): void {
    // As the collection does: of an id upserted twice, the last one counts.
    const latest = new Map(upserted.map((article) => [article.id, article]));
    for (const id of removed) this.entries.delete(id);
    for (const article of latest.values()) if (this.entries.get(article.id)?.article !== article) this.entries.delete(article.id);
    const count = Math.min(this.limit, articles.length);
    // Everything after the newest kept article still in the window is new to it: changed, added or
    // moved up from beyond it (those are older than every article kept).
    for (let i = count - 1; i >= 0; i--) {
      const article = articles[i] as Article;
      if (this.entries.get(article.id)?.article === article) break;
      this.add(article);
    }
    const boundary = articles[count - 1];
    if (boundary) for (const article of latest.values()) if (newestFirst(article, boundary) <= 0 && !this.entries.has(article.id)) this.add(article);
    // The articles pushed out follow the window's end, between upserted ones that never entered it.
    for (let i = count; this.entries.size > count && i < articles.length; i++) this.entries.delete((articles[i] as Article).id);
  }

  /** Keeps the newest `limit` of `articles` from now on (the scope's share changed). */
  resize(limit: number, articles: readonly Article[]): void {
    this.limit = limit;
    this.update(articles);
  }

  private add(article: Article): void {
    this.entries.set(article.id, { article, keys: bodyKeys(article.paragraphs) });
  }

  values(): Iterable<Entry> {
    return this.entries.values();
  }
}

/**
 * Up to `limit` articles of `parts` whose bodies have the most of `questionWords` (folded words),
 * rarer words weighing more; equal scores newest first. Articles with none of them are not returned.
 */
export function matchBodies(parts: readonly RecentBodies[], questionWords: readonly string[], limit: number): Article[] {
  const keys = [...new Set(questionWords.map(keyOf).filter((key) => key !== NO_KEY))].slice(0, MAX_QUESTION_KEYS);
  if (keys.length === 0 || limit <= 0) return [];
  const found: { article: Article; mask: number }[] = [];
  const documentFrequency = new Array<number>(keys.length).fill(0);
  let total = 0;
  for (const part of parts) {
    for (const { article, keys: body } of part.values()) {
      total++;
      let mask = 0;
      for (let k = 0; k < keys.length; k++) {
        if (!has(body, keys[k] as number)) continue;
        mask |= 1 << k;
        documentFrequency[k] = (documentFrequency[k] ?? 0) + 1;
      }
      if (mask !== 0) found.push({ article, mask });
    }
  }
  const weight = documentFrequency.map((df) => Math.log((total + 1) / (df + 0.5)));
  const scored = found.map(({ article, mask }) => {
    let score = 0;
    for (let k = 0; k < keys.length; k++) if (mask & (1 << k)) score += weight[k] ?? 0;
    return { article, score };
  });
  scored.sort((a, b) => b.score - a.score || b.article.updatedAt - a.article.updatedAt || (a.article.id < b.article.id ? -1 : 1));
  return scored.slice(0, limit).map((hit) => hit.article);
}

/** The sorted, distinct keys of the body's words that carry meaning. */
function bodyKeys(paragraphs: readonly string[]): Uint32Array {
  const keys = new Set<number>();
  for (const paragraph of paragraphs) {
    for (const word of words(paragraph)) {
      const key = keyOf(word);
      if (key !== NO_KEY) keys.add(key);
    }
  }
  return Uint32Array.from(keys).sort();
}

// News vocabulary repeats: the key of a word is remembered, as stems are (one look-up per word of
// 5,000 bodies at start-up, stop words included).
const keyMemo = new Map<string, number>();
/** The "key" of a word that says nothing of the subject (a stop word, a lone letter). */
const NO_KEY = -1;
const KEY_MEMO_LIMIT = 100_000;

/**
 * A folded word's key: FNV-1a of its English stem, less a German ending. The article's language is
 * not detected for this (2 ms each), so one light stem serves both: "prices"/"price",
 * "Fähren"/"Fähre", "Gesprächen"/"Gespräch" meet. Exact stemming decides later, per sentence.
 */
function keyOf(word: string): number {
  let key = keyMemo.get(word);
  if (key === undefined) {
    key = STOP.has(word) || (word.length < 2 && !/\d/u.test(word)) ? NO_KEY : hash(word);
    if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
    keyMemo.set(word, key);
  }
  return key;
}

function hash(word: string): number {
  const stemmed = stem(word, undefined);
  const cut = stemmed.length >= 5 ? stemmed.replace(/(?:en|er|em|e|n)$/u, '') : stemmed;
  let key = 0x811c9dc5;
  for (let i = 0; i < cut.length; i++) key = Math.imul(key ^ cut.charCodeAt(i), 0x01000193) >>> 0;
  return key;
}

function has(sorted: Uint32Array, key: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = sorted[middle] as number;
    if (value === key) return true;
    if (value < key) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The recent feed articles' bodies a place may see, for questions. */
export interface BodySearch {
  /** Up to `limit` articles whose bodies have the most of the (folded) words; see {@link matchBodies}. */
  match(questionWords: readonly string[], limit: number): Article[];
}

/** Body searches as one guild sees them (undefined: DMs and the console, which see no guild's feeds). */
export interface ScopedBodies {
  bodiesIn(guildId: string | undefined): BodySearch;
}
