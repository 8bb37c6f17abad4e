/** One news article loaded from SEEDS_DIR. */
export interface Article {
  /** File name without extension; the stable handle users type. */
  id: string;
  /** First non-empty line of the file. */
  headline: string;
  /** Body paragraphs, in order, without the headline. */
  paragraphs: string[];
  /** sha256 of the file's text; part of every cache key, so an edit never gets a stale answer. */
  hash: string;
  /** Detected ISO 639-1 language code ("de", "en"...), or "und" when undetermined. */
  language: string;
  /** Words in headline and body. */
  wordCount: number;
  /** Last modification time of the file (feed articles: published, else first seen), in ms since the epoch. */
  updatedAt: number;
  /** Where a fetched article came from; seed files have none. */
  source?: ArticleSource;
}

/** A feed or link article's origin, cited in answers. */
export interface ArticleSource {
  /** The article's page as the feed or the user gave it, tracking parameters removed. */
  url: string;
  /** The site's name (feed title or the page's site name). */
  site?: string;
  /** Publication time, ms since the epoch, when the feed or page dates it. */
  published?: number;
}

/** Article body as one string, paragraphs separated by blank lines. */
export function articleBody(article: Pick<Article, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n');
}

/** A search hit: the article and how well it matched. */
export interface ArticleMatch {
  article: Article;
  score: number;
}
