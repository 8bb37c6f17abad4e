import { createHash } from 'node:crypto';
import { foldText } from '../../text/fold.js';

/** Discord's limit for a choice value, and so for every id an autocomplete may offer. */
export const MAX_ARTICLE_ID = 100;
const SITE_CHARS = 30;
const HASH_CHARS = 8;

/** Lower-case ASCII words joined by '-': "Ford führt E-Autos ein" → "ford-fuhrt-e-autos-ein". */
export function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "www.tagesschau.de" → "tagesschau-de"; '' for text that is not a URL. */
export function siteSlug(url: string | undefined): string {
  if (url === undefined) return '';
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return slug(host).slice(0, SITE_CHARS).replace(/-+$/, '');
  } catch {
    return '';
  }
}

/**
 * A feed article's id: readable (site and headline words), stable (the same item always gets the
 * same id, so links and autocomplete values keep working) and at most 100 characters. The short
 * hash of the item's identity keeps two items with one headline apart.
 */
export function feedArticleId(parts: { site: string; headline: string; identity: string }): string {
  const hash = createHash('sha256').update(parts.identity).digest('hex').slice(0, HASH_CHARS);
  const prefix = parts.site === '' ? 'feed' : parts.site;
  const room = MAX_ARTICLE_ID - prefix.length - HASH_CHARS - 2;
  let words = slug(parts.headline);
  if (words.length > room) {
    // Cut at a word boundary where there is one, so ids do not end in half a word.
    const cut = words.slice(0, room);
    const boundary = cut.lastIndexOf('-');
    words = boundary > room / 2 ? cut.slice(0, boundary) : cut;
  }
  return [prefix, words, hash].filter((part) => part !== '').join('-');
}
