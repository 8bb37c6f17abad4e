/** RSS 0.9x, 2.0 and 1.0 (RDF) items: the same fields, with RDF's dates and identifiers. */
import { htmlToLine, htmlToParagraphs } from '../html-text.js';
import { absoluteUrl, attributeOf, firstText, isRaw, languageCode, parseDate, textOf, type Raw } from './fields.js';
import { assembleItem } from './item.js';
import type { Feed, FeedItem } from './types.js';

/** The feed from a parsed RSS channel (or RDF root) and its raw items. */
export function rssFeed(channel: Raw, entries: readonly unknown[], feedUrl: string): Feed {
  const siteUrl = absoluteUrl(textOf(channel.link), feedUrl);
  const language = declaredLanguage(channel);
  const feed: Feed = { title: htmlToLine(textOf(channel.title)), items: rssItems(entries, feedUrl, language) };
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  if (language !== undefined) feed.language = language;
  return feed;
}

/** RSS 2.0's language, or Dublin Core's (RSS 1.0 channels, and items in any RSS). */
function declaredLanguage(raw: Raw): string | undefined {
  return languageCode(firstText(raw, 'language', 'dc:language'));
}

function rssItems(entries: readonly unknown[], feedUrl: string, feedLanguage: string | undefined): FeedItem[] {
  const items: FeedItem[] = [];
  for (const raw of entries) {
    if (!isRaw(raw)) continue;
    const item = rssItem(raw, feedUrl, feedLanguage);
    if (item !== undefined) items.push(item);
  }
  return items;
}

function rssItem(raw: Raw, feedUrl: string, feedLanguage: string | undefined): FeedItem | undefined {
  const about = textOf(raw['@_rdf:about']);
  const guid = textOf(raw.guid) || about;
  // A guid is the item's permalink unless it says otherwise (RSS 2.0); RDF's about is one too.
  const permalink = attributeOf(raw.guid, 'isPermaLink').toLowerCase() === 'false' ? about : guid;
  return assembleItem({
    guid,
    url: absoluteUrl(textOf(raw.link), feedUrl) ?? absoluteUrl(permalink, undefined),
    headline: htmlToLine(textOf(raw.title)),
    content: htmlToParagraphs(textOf(raw['content:encoded'])),
    summary: htmlToParagraphs(textOf(raw.description)),
    published: parseDate(firstText(raw, 'pubDate', 'dc:date')),
    author: authorName(firstText(raw, 'dc:creator', 'author')),
    language: declaredLanguage(raw) ?? feedLanguage,
  });
}

/** RSS 2.0 authors are "email (Name)"; the name is what a reader knows them by. */
function authorName(author: string): string {
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(author)?.[1];
  return htmlToLine(named ?? author);
}
