/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org): plain-text titles and summaries, HTML content. */
import { extractFromJson } from '@extractus/feed-extractor';
import { htmlToParagraphs, textToParagraphs } from '../html-text.js';
import { absoluteUrl, asArray, isRaw, languageCode, parseDate, textOf, type Raw } from './fields.js';
import { MAX_FEED_ITEMS } from './first-items.js';
import { assembleItem } from './item.js';
import { plainLine } from './text.js';
import type { Feed, FeedFailure, FeedItem } from './types.js';

const VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/;

export function parseJsonFeed(text: string, feedUrl: string): Feed | FeedFailure {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', detail: (error as Error).message };
  }
  if (!isRaw(data) || !VERSION.test(textOf(data.version)) || !Array.isArray(data.items)) return { kind: 'not_a_feed' };
  const entries: Raw[] = [];
  // The library validates nothing a JSON Feed needs; its entry hook hands over each raw item.
  extractFromJson(data, {
    descriptionMaxLen: 0,
    useISODateFormat: false,
    getExtraEntryFields: (entry) => {
      entries.push(entry);
      return {};
    },
  });
  const feed: Feed = { title: plainLine(textOf(data.title)), items: [] };
  const siteUrl = absoluteUrl(textOf(data.home_page_url), feedUrl);
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  // JSON Feed 1.1's language, on the feed and on items.
  const language = languageCode(textOf(data.language));
  if (language !== undefined) feed.language = language;
  for (const entry of entries.slice(0, MAX_FEED_ITEMS)) {
    const item = jsonItem(entry, feedUrl, language);
    if (item !== undefined) feed.items.push(item);
  }
  return feed;
}

function jsonItem(raw: Raw, feedUrl: string, feedLanguage: string | undefined): FeedItem | undefined {
  const html = textOf(raw.content_html);
  return assembleItem({
    guid: textOf(raw.id),
    url: absoluteUrl(textOf(raw.url), feedUrl) ?? absoluteUrl(textOf(raw.external_url), feedUrl),
    headline: plainLine(textOf(raw.title)),
    content: html !== '' ? htmlToParagraphs(html) : textToParagraphs(textOf(raw.content_text)),
    summary: textToParagraphs(textOf(raw.summary)),
    published: parseDate(textOf(raw.date_published) || textOf(raw.date_modified)),
    author: authors(raw),
    language: languageCode(textOf(raw.language)) ?? feedLanguage,
  });
}

/** 1.1's "authors" list, else 1.0's single "author". */
function authors(raw: Raw): string {
  const list = asArray(raw.authors).length > 0 ? asArray(raw.authors) : asArray(raw.author);
  return list
    .map((author) => (isRaw(author) ? plainLine(textOf(author.name)) : ''))
    .filter((name) => name !== '')
    .join(', ');
}
