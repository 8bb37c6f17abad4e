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
  return metadata;
}

function attribute(document: DomDocument, selector: string, name: string): string {
  return document.querySelector(selector)?.getAttribute(name)?.trim() ?? '';
}
