/**
 * Turning what a user typed for the `article` option into one article, or into a helpful refusal.
 * Pure decisions over search hits; the store supplies the hits and the articles.
 */
import { UserError } from '../errors.js';
import type { IndexHit } from './search-index.js';
import { namingWords, termMatchesWord } from './suggest.js';
import type { Article } from './types.js';

/** The outcome of a search-based reference. */
export type Decision =
  | { kind: 'winner'; id: string }
  | { kind: 'ambiguous'; ids: string[] }
  | { kind: 'none' };

/** A winner's score must be at least this many times the runner-up's. */
const CLEAR_LEAD = 2;
/** Candidates listed for an ambiguous reference score at least this share of the best. */
const CANDIDATE_SHARE = 0.5;
/** Most candidates carried in an "ambiguous" error. */
export const MAX_CANDIDATES = 10;

/** Whether every query term names the article (in its headline or id), not just its body. */
export function isNamedBy(terms: readonly string[], article: Article): boolean {
  const words = namingWords(article);
  return terms.every((term) => words.some((word) => termMatchesWord(term, word)));
}

/**
 * Picks the article a reference means from hits that matched all its terms. One hit wins; so does
 * the only article whose headline (or id) carries all the terms; with none named that way, a
 * score well ahead of the rest wins. Several articles named alike are always ambiguous: guessing
 * between two "Ford" headlines would summarize the wrong one half the time.
 */
export function decide(terms: readonly string[], hits: readonly IndexHit[], articleOf: (id: string) => Article | undefined): Decision {
  const [first] = hits;
  if (!first) return { kind: 'none' };
  if (hits.length === 1) return { kind: 'winner', id: first.id };
  const named = hits.filter((hit) => {
    const article = articleOf(hit.id);
    return article !== undefined && isNamedBy(terms, article);
  });
  const [onlyNamed] = named;
  if (named.length === 1 && onlyNamed) return { kind: 'winner', id: onlyNamed.id };
  if (named.length > 1) return { kind: 'ambiguous', ids: named.slice(0, MAX_CANDIDATES).map((hit) => hit.id) };
  const [top, second] = hits;
  if (top && second && top.score >= second.score * CLEAR_LEAD) return { kind: 'winner', id: top.id };
  const floor = first.score * CANDIDATE_SHARE;
  const close = hits.filter((hit, index) => index < 2 || hit.score >= floor);
  return { kind: 'ambiguous', ids: close.slice(0, MAX_CANDIDATES).map((hit) => hit.id) };
}

/** The "not found" error, with the closest ids as suggestions when there are any. */
export function notFoundError(query: string, suggestions: readonly string[]): UserError {
  return new UserError('article_not_found', { query, suggestions: [...suggestions] });
}

/** The "ambiguous" error, with the ids that fit equally well. */
export function ambiguousError(query: string, candidates: readonly string[]): UserError {
  return new UserError('article_ambiguous', { query, candidates: [...candidates] });
}
