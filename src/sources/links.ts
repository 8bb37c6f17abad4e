/**
 * An http(s) URL used as an article: the page is fetched, its main text extracted, and the result
 * kept in the configured store for a while, so asking again (another language, a quote) does not
 * fetch the page again.
 */
import type Keyv from 'keyv';
import type { Article } from '../articles/types.js';
import type { LinkRefusal } from '../error-codes.js';
import { UserError } from '../errors.js';
import { cleanUrl } from './fetch/clean-url.js';
import { PAGE_ACCEPT } from './fetch/headers.js';
import type { Fetcher } from './fetch/index.js';
import { feedArticleId, siteSlug } from './feed-store/article-id.js';
import { feedArticle } from './feed-store/feed-article.js';
import type { StoredItem } from './feed-store/types.js';

/** How long a fetched page is reused before it is fetched again. */
const REUSE_MS = 6 * 3_600_000;
/** Pages kept in memory besides the store. */
const MEMORY_PAGES = 200;

/** Whether a reference is a web address rather than an id or headline words. */
export function isHttpUrl(ref: string): boolean {
  return /^https?:\/\/\S+$/i.test(ref.trim());
}

interface StoredLink {
  item: StoredItem;
  fetchedAt: number;
}

export class LinkArticles {
  private readonly memory = new Map<string, StoredLink>();

  constructor(
    private readonly fetcher: Fetcher,
    private readonly keyv: Keyv | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The article at `ref`, fetched (or reused when fetched lately).
   * @throws UserError link_refused (private address, not found, timed out, no article text, unreachable)
   */
  async article(ref: string): Promise<Article> {
    const url = cleanUrl(ref.trim());
    const known = this.memory.get(url) ?? (await this.keyv?.get<StoredLink>(url));
    if (known && this.now() - known.fetchedAt < REUSE_MS) return feedArticle(known.item);
    const page = await this.fetcher.fetch(url, { accept: PAGE_ACCEPT });
    if (page.kind !== 'ok') throw new UserError('link_refused', { url, reason: refusalOf(page) });
    const { extractPage } = await import('./pages/extract.js');
    const extracted = extractPage(page.body, { url: page.url });
    if ('kind' in extracted) throw new UserError('link_refused', { url, reason: 'no_article' });
    const at = this.now();
    const item: StoredItem = {
      id: feedArticleId({ site: siteSlug(url), headline: extracted.headline, identity: url }),
      url,
      feedHash: '',
      headline: extracted.headline,
      paragraphs: extracted.paragraphs,
      ...(extracted.siteName ? { site: extracted.siteName } : {}),
      ...(extracted.published ? { published: extracted.published.getTime() } : {}),
      firstSeen: at,
      ...(extracted.language === undefined ? {} : { language: extracted.language }),
    };
    const link: StoredLink = { item, fetchedAt: at };
    this.remember(url, link);
    await this.keyv?.set(url, link, REUSE_MS);
    return feedArticle(item);
  }

  private remember(url: string, link: StoredLink): void {
    this.memory.delete(url);
    this.memory.set(url, link);
    if (this.memory.size > MEMORY_PAGES) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
  }
}

function refusalOf(result: { kind: 'not_modified' } | { kind: 'refused'; reason: string } | { kind: 'failed'; reason: string }): LinkRefusal {
  if (result.kind === 'refused') return result.reason === 'private_address' ? 'private_address' : 'not_http';
  if (result.kind === 'failed' && result.reason === 'not_found') return 'not_found';
  if (result.kind === 'failed' && result.reason === 'timeout') return 'timed_out';
  if (result.kind === 'failed' && result.reason === 'certificate') return 'certificate';
  return 'unreachable';
}
