/**
 * Assembling a FeedItem from what one format found, with the rules every format shares: which
 * body wins, when an item is only a teaser, and a headline for items that have no title.
 */
import type { FeedItem } from './types.js';

export interface ItemParts {
  guid: string;
  url: string | undefined;
  headline: string;
  /** The full content's paragraphs (content:encoded, Atom content, content_html/_text). */
  content: string[];
  /** The description or summary's paragraphs. */
  summary: string[];
  published: Date | undefined;
  author: string;
  /** ISO 639-1 code declared by the item, else by its feed. */
  language: string | undefined;
}

/**
 * A description this long is the article itself (many feeds put the full text there); shorter
 * ones are excerpts, and the page has the article. Excerpts run to a paragraph of 55 words.
 */
const FULL_TEXT_MIN_CHARS = 800;
const FULL_TEXT_MIN_PARAGRAPHS = 3;
const DERIVED_HEADLINE_MAX_CHARS = 100;

/** The item, or undefined when the feed entry says nothing at all. */
export function assembleItem(parts: ItemParts): FeedItem | undefined {
  const hasContent = parts.content.length > 0;
  const body = hasContent ? parts.content : parts.summary;
  const headline = parts.headline !== '' ? parts.headline : derivedHeadline(body);
  if (headline === '' && body.length === 0 && parts.url === undefined) return undefined;
  const item: FeedItem = { headline, body, isTeaser: !hasContent && !isFullText(parts.summary) };
  // Optional fields are left out, not undefined, so stored items compare and serialize cleanly.
  if (parts.guid !== '') item.guid = parts.guid;
  if (parts.url !== undefined) item.url = parts.url;
  if (parts.published !== undefined) item.published = parts.published;
  if (parts.author !== '') item.author = parts.author;
  if (parts.language !== undefined) item.language = parts.language;
  return item;
}

function isFullText(paragraphs: readonly string[]): boolean {
  const chars = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
  return paragraphs.length >= FULL_TEXT_MIN_PARAGRAPHS || chars >= FULL_TEXT_MIN_CHARS;
}

/** A title-less item (a JSON Feed micro-post) is headed by its first sentence or words. */
function derivedHeadline(body: readonly string[]): string {
  const first = body[0] ?? '';
  const sentence = /^.+?[.!?](?=\s|$)/u.exec(first)?.[0] ?? first;
  if (sentence.length <= DERIVED_HEADLINE_MAX_CHARS) return sentence;
  const cut = sentence.slice(0, DERIVED_HEADLINE_MAX_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
