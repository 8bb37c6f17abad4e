/** RSS, RDF and Atom documents through @extractus/feed-extractor (on fast-xml-parser). */
import { extractFromXml } from '@extractus/feed-extractor';
import { atomFeed } from './atom.js';
import { firstItems, MAX_FEED_ITEMS } from './first-items.js';
import { stripDoctype } from './doctype.js';
import { isRaw, type Raw } from './fields.js';
import { rssFeed } from './rss.js';
import { atomParagraphs } from './text.js';
import type { Feed, FeedFailure } from './types.js';

type Format = 'rss' | 'rdf' | 'atom';
const FORMATS: Readonly<Record<string, Format>> = { rss: 'rss', 'rdf:RDF': 'rdf', feed: 'atom' };

const PARSER_OPTIONS = {
  // Titles like "2024" and guids like "0042" are text, not numbers.
  parseTagValue: false,
  // Atom content and summary stay unparsed: type="xhtml" is markup, which the parser would
  // otherwise split into objects and lose the word order of.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
  // With the DOCTYPE removed only XML's five escapes and character references remain; HTML
  // entities are decoded with the HTML later, once.
  htmlEntities: false,
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxExpansionDepth: 1 },
};

export function parseXmlFeed(text: string, feedUrl: string): Feed | FeedFailure {
  const stripped = stripDoctype(text);
  if (!stripped.ok) return { kind: 'malformed', detail: 'unterminated DOCTYPE' };
  const root = rootElement(stripped.xml);
  const format = root === undefined ? undefined : FORMATS[root];
  if (format === undefined) return { kind: 'not_a_feed', detail: root === undefined ? 'no root element' : `<${root}> document` };

  const cut = firstItems(stripped.xml, format);
  const parsed = parseXml(cut, format, feedUrl);
  // The cut may land on "</item>" quoted inside text; the whole feed is then parsed as before.
  if ('kind' in parsed && cut !== stripped.xml) return parseXml(stripped.xml, format, feedUrl);
  return parsed;
}

function parseXml(xml: string, format: Format, feedUrl: string): Feed | FeedFailure {
  let container: Raw | undefined;
  const entries: Raw[] = [];
  try {
    extractFromXml(xml, {
      descriptionMaxLen: 0,
      useISODateFormat: false,
      xmlParserOptions: PARSER_OPTIONS,
      getExtraFeedFields: (raw) => {
        container = raw;
        return {};
      },
      getExtraEntryFields: (raw) => {
        entries.push(raw);
        return {};
      },
    });
  } catch (error) {
    const message = (error as Error).message;
    // The library recognizes Atom only by its entries; a new blog's empty feed is still a feed.
    if (format === 'atom' && message === 'Unrecognized feed format') return { title: emptyAtomTitle(xml), items: [] };
    return { kind: /well-formed/.test(message) ? 'malformed' : 'not_a_feed', detail: message };
  }
  if (container === undefined) return { kind: 'not_a_feed' };
  const kept = entries.slice(0, MAX_FEED_ITEMS);
  if (format === 'atom') return atomFeed(container, kept, feedUrl);
  const channel = format === 'rdf' ? container.channel : container;
  return rssFeed(isRaw(channel) ? channel : {}, kept, feedUrl);
}

/** The name of the document's first element, skipping the declaration, comments and PIs. */
function rootElement(xml: string): string | undefined {
  let at = 0;
  for (;;) {
    at = xml.indexOf('<', at);
    if (at < 0) return undefined;
    const next = xml.charAt(at + 1);
    if (next === '?') at = xml.indexOf('?>', at);
    else if (xml.startsWith('<!--', at)) at = xml.indexOf('-->', at);
    else if (next === '!') at = xml.indexOf('>', at);
    else return /^[^\s/>]+/.exec(xml.slice(at + 1, at + 200))?.[0];
    if (at < 0) return undefined;
  }
}

function emptyAtomTitle(xml: string): string {
  const start = xml.indexOf('<title');
  const open = start < 0 ? -1 : xml.indexOf('>', start);
  const end = open < 0 ? -1 : xml.indexOf('</title>', open);
  return end < 0 ? '' : atomTitleText(xml.slice(open + 1, end), xml.slice(start, open));
}

function atomTitleText(raw: string, openTag: string): string {
  const type = /type\s*=\s*["']([^"']*)["']/.exec(openTag)?.[1] ?? '';
  return atomParagraphs(raw, type).join(' ');
}
