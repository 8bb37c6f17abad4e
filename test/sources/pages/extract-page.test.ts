import { describe, expect, it } from 'vitest';
import { extractPage, MAX_PAGE_BYTES, MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS, MAX_READABLE_ELEMENTS, type ExtractedPage, type PageArticle } from '../../../src/sources/pages/extract.js';
import { fixture, hasMarkup } from '../fixture.js';

function article(result: ExtractedPage): PageArticle {
  if ('kind' in result) throw new Error(`expected an article, got ${result.kind}`);
  return result;
}

const BOILERPLATE = ['COOKIE', 'NAV-', 'ADVERT', 'RELATED', 'COMMENT', 'MOST-READ', 'FOOTER', 'SHARE-', 'TRACKING-SCRIPT', 'STYLE-RULES', 'Accept all'];

describe('extractPage: a boilerplate-heavy article page', () => {
  const page = article(extractPage(fixture('page-boilerplate.html'), { url: 'https://coastline.example/news/lighthouse' }));

  it('GIVEN navigation, ads, related links, comments and a cookie banner THEN only the body comes out', () => {
    const text = JSON.stringify(page);
    for (const marker of BOILERPLATE) expect(text, marker).not.toContain(marker);
    expect(page.paragraphs).toHaveLength(5);
    expect(page.paragraphs[0]).toMatch(/^After four decades of climbing the 112 steps/);
    expect(page.paragraphs[4]).toMatch(/say thank you\.$/);
  });

  it('THEN reads headline, site name and byline', () => {
    expect(page.headline).toBe('Lighthouse keeper retires after 40 years');
    expect(page.siteName).toBe('Coastline Daily');
    expect(page.byline).toBe('Ana Lund');
  });

  it('THEN no markup or entity survives', () => {
    expect(hasMarkup(page)).toBe(false);
  });
});

describe('extractPage: furniture markers', () => {
  it('GIVEN the article inside a wrapper with a furniture-like class THEN the body is kept', () => {
    const html = fixture('page-metadata.html').replace('<article>', '<div class="social-layout"><article>').replace('</article>', '</article></div>');
    expect(article(extractPage(html, { url: 'https://rail.example/a' })).paragraphs).toHaveLength(4);
  });
});

describe('extractPage: metadata', () => {
  const url = 'https://rail.example/2024/06/night-trains-return?utm_source=share';

  it('GIVEN og, article and canonical tags THEN reads them, canonical made absolute', () => {
    const page = article(extractPage(fixture('page-metadata.html'), { url }));
    expect(page).toMatchObject({
      headline: 'Night trains return to the northern line',
      siteName: 'Rail Review',
      byline: 'Kai Berg',
      canonicalUrl: 'https://rail.example/2024/06/night-trains-return',
    });
    expect(page.published?.toISOString()).toBe('2024-06-03T04:00:00.000Z');
    expect(page.paragraphs).toHaveLength(4);
  });

  it('GIVEN only JSON-LD dates it THEN published comes from datePublished', () => {
    const html = fixture('page-metadata.html').replace(/<meta property="article:published_time"[^>]*>/, '');
    expect(article(extractPage(html, { url })).published?.toISOString()).toBe('2024-06-03T04:00:00.000Z');
  });

  it('GIVEN no canonical link THEN og:url stands in; a javascript: canonical is ignored', () => {
    const withoutCanonical = fixture('page-metadata.html').replace(/<link rel="canonical"[^>]*>/, '');
    expect(article(extractPage(withoutCanonical, { url })).canonicalUrl).toBe('https://rail.example/2024/06/night-trains-return?utm_source=og');
    const hostile = fixture('page-metadata.html')
      .replace('href="/2024/06/night-trains-return"', 'href="javascript:alert(1)"')
      .replace(/<meta property="og:url"[^>]*>/, '');
    expect(article(extractPage(hostile, { url })).canonicalUrl).toBeUndefined();
  });

  it('GIVEN <html lang> THEN the page declares that language, as an ISO 639-1 code', () => {
    expect(article(extractPage(fixture('page-metadata.html'), { url })).language).toBe('en');
    const austrian = fixture('page-metadata.html').replace('<html lang="en">', '<html lang="de-AT">');
    expect(article(extractPage(austrian, { url })).language).toBe('de');
  });

  it('GIVEN no html lang THEN og:locale, then Content-Language, declare it; none or nonsense THEN no language field', () => {
    const bare = fixture('page-metadata.html').replace('<html lang="en">', '<html>');
    const withMeta = (meta: string) => bare.replace('<meta charset="utf-8">', `<meta charset="utf-8">${meta}`);
    expect(article(extractPage(withMeta('<meta property="og:locale" content="fr_FR">'), { url })).language).toBe('fr');
    expect(article(extractPage(withMeta('<meta http-equiv="Content-Language" content="nl-BE, en">'), { url })).language).toBe('nl');
    expect('language' in article(extractPage(bare, { url }))).toBe(false);
    expect('language' in article(extractPage(bare.replace('<html>', '<html lang="x-klingon-please">'), { url }))).toBe(false);
  });
});

describe('extractPage: pages without an article', () => {
  it('GIVEN a script-rendered, paywalled page THEN no_article, never an error', () => {
    expect(extractPage(fixture('page-paywall.html'), { url: 'https://ledger.example/water' })).toEqual({ kind: 'no_article', reason: 'no_content' });
  });

  it('GIVEN an empty page or text that is not HTML THEN no_article', () => {
    expect(extractPage('', { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'no_content' });
    expect(extractPage('%PDF-1.7 binary', { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'no_content' });
  });

  it('GIVEN a page over the size cap THEN no_article without parsing it', () => {
    const huge = `<html><body><article>${'<p>word </p>'.repeat(MAX_PAGE_BYTES / 10)}</article></body></html>`;
    expect(extractPage(huge, { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'too_large' });
  });

  it('GIVEN more elements than the parse bound THEN no_article', () => {
    const many = `<html><body><article>${'<span>w</span>'.repeat(60_000)}</article></body></html>`;
    expect(extractPage(many, { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'too_many_elements' });
  });
});

describe('extractPage: bounds', () => {
  it('GIVEN elements nested deeper than real pages nest THEN no_article before Readability scores them', () => {
    const paragraph = '<p>Words enough to look like an article paragraph to a scorer that counts commas, and more.</p>';
    const deep = `<html><body>${'<div>'.repeat(MAX_PAGE_DEPTH + 10)}${paragraph.repeat(20)}${'</div>'.repeat(MAX_PAGE_DEPTH + 10)}</body></html>`;
    expect(extractPage(deep, { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'too_deep' });
  });

  it('GIVEN tens of thousands of nested elements THEN no_article without parsing them', () => {
    const deep = `<html><body>${'<div>'.repeat(30_000)}x${'</div>'.repeat(30_000)}</body></html>`;
    expect(extractPage(deep, { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'too_deep' });
  });

  it('GIVEN many paragraphs and list items left unclosed, as HTML allows THEN they do not count as nesting', () => {
    const body = fixture('page-metadata.html').replace('</article>', `<ul>${'<li>point'.repeat(1_500)}</ul></article>`);
    expect('kind' in extractPage(body, { url: 'https://rail.example/a' })).toBe(false);
  });

  it('GIVEN markup quoted inside scripts THEN it neither counts against the element bound nor reaches the text', () => {
    const script = `<script>var t = "${'<div>'.repeat(MAX_PAGE_ELEMENTS)}";</script>`;
    const html = fixture('page-metadata.html').replace('</head>', `${script}</head>`);
    const page = article(extractPage(html, { url: 'https://rail.example/a' }));
    expect(page.paragraphs).toHaveLength(4);
    expect(page.published?.toISOString()).toBe('2024-06-03T04:00:00.000Z');
  });

  it('GIVEN more elements than Readability may score after furniture is removed THEN no_article', () => {
    const many = `<html><body><article>${'<p>w</p>'.repeat(MAX_READABLE_ELEMENTS + 100)}</article></body></html>`;
    expect(extractPage(many, { url: 'https://x.example/' })).toEqual({ kind: 'no_article', reason: 'too_many_elements' });
  });
});
