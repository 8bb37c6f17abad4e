/**
 * Page furniture Readability keeps when it sits inside the article's container: inline ads,
 * newsletter and cookie boxes, share bars, hidden elements. Removed by their conventional class,
 * id and ARIA markers before scoring.
 */
import type { DomDocument } from '../dom.js';

const MARKERS = ['ad', 'ads', 'advert', 'advertisement', 'sponsored', 'promo', 'newsletter', 'cookie', 'consent', 'paywall', 'share', 'social', 'related', 'comments'];

const SELECTOR = [
  ...MARKERS.flatMap((marker) => [`[class~="${marker}"]`, `[id="${marker}"]`, `[class^="${marker}-"]`, `[class*=" ${marker}-"]`]),
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="complementary"]',
  '[role="navigation"]',
  '[role="dialog"]',
  'nav',
  'aside',
  'footer',
  'form',
].join(',');

/**
 * A box holding this share of the page's text is a layout wrapper with an unlucky class name
 * ("social-layout"), not furniture: removing it would remove the article.
 */
const MAX_SHARE_OF_TEXT = 1 / 3;

/** Each check reads the box's text; a page of thousands of nested "ad" boxes must stay linear-ish. */
const MAX_CANDIDATES = 500;

export function removeBoilerplate(document: DomDocument): void {
  const found = Array.from(document.querySelectorAll(SELECTOR)).slice(0, MAX_CANDIDATES);
  const pageText = document.body?.textContent?.length ?? 0;
  for (const element of found) {
    if ((element.textContent?.length ?? 0) < pageText * MAX_SHARE_OF_TEXT) element.remove();
  }
}
