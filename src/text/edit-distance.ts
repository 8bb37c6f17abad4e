import { MAX_REFERENCE_CHARS } from './reference.js';

/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, so the common
 * typo "Englsih" is one edit from "English", not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // Time grows with the product of the lengths: such strings are no typo of a language name.
  if (a.length > MAX_REFERENCE_CHARS || b.length > MAX_REFERENCE_CHARS) return Number.POSITIVE_INFINITY;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows are enough for the transposition lookback.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
