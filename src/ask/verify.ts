import type { Article } from '../articles/types.js';
import { findVerbatim, overlaps } from '../briefing/verbatim.js';
import type { ModelClaim } from './prompt.js';
import type { AskArticle, AskCitation, AskClaim } from './types.js';

/** A model answer after its citations were checked against the articles. */
export interface CheckedAnswer {
  claims: AskClaim[];
  citations: AskCitation[];
  articles: AskArticle[];
  /** Citations that were not verbatim in any of the articles (their statements went with them when left without support). */
  dropped: number;
}

/**
 * Keeps each cited sentence only where it stands word for word in one of `articles` (whitespace
 * and quote marks aside, as quotes are checked), cut from the article's own text; a statement left
 * with no citation is dropped, since nothing shows it is in the news rather than the model's memory.
 */
export function checkCitations(claims: readonly ModelClaim[], articles: readonly Article[], language: string): CheckedAnswer {
  const shownArticles: AskArticle[] = [];
  const citations: AskCitation[] = [];
  const kept: AskClaim[] = [];
  let dropped = 0;
  for (const claim of claims) {
    const indices: number[] = [];
    for (const quote of claim.quotes) {
      const found = locate(quote.text, articles);
      if (!found) {
        dropped += 1;
        continue;
      }
      let articleIndex = shownArticles.findIndex((shown) => shown.id === found.article.id);
      if (articleIndex === -1) articleIndex = shownArticles.push(askArticle(found.article)) - 1;
      let index = citations.findIndex((citation) => citation.article === articleIndex && overlaps(citation.text, found.text));
      if (index === -1) {
        const translation = found.article.language !== language && quote.translation?.trim() ? quote.translation.trim() : undefined;
        index = citations.push({ article: articleIndex, text: found.text, ...(translation ? { translation } : {}) }) - 1;
      }
      if (!indices.includes(index)) indices.push(index);
    }
    if (indices.length > 0 && claim.text) kept.push({ text: claim.text, citations: indices });
  }
  return { claims: kept, citations, articles: shownArticles, dropped };
}

function locate(text: string, articles: readonly Article[]): { article: Article; text: string } | undefined {
  for (const article of articles) {
    const found = findVerbatim(text, article.paragraphs);
    if (found !== undefined) return { article, text: found };
  }
  return undefined;
}

/** What an answer keeps of an article: no body, so a cached answer stays small. */
export function askArticle(article: Article): AskArticle {
  return { id: article.id, headline: article.headline, language: article.language, ...(article.source ? { source: article.source } : {}) };
}
