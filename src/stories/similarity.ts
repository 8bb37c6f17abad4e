/**
 * How alike two articles are as reports of one event, from 0 to 1: shared words (same language
 * only), shared names and numbers (any language), discounted as their publication times drift apart.
 * Only pairs that share at least one feature are scored, through an inverted index, so a batch of
 * thousands costs the sum of its posting lists rather than n².
 */
import type { ArticleFeatures, SparseVector } from './features.js';

export interface SimilarityOptions {
  /** Weight of word similarity for articles in one language; names and numbers get the rest. */
  textWeight: number;
  /** Articles published within this many hours count as simultaneous. */
  sameTimeHours: number;
  /** Articles further apart than this many hours are never one story. */
  maxGapHours: number;
  /**
   * Factor for two articles that both state amounts (money, percentages) and share none of them: a
   * takeover price and quarterly results of one company name the same people but different numbers.
   */
  amountConflict: number;
}

export const DEFAULT_SIMILARITY: SimilarityOptions = { textWeight: 0.5, sameTimeHours: 48, maxGapHours: 168, amountConflict: 0.5 };

/** A scored pair, `a < b` (indices into the features array). */
export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

const HOUR = 3_600_000;

/** 1 while two times are within `sameTimeHours`, falling linearly to 0 at `maxGapHours`. */
export function timeFactor(gapMs: number, options: SimilarityOptions): number {
  const hours = Math.abs(gapMs) / HOUR;
  if (hours <= options.sameTimeHours) return 1;
  if (hours >= options.maxGapHours) return 0;
  return 1 - (hours - options.sameTimeHours) / (options.maxGapHours - options.sameTimeHours);
}

/** The pair score from the two cosines; exported so the evaluation can explain a decision. */
export function combine(text: number, entities: number, sameLanguage: boolean, time: number, options: SimilarityOptions): number {
  // Across languages the shared words are mostly the names again, so names and numbers decide alone.
  const content = sameLanguage ? options.textWeight * text + (1 - options.textWeight) * entities : entities;
  return content * time;
}

/** Per feature: the earlier articles that have it, in time order, with their weights. */
interface Posting {
  docs: number[];
  weights: number[];
}
type Postings = Map<string, Posting>;

// Features in more than this share of a big batch ("government", a year) say little and would make
// the index quadratic; they are left out of the dot products.
const COMMON_SHARE = 0.2;
const COMMON_MIN = 200;

function commonFeatures(vectors: readonly SparseVector[]): Set<string> {
  const df = new Map<string, number>();
  for (const vector of vectors) for (const key of vector.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const limit = Math.max(COMMON_MIN, Math.ceil(vectors.length * COMMON_SHARE));
  return new Set([...df].filter(([, count]) => count > limit).map(([key]) => key));
}

/**
 * Adds article i's dot product with every earlier article in the time window sharing a feature into
 * `sums`, then files article i in the postings. Articles come in time order, so each posting list
 * is read backwards only as far as the window reaches.
 */
function accumulate(i: number, vector: SparseVector, times: readonly number[], window: number, postings: Postings, common: ReadonlySet<string>, sums: Float64Array, touched: number[]): void {
  const time = times[i]!;
  for (const [key, weight] of vector) {
    if (common.has(key)) continue;
    let posting = postings.get(key);
    if (!posting) postings.set(key, (posting = { docs: [], weights: [] }));
    const { docs, weights } = posting;
    for (let k = docs.length - 1; k >= 0; k--) {
      const j = docs[k]!;
      if (time - times[j]! > window) break;
      if (sums[j] === 0) touched.push(j);
      sums[j]! += weight * weights[k]!;
    }
    docs.push(i);
    weights.push(weight);
  }
}

/**
 * One site, both headlines carrying numbers, none shared: instalments of a series ("Harbour report
 * 7" and "8", "Q2 results" and "Q3 results") that read alike word for word yet report different
 * things. Across sites, headlines of one event often lead with different figures (price per share
 * vs the whole deal), so the rule stays within a site.
 */
function seriesInstalments(a: ArticleFeatures, b: ArticleFeatures): boolean {
  return a.site === b.site && stateOnlyDifferent(a.headlineNumbers, b.headlineNumbers);
}

/** Both sets state something and share none of it: two different amounts, two different instalment numbers. */
function stateOnlyDifferent(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const amount of a) if (b.has(amount)) return false;
  return true;
}

/**
 * Every pair with a score above `floor`.
 * @param features in publication-time order (earliest first)
 */
export function scorePairs(features: readonly ArticleFeatures[], options: SimilarityOptions, floor: number): ScoredPair[] {
  const n = features.length;
  const times = features.map((f) => f.time);
  const window = options.maxGapHours * HOUR;
  const commonTerms = commonFeatures(features.map((f) => f.terms));
  const commonEntities = commonFeatures(features.map((f) => f.entities));
  const termPostings: Postings = new Map();
  const entityPostings: Postings = new Map();
  const textSums = new Float64Array(n);
  const entitySums = new Float64Array(n);
  const pairs: ScoredPair[] = [];
  for (let i = 0; i < n; i++) {
    const touched: number[] = [];
    accumulate(i, features[i]!.terms, times, window, termPostings, commonTerms, textSums, touched);
    accumulate(i, features[i]!.entities, times, window, entityPostings, commonEntities, entitySums, touched);
    for (const j of new Set(touched)) {
      const time = timeFactor(features[i]!.time - features[j]!.time, options);
      if (seriesInstalments(features[i]!, features[j]!)) {
        textSums[j] = 0;
        entitySums[j] = 0;
        continue;
      }
      const conflict = stateOnlyDifferent(features[i]!.amounts, features[j]!.amounts) ? options.amountConflict : 1;
      const score = conflict * combine(textSums[j]!, entitySums[j]!, features[i]!.language === features[j]!.language, time, options);
      if (score > floor) pairs.push({ a: j, b: i, score });
      textSums[j] = 0;
      entitySums[j] = 0;
    }
  }
  return pairs;
}
