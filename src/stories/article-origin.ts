import type { Article } from '../articles/types.js';

/** When an article is news: its source's publication time, else when Herald first saw or last changed it. */
export function articleTime(article: Article): number {
  return article.source?.published ?? article.updatedAt;
}

/** The site an article names or links: the feed's or page's site name, else its page's host; seed files have none. */
export function sourceSite(article: Article): string | undefined {
  if (article.source?.site) return article.source.site;
  if (!article.source?.url) return undefined;
  try {
    return new URL(article.source.url).hostname.replace(/^www\./, '');
  } catch {
    // An unparsable address names no site.
    return undefined;
  }
}
