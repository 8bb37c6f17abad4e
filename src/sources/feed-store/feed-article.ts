import { createHash } from 'node:crypto';
import { detectLanguage } from '../../articles/language.js';
import { countWords } from '../../articles/layout.js';
import type { Article } from '../../articles/types.js';
import type { StoredItem } from './types.js';

/** The Article a stored feed item is answered as: searchable, cacheable, citing its source. */
export function feedArticle(item: StoredItem): Article {
  const body = item.paragraphs.join('\n\n');
  const article = {
    id: item.id,
    headline: item.headline,
    paragraphs: Object.freeze([...item.paragraphs]) as string[],
    // Over the text answers are made from (the page's when extracted): a new wording, a new cache key.
    hash: createHash('sha256').update(`${item.headline}\n\n${body}`).digest('hex'),
    wordCount: countWords(item.headline) + countWords(body),
    updatedAt: item.published ?? item.firstSeen,
    ...(item.url === undefined
      ? {}
      : { source: { url: item.url, ...(item.site ? { site: item.site } : {}), ...(item.published === undefined ? {} : { published: item.published }) } }),
  } as Article;
  // Detected when first asked for, as for seed files: polls of many feeds stay cheap. The getter
  // joins the body again rather than keeping `body`: held by 50,000 closures it was a second copy
  // of every article's text. It keeps only the declared code, not the item.
  const declared = item.language;
  let language: string | undefined;
  Object.defineProperty(article, 'language', {
    enumerable: true,
    get: () => (language ??= detectLanguage(`${article.headline}\n${article.paragraphs.join('\n\n')}`, declared)),
  });
  return Object.freeze(article);
}
