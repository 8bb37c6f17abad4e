/** What a feed says, as plain text: no markup reaches Herald from here. */

export interface FeedItem {
  /** The item's own identifier (RSS guid, Atom id, JSON Feed id, RDF about), as given. */
  guid?: string;
  /** The item's page, absolute (resolved against xml:base, the site or the feed URL). */
  url?: string;
  headline: string;
  /** Plain-text paragraphs; the full content when the feed carries it, else its teaser. */
  body: string[];
  /** True when the feed gave only a short description or summary: the page has the article. */
  isTeaser: boolean;
  published?: Date;
  author?: string;
  /** ISO 639-1 code the item declares, else its feed: a hint for detection, see detectLanguage. */
  language?: string;
}

export interface Feed {
  title: string;
  siteUrl?: string;
  /** ISO 639-1 code of the feed's declared language (RSS language, dc:language, xml:lang, JSON Feed language). */
  language?: string;
  items: FeedItem[];
}

/**
 * Why a text is not a feed Herald reads: not one at all (a web page, other XML or JSON), broken
 * (it claims to be XML or JSON and is not well-formed), or larger than any feed should be.
 */
export interface FeedFailure {
  kind: 'not_a_feed' | 'malformed' | 'too_large';
  detail?: string;
}
