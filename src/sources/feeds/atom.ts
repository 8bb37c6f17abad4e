/** Atom entries: links by relation, xml:base for relative references, typed text constructs. */
import { absoluteUrl, asArray, attributeOf, firstText, isRaw, languageCode, nestedBase, parseDate, textOf, type Raw } from './fields.js';
import { assembleItem } from './item.js';
import { atomParagraphs } from './text.js';
import type { Feed, FeedItem } from './types.js';

/** The feed from a parsed Atom feed element and its raw entries. */
export function atomFeed(raw: Raw, entries: readonly unknown[], feedUrl: string): Feed {
  const base = nestedBase(textOf(raw['@_xml:base']), feedUrl);
  const feed: Feed = { title: textConstruct(raw.title).join(' '), items: [] };
  const siteUrl = alternateLink(raw.link, base);
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  const language = languageCode(textOf(raw['@_xml:lang']));
  if (language !== undefined) feed.language = language;
  for (const entry of entries) {
    if (!isRaw(entry)) continue;
    const item = atomItem(entry, base, language);
    if (item !== undefined) feed.items.push(item);
  }
  return feed;
}

function atomItem(raw: Raw, feedBase: string, feedLanguage: string | undefined): FeedItem | undefined {
  const base = nestedBase(textOf(raw['@_xml:base']), feedBase);
  return assembleItem({
    guid: textOf(raw.id),
    url: alternateLink(raw.link, base),
    headline: textConstruct(raw.title).join(' '),
    content: textConstruct(raw.content),
    summary: textConstruct(raw.summary),
    // News is dated by publication; "updated" moves with every typo fix.
    published: parseDate(firstText(raw, 'published', 'issued', 'updated', 'modified')),
    author: asArray(raw.author)
      .map((author) => (isRaw(author) ? textOf(author.name) : textOf(author)))
      .filter((name) => name !== '')
      .join(', '),
    // xml:lang is inherited, like xml:base.
    language: languageCode(textOf(raw['@_xml:lang'])) ?? feedLanguage,
  });
}

/** The page an entry or feed stands for: rel="alternate" (the default), HTML first. */
function alternateLink(links: unknown, base: string): string | undefined {
  const alternates = asArray(links).filter((link) => {
    const rel = attributeOf(link, 'rel');
    return rel === '' || rel === 'alternate';
  });
  const html = alternates.find((link) => /html/i.test(attributeOf(link, 'type'))) ?? alternates[0];
  const href = typeof html === 'string' ? html.trim() : attributeOf(html, 'href');
  return absoluteUrl(href, base);
}

function textConstruct(value: unknown): string[] {
  return atomParagraphs(textOf(value), attributeOf(value, 'type'));
}
