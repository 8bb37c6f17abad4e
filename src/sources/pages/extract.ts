/**
 * A web page's main article as plain paragraphs, with Readability on linkedom (no scripts run,
 * nothing fetched). Pages without a readable article (script-rendered, paywalled, too large)
 * are an answer, not an error: the caller keeps the feed's teaser.
 */
import { Readability } from '@mozilla/readability';
import { languageFromLocale } from '../../languages/index.js';
import { depthExceeds, markupDepthExceeds, parseHtmlDocument, tagLimitIndex, type DomNode } from '../dom.js';
import { htmlToLine, nodeToParagraphs } from '../html-text.js';
import { removeBoilerplate } from './boilerplate.js';
import { readMetadata } from './metadata.js';
import { stripNonText } from './strip.js';

export interface PageArticle {
  headline: string;
  paragraphs: string[];
  siteName?: string;
  byline?: string;
  published?: Date;
  canonicalUrl?: string;
  /** ISO 639-1 code of the language the page declares: a hint for detection. */
  language?: string;
}

export interface NoArticle {
  kind: 'no_article';
  reason: 'no_content' | 'too_large' | 'too_many_elements' | 'too_deep';
}

export type ExtractedPage = PageArticle | NoArticle;

/** News pages weigh 100-800 KB of HTML; beyond this a page is refused before parsing. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * Elements a page may have once scripts and styles are gone, bounding the parse: heavy news pages
 * have 3,000-15,000, and linkedom parses 40,000 in about 300 ms (60,000 nested: over 2 s).
 */
export const MAX_PAGE_ELEMENTS = 40_000;

/**
 * Elements Readability may score once navigation, ads and other furniture are removed. Its cost
 * grows faster than linearly: 20,000 take about half a second.
 */
export const MAX_READABLE_ELEMENTS = 15_000;

/**
 * Nesting depth a page may have. Real pages nest 20-60 deep; Readability's scoring grows
 * polynomially with depth (1,000 nested elements: 5 s, 2,000: 34 s on a shared core).
 */
export const MAX_PAGE_DEPTH = 200;

/** Less body text than this is a teaser, a paywall notice or a "please enable JavaScript". */
const MIN_ARTICLE_CHARS = 400;

export function extractPage(html: string, { url }: { url: string }): ExtractedPage {
  if (html.length > MAX_PAGE_BYTES || Buffer.byteLength(html, 'utf8') > MAX_PAGE_BYTES) return noArticle('too_large');
  if (!/<[a-z!]/i.test(html.slice(0, 4096))) return noArticle('no_content');
  const markup = stripNonText(html);
  if (tagLimitIndex(markup, MAX_PAGE_ELEMENTS) >= 0) return noArticle('too_many_elements');
  // The estimate is loose (browsers close some elements on their own), the check after parsing exact.
  if (markupDepthExceeds(markup, MAX_PAGE_DEPTH * 5)) return noArticle('too_deep');

  const document = parseHtmlDocument(markup);
  if (document.documentElement === null) return noArticle('no_content');
  if (depthExceeds(document.documentElement, MAX_PAGE_DEPTH)) return noArticle('too_deep');
  const metadata = readMetadata(document, url);
  removeBoilerplate(document);
  // Counted here, not left to Readability's maxElemsToParse: it counts getElementsByTagName('*'),
  // which is always empty on linkedom, so that bound never triggers.
  if (document.querySelectorAll('*').length > MAX_READABLE_ELEMENTS) return noArticle('too_many_elements');
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
  const language = metadata.language === undefined ? undefined : languageFromLocale(metadata.language)?.code;
  if (language !== undefined) page.language = language;
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
      // Ineffective on linkedom (see above); set in case a later linkedom counts elements.
      maxElemsToParse: MAX_READABLE_ELEMENTS,
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
