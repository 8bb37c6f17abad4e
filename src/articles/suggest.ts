/**
 * "Did you mean": the articles whose id or headline words are closest in spelling to what the user
 * typed, for when nothing matched.
 */
import { foldText, foldedVariants, isSearchable, queryTerms, splitWords } from './normalize.js';
import { capReference, MAX_REFERENCE_CHARS } from '../text/reference.js';
import type { Article } from './types.js';

/**
 * Edit distance between a and b, counting a swap of two neighbouring letters as one edit ("frod"
 * is as close to "ford" as "fort" is), or `max + 1` as soon as it is certain to exceed max (most
 * comparisons stop early, which keeps a pass over 10,000 headlines quick).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Time grows with the product of the lengths: two such strings are no typo of one another.
  if (a.length > MAX_REFERENCE_CHARS || b.length > MAX_REFERENCE_CHARS) return max + 1;
  if (b.length + 1 > rowA.length) {
    rowA = new Uint32Array(b.length + 1);
    rowB = new Uint32Array(b.length + 1);
    rowC = new Uint32Array(b.length + 1);
  }
  let before = rowC;
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const charA = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = charA === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && charA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (before[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // No later row goes below this one's minimum (a swap costs what it saved the row before).
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

// Rows reused across calls: suggestions compare a query with every headline word of the store.
let rowA = new Uint32Array(64);
let rowB = new Uint32Array(64);
let rowC = new Uint32Array(64);

/**
 * Edits tolerated in a typed word of this length: none up to four letters ("gone" must not find
 * "one"), one up to eight, two beyond.
 */
export function typoAllowance(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

const namingCache = new WeakMap<object, string[]>();

/** The folded words an article is named by: its headline and its id. */
export function namingWords(article: Pick<Article, 'id' | 'headline'>): string[] {
  const cached = namingCache.get(article);
  if (cached) return cached;
  const words = new Set<string>();
  for (const word of splitWords(`${article.headline} ${article.id}`)) {
    for (const variant of foldedVariants(word)) if (isSearchable(variant)) words.add(variant);
  }
  const list = [...words];
  namingCache.set(article, list);
  return list;
}

/** Whether a query term names a word: equal, its beginning, or a small typo away. */
export function termMatchesWord(term: string, word: string): boolean {
  if (word === term || (term.length >= 2 && word.startsWith(term))) return true;
  const allowance = typoAllowance(term.length);
  return allowance > 0 && editDistance(term, word, allowance) <= allowance;
}

/**
 * How far apart two words are, from 0 (same) to 1 (nothing in common). A typed word that begins
 * the article's word counts as the same ("xiao"); one that extends it ("snowfall" for "snow") as
 * close.
 */
function wordDistance(term: string, word: string, cutoff: number): number {
  if (word.startsWith(term)) return 0;
  if (word.length >= 4 && term.startsWith(word)) return EXTENDED;
  const longest = Math.max(term.length, word.length);
  const max = Math.floor(longest * cutoff);
  return editDistance(term, word, max) / longest;
}

/** Beyond this share of edits a spelling is no longer "close". */
const CLOSE = 0.4;
const EXTENDED = 0.2;

/**
 * Ids of the articles closest in spelling to `ref`, comparing it with each id as a whole and its
 * words with the words of each headline; at most `limit`, closest first.
 */
export function closestIds(text: string, articles: Iterable<Article>, limit: number): string[] {
  const ref = capReference(text);
  const folded = foldText(ref.trim());
  const terms = queryTerms(ref);
  // Headlines share many words; each (term, word) pair is measured once per call.
  const memos = terms.map(() => new Map<string, number>());
  const scored: { id: string; distance: number }[] = [];
  for (const article of articles) {
    const id = foldedId(article);
    const longest = Math.max(folded.length, id.length, 1);
    let distance = editDistance(folded, id, Math.floor(longest * CLOSE)) / longest;
    if (terms.length > 0 && distance > 0) {
      const words = namingWords(article);
      let total = 0;
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t] as string;
        const memo = memos[t] as Map<string, number>;
        let best = 1;
        for (const word of words) {
          let d = memo.get(word);
          if (d === undefined) {
            d = wordDistance(term, word, CLOSE);
            memo.set(word, d);
          }
          if (d < best) best = d;
        }
        total += best;
      }
      distance = Math.min(distance, total / terms.length);
    }
    if (distance <= CLOSE) scored.push({ id: article.id, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, limit).map((entry) => entry.id);
}

const foldedIds = new WeakMap<object, string>();

function foldedId(article: Pick<Article, 'id'>): string {
  let id = foldedIds.get(article);
  if (id === undefined) {
    id = foldText(article.id);
    foldedIds.set(article, id);
  }
  return id;
}
