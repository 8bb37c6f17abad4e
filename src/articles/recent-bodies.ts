/**
 * The words of the newest feed articles' bodies, for questions whose words the headline lacks
 * ("what is the contract worth?" about "Nordic Rail orders twelve new trains"). Feed articles are
 * searched by headline only (issue 14's memory goal), so this is bounded: per scope, the newest
 * {@link RECENT_BODIES} articles, each as a sorted array of 32-bit word keys (~1 KB) rather than
 * postings in the search index (~10 KB). It only proposes candidates: the question's sentences are
 * then scored exactly, so a coarse key or a rare hash collision costs a candidate, never an answer.
 */
import { stem, words } from '../text/tokens.js';
import { stopwordsFor } from '../text/stopwords.js';
import type { Article } from './types.js';

/**
 * Articles per scope whose bodies are kept: a few days of a hundred busy feeds, the window news
 * questions are about; older articles are still found by their headline.
 */
export const RECENT_BODIES = 5_000;
/** Question words looked for at most (each one is a bit of a 32-bit mask). */
const MAX_QUESTION_KEYS = 32;
/**
 * Words are cut to this many characters after English stemming: the article's language is not
 * detected for this (2 ms each), and a common beginning joins most German and English inflections
 * ("Fähre"/"Fähren", "deal"/"dealing"). Exact stemming decides later, per sentence.
 */
const KEY_CHARS = 5;

const STOP = new Set([...stopwordsFor('en'), ...stopwordsFor('de')]);

interface Entry {
  article: Article;
  keys: Uint32Array;
}

/** The newest articles of one scope with their body's word keys. */
export class RecentBodies {
  private entries = new Map<string, Entry>();

  constructor(private readonly limit = RECENT_BODIES) {}

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
   * Keeps the first `limit` of `newestFirst` (a scope's articles, newest first): only articles new
   * to that window, or changed, are read; those that left it are forgotten.
   */
  sync(newestFirst: readonly Article[]): void {
    const count = Math.min(this.limit, newestFirst.length);
    const next = new Map<string, Entry>();
    for (let i = 0; i < count; i++) {
      const article = newestFirst[i] as Article;
      const known = this.entries.get(article.id);
      next.set(article.id, known?.article === article ? known : { article, keys: bodyKeys(article.paragraphs) });
    }
    this.entries = next;
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
  const keys = [...new Set(questionWords.filter((word) => !STOP.has(word)).map(keyOf))].slice(0, MAX_QUESTION_KEYS);
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
  for (const paragraph of paragraphs) for (const word of words(paragraph)) if (!STOP.has(word) && (word.length > 1 || /\d/u.test(word))) keys.add(keyOf(word));
  return Uint32Array.from(keys).sort();
}

// News vocabulary repeats: the key of a word is remembered, as stems are.
const keyMemo = new Map<string, number>();
const KEY_MEMO_LIMIT = 100_000;

/** A folded word's key: FNV-1a of its English stem's first {@link KEY_CHARS} characters. */
function keyOf(word: string): number {
  let key = keyMemo.get(word);
  if (key === undefined) {
    const cut = stem(word, undefined).slice(0, KEY_CHARS);
    key = 0x811c9dc5;
    for (let i = 0; i < cut.length; i++) key = Math.imul(key ^ cut.charCodeAt(i), 0x01000193) >>> 0;
    if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
    keyMemo.set(word, key);
  }
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
