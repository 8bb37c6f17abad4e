/**
 * A web page's main article as plain paragraphs, with Readability on linkedom (no scripts run,
 * nothing fetched). Pages without a readable article (script-rendered, paywalled, too large)
 * are an answer, not an error: the caller keeps the feed's teaser.
 */
import { Readability } from '@mozilla/readability';
import { parseHtmlDocument, tagLimitIndex, type DomNode } from '../dom.js';
import { htmlToLine, nodeToParagraphs } from '../html-text.js';
import { removeBoilerplate } from './boilerplate.js';
import { readMetadata } from './metadata.js';

export interface PageArticle {
  headline: string;
  paragraphs: string[];
  siteName?: string;
  byline?: string;
  published?: Date;
  canonicalUrl?: string;
}

export interface NoArticle {
  kind: 'no_article';
  reason: 'no_content' | 'too_large' | 'too_many_elements';
}

export type ExtractedPage = PageArticle | NoArticle;

/** News pages weigh 100-800 KB of HTML; beyond this a page is refused before parsing. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * Elements a page may have. Heavy news pages have 3,000-15,000; parsing and scoring this many
 * stays well under a second, where 60,000 nested elements would take several.
 */
export const MAX_PAGE_ELEMENTS = 40_000;

/** Less body text than this is a teaser, a paywall notice or a "please enable JavaScript". */
const MIN_ARTICLE_CHARS = 400;

export function extractPage(html: string, { url }: { url: string }): ExtractedPage {
  if (html.length > MAX_PAGE_BYTES || Buffer.byteLength(html, 'utf8') > MAX_PAGE_BYTES) return noArticle('too_large');
  if (!/<[a-z!]/i.test(html.slice(0, 4096))) return noArticle('no_content');
  if (tagLimitIndex(html, MAX_PAGE_ELEMENTS) >= 0) return noArticle('too_many_elements');

  const document = parseHtmlDocument(html);
  const metadata = readMetadata(document, url);
  removeBoilerplate(document);
  const result = readArticle(document);
  if (result === undefined) return noArticle('no_content');
  const paragraphs = nodeToParagraphs(result.content);
  if (paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0) < MIN_ARTICLE_CHARS) return noArticle('no_content');

  const page: PageArticle = { headline: htmlToLine(result.title ?? ''), paragraphs };
  const siteName = htmlToLine(result.siteName ?? metadata.siteName ?? '');
  if (siteName !== '') page.siteName = siteName;
  const byline = htmlToLine(result.byline ?? '').replace(BYLINE_PREFIX, '');
  if (byline !== '') page.byline = byline;
  const published = parseDate(result.publishedTime) ?? parseDate(metadata.published);
  if (published !== undefined) page.published = published;
  if (metadata.canonicalUrl !== undefined) page.canonicalUrl = metadata.canonicalUrl;
  return page;
}

interface ReadabilityResult {
  title: string | null | undefined;
  content: DomNode;
  byline: string | null | undefined;
  siteName: string | null | undefined;
  publishedTime: string | null | undefined;
}

function readArticle(document: unknown): ReadabilityResult | undefined {
  try {
    const reader = new Readability<DomNode>(document as ConstructorParameters<typeof Readability>[0], {
      // Readability refuses (throws) rather than score a document larger than this.
      maxElemsToParse: MAX_PAGE_ELEMENTS,
      // The article node itself, not its HTML: no serialize-and-reparse before text extraction.
      serializer: (node) => node as DomNode,
    });
    const parsed = reader.parse();
    if (parsed === null || parsed.content === null || parsed.content === undefined) return undefined;
    return { ...parsed, content: parsed.content };
  } catch {
    return undefined;
  }
}

/** "By Ana Lund", "Von Ana Lund", "Par Ana Lund": the name is the byline. */
const BYLINE_PREFIX = /^(?:by|von|par|por|di|door|av|af)\s+/i;

function noArticle(reason: NoArticle['reason']): NoArticle {
  return { kind: 'no_article', reason };
}

function parseDate(text: string | null | undefined): Date | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
