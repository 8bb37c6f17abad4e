/**
 * From a file's bytes to an Article: decoding, layout, language, hash and word count.
 */
import { createHash } from 'node:crypto';
import { removeControls } from '../text/controls.js';
import { decodeArticleBytes, type TextEncodingName, type UndecodableReason } from './decode.js';
import { detectLanguage } from './language.js';
import { countWords, layoutArticle } from './layout.js';
import type { Article } from './types.js';

/** An article built from a file, or why the file is not one. */
export type ParsedArticle =
  | { ok: true; article: Article; encoding: TextEncodingName }
  | { ok: false; reason: UndecodableReason };

/** Builds the (frozen) article with this id from a file's bytes. */
export function parseArticle(id: string, bytes: Uint8Array, updatedAt: number): ParsedArticle {
  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return decoded;
  const text = removeControls(decoded.text);
  const { headline, paragraphs } = layoutArticle(text);
  if (headline.length === 0) return { ok: false, reason: 'empty' };
  const body = paragraphs.join('\n');
  const article = {
    id,
    headline,
    paragraphs: Object.freeze(paragraphs) as string[],
    // The hash covers the decoded text as Herald reads it (controls removed), so re-saving with
    // other line endings or a BOM keeps cached answers valid, any change of wording invalidates
    // them, and an answer cached while controls still passed through is never served again.
    hash: createHash('sha256').update(text.trim()).digest('hex'),
    wordCount: countWords(headline) + countWords(body),
    updatedAt: Math.floor(updatedAt),
  } as Article;
  // tinyld needs 1-2 ms per article: 10-20 s for a folder of 10,000. Detecting on first read
  // keeps loading fast; as an own enumerable getter, the language still shows in spreads, JSON
  // and test matchers. It rebuilds its sample from the article, so no copy of the body is kept.
  let language: string | undefined;
  Object.defineProperty(article, 'language', {
    enumerable: true,
    get: () => (language ??= detectLanguage(`${article.headline}\n${article.paragraphs.join('\n')}`)),
  });
  return { ok: true, article: Object.freeze(article), encoding: decoded.encoding };
}
