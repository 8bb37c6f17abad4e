import { detectLanguage } from '../articles/language.js';
import type { Article, ArticleSource } from '../articles/types.js';
import { textHash } from '../cache/key.js';
import { UserError } from '../errors.js';
import { removeControls } from '../text/controls.js';

/** Anything Herald can summarize or translate: an article, or the text of a Discord message. */
export interface Source {
  /** Articles and free text are cached under different operations. */
  kind: 'article' | 'text';
  /** Article id, or "message". */
  id: string;
  /** Empty for free text. */
  headline: string;
  paragraphs: string[];
  /** ISO 639-1 code, or "und". */
  language: string;
  /** sha256 of the text: part of every cache key. */
  hash: string;
  /** A fetched article's page and site, cited with every answer about it. */
  link?: ArticleSource;
}

/** The id results about free text carry. */
export const MESSAGE_ID = 'message';

/**
 * The article as a source. Its language is read from the article when first needed, not here:
 * a request that names its language looks up the cache and defers without it, so the first
 * request about a new article does not detect its language (1–2 ms) before Discord hears back.
 */
export function sourceOfArticle(article: Article): Source {
  return {
    kind: 'article',
    id: article.id,
    headline: article.headline,
    paragraphs: article.paragraphs,
    get language() {
      return article.language;
    },
    hash: article.hash,
    ...(article.source ? { link: article.source } : {}),
  };
}

/**
 * Free text (a message's content) as a source: invisible controls removed, as from articles;
 * paragraphs at blank lines, language detected.
 * @throws UserError('empty_message') for text without any words.
 */
export function sourceOfText(text: string): Source {
  const paragraphs = removeControls(text)
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
  if (!paragraphs.some((paragraph) => /\p{L}|\p{N}/u.test(paragraph))) {
    throw new UserError('empty_message');
  }
  const body = paragraphs.join('\n\n');
  return { kind: 'text', id: MESSAGE_ID, headline: '', paragraphs, language: detectLanguage(body), hash: textHash(body) };
}

/** The language a model summary is written in: the one asked for, else the article's (English when undetermined, as a model needs a target). */
export function summaryLanguage(source: Pick<Source, 'language'>, requested: string | undefined): string {
  return requested ?? (source.language === 'und' ? 'en' : source.language);
}
