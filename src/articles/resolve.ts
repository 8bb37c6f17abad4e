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

const SHOWN_REF_CHARS = 80;
const SHOWN_HEADLINE_CHARS = 70;
const LISTED_IN_MESSAGE = 5;

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function describe(ids: readonly string[], articleOf: (id: string) => Article | undefined): string {
  const shown = ids.slice(0, LISTED_IN_MESSAGE).map((id) => {
    const headline = articleOf(id)?.headline;
    return headline ? `${id} (${shorten(headline, SHOWN_HEADLINE_CHARS)})` : id;
  });
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** The "not found" error, with suggestions when there are any. */
export function notFoundError(query: string, suggestions: readonly string[], articleOf: (id: string) => Article | undefined): UserError {
  const shown = shorten(query, SHOWN_REF_CHARS);
  const message =
    shown.length === 0
      ? 'Please name an article: its id or some words from its headline.'
      : suggestions.length > 0
        ? `No article matches “${shown}”. Did you mean: ${describe(suggestions, articleOf)}?`
        : `No article matches “${shown}”. Use /articles to see which articles there are.`;
  return new UserError('article_not_found', message, { query, suggestions: [...suggestions] });
}

/** The "ambiguous" error, listing the candidates by id and headline. */
export function ambiguousError(query: string, candidates: readonly string[], articleOf: (id: string) => Article | undefined): UserError {
  const message = `Several articles match “${shorten(query, SHOWN_REF_CHARS)}”: ${describe(candidates, articleOf)}. Please choose one by its id.`;
  return new UserError('article_ambiguous', message, { query, candidates: [...candidates] });
}
