/**
 * The beginning of a very long XML feed, cut after an item so that it stays well-formed. Parsing
 * runs on the event loop every user shares: a 4.9 MB feed of 6,000 items took about a second,
 * and Herald keeps only the newest 500 items of a feed anyway (feeds list newest first).
 */

/** Items of one feed that Herald reads; the same as the default retention of a feed. */
export const MAX_FEED_ITEMS = 500;
/**
 * Characters of feed text parsed at most (cut after the last whole item within). Turning item HTML
 * into text costs about as much per character as the XML parse; together ~0.1–0.3 s here. The
 * items cut off are the oldest: a first poll would not digest them, later polls see new ones.
 */
export const MAX_PARSED_CHARS = 512 * 1024;
/**
 * Items kept beyond the limit when cutting: "</item>" quoted inside an item's CDATA counts as a
 * close, so a few spare ones keep the 500 whole; the parsed items are cut to the limit after.
 */
const SPARE_ITEMS = 16;

const ITEM_CLOSE: Readonly<Record<string, string>> = { rss: '</item>', rdf: '</item>', atom: '</entry>' };
// Atom entries and RDF items are children of the root; RSS items are inside <channel>.
const AFTER_ITEMS: Readonly<Record<string, string>> = { rss: '</channel></rss>', rdf: '</rdf:RDF>', atom: '</feed>' };

/**
 * `xml` up to the end of its (MAX_FEED_ITEMS + spare)th item or its last whole item within
 * MAX_PARSED_CHARS, closed again; `xml` itself when it is shorter or has no item end to cut at.
 */
export function firstItems(xml: string, format: 'rss' | 'rdf' | 'atom'): string {
  const close = ITEM_CLOSE[format] as string;
  let cut = -1;
  let count = 0;
  let at = xml.indexOf(close);
  while (at >= 0 && at + close.length <= MAX_PARSED_CHARS) {
    cut = at + close.length;
    if (++count >= MAX_FEED_ITEMS + SPARE_ITEMS) break;
    at = xml.indexOf(close, cut);
  }
  if (cut < 0 || (count < MAX_FEED_ITEMS + SPARE_ITEMS && xml.length <= MAX_PARSED_CHARS)) return xml;
  return `${xml.slice(0, cut)}${AFTER_ITEMS[format] as string}`;
}
