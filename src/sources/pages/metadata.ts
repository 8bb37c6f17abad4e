/**
 * What a page says about itself in its head: canonical address, publication time, site name.
 * Read before Readability runs, because Readability rewrites the document it is given.
 */
import type { DomDocument } from '../dom.js';
import { absoluteUrl } from '../urls.js';

export interface PageMetadata {
  canonicalUrl?: string;
  siteName?: string;
  published?: string;
  /** The language tag the page declares, as written ("de-AT", "en_GB"). */
  language?: string;
}

/** Publication time, most specific first (Open Graph article, then the common alternatives). */
const PUBLISHED_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[property="og:article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
];

export function readMetadata(document: DomDocument, pageUrl: string): PageMetadata {
  const metadata: PageMetadata = {};
  const canonical =
    absoluteUrl(attribute(document, 'link[rel~="canonical"]', 'href'), pageUrl) ??
    absoluteUrl(attribute(document, 'meta[property="og:url"]', 'content'), pageUrl);
  if (canonical !== undefined) metadata.canonicalUrl = canonical;
  const siteName = attribute(document, 'meta[property="og:site_name"]', 'content');
  if (siteName !== '') metadata.siteName = siteName;
  for (const selector of PUBLISHED_SELECTORS) {
    const published = attribute(document, selector, 'content');
    if (published !== '') {
      metadata.published = published;
      break;
    }
  }
  const language = declaredLanguage(document);
  if (language !== '') metadata.language = language;
  return metadata;
}

/** <html lang> is what browsers and screen readers go by; og:locale and Content-Language stand in. */
function declaredLanguage(document: DomDocument): string {
  const root = document.documentElement;
  const lang = (root?.getAttribute('lang') ?? root?.getAttribute('xml:lang') ?? '').trim();
  if (lang !== '') return lang;
  const locale = attribute(document, 'meta[property="og:locale"]', 'content');
  if (locale !== '') return locale;
  // "de, en" names several; the first is the main one.
  return attribute(document, 'meta[http-equiv="content-language" i]', 'content').split(',')[0]?.trim() ?? '';
}

function attribute(document: DomDocument, selector: string, name: string): string {
  return document.querySelector(selector)?.getAttribute(name)?.trim() ?? '';
}
