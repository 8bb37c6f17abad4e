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

type Postings = Map<string, number[]>;

// Features in more than this share of a big batch ("government", a year) say little and would make
// the index quadratic; they are left out of the dot products.
const COMMON_SHARE = 0.05;
const COMMON_MIN = 50;

function index(vectors: readonly SparseVector[]): Postings {
  const postings: Postings = new Map();
  vectors.forEach((vector, position) => {
    for (const key of vector.keys()) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(position);
    }
  });
  const limit = Math.max(COMMON_MIN, Math.ceil(vectors.length * COMMON_SHARE));
  for (const [key, list] of postings) if (list.length > limit) postings.delete(key);
  return postings;
}

/** Adds vector i's dot product with every earlier vector sharing a feature into `sums`. */
function accumulate(i: number, vectors: readonly SparseVector[], postings: Postings, sums: Float64Array, touched: number[]): void {
  for (const [key, weight] of vectors[i]!) {
    const list = postings.get(key);
    if (!list) continue;
    for (const j of list) {
      if (j >= i) break;
      if (sums[j] === 0) touched.push(j);
      sums[j]! += weight * (vectors[j]!.get(key) ?? 0);
    }
  }
}

function amountsConflict(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const amount of a) if (b.has(amount)) return false;
  return true;
}

/** Every pair with a score above `floor`, in index order. */
export function scorePairs(features: readonly ArticleFeatures[], options: SimilarityOptions, floor: number): ScoredPair[] {
  const n = features.length;
  const termVectors = features.map((f) => f.terms);
  const entityVectors = features.map((f) => f.entities);
  const termPostings = index(termVectors);
  const entityPostings = index(entityVectors);
  const textSums = new Float64Array(n);
  const entitySums = new Float64Array(n);
  const pairs: ScoredPair[] = [];
  for (let i = 0; i < n; i++) {
    const touched: number[] = [];
    accumulate(i, termVectors, termPostings, textSums, touched);
    accumulate(i, entityVectors, entityPostings, entitySums, touched);
    for (const j of new Set(touched)) {
      const time = timeFactor(features[i]!.time - features[j]!.time, options);
      const conflict = amountsConflict(features[i]!.amounts, features[j]!.amounts) ? options.amountConflict : 1;
      const score = conflict * combine(textSums[j]!, entitySums[j]!, features[i]!.language === features[j]!.language, time, options);
      if (score > floor) pairs.push({ a: j, b: i, score });
      textSums[j] = 0;
      entitySums[j] = 0;
    }
  }
  return pairs;
}
