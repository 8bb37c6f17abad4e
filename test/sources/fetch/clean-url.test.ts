import { describe, expect, it } from 'vitest';
import { cleanUrl } from '../../../src/sources/fetch/clean-url.js';

describe('cleanUrl', () => {
  it.each([
    ['https://news.example/a?utm_source=x&utm_medium=y&utm_campaign=z', 'https://news.example/a'],
    ['https://news.example/a?id=7&utm_source=x', 'https://news.example/a?id=7'],
    ['https://news.example/a?UTM_Source=x&id=7', 'https://news.example/a?id=7'],
    ['https://news.example/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2', 'https://news.example/a'],
    ['https://news.example/a?ref_src=twsrc%5Etfw&igshid=xyz&page=2', 'https://news.example/a?page=2'],
    ['https://news.example/a?msclkid=1&yclid=2&dclid=3&gbraid=4&wbraid=5&_hsenc=6&_hsmi=7&mkt_tok=8', 'https://news.example/a'],
    ['https://news.example/a#comments', 'https://news.example/a'],
    ['https://news.example/a?utm_source=x#top', 'https://news.example/a'],
  ])('GIVEN %s THEN tracking parameters and the fragment go: %s', (input, expected) => {
    expect(cleanUrl(input)).toBe(expected);
  });

  it('GIVEN other parameters THEN they stay byte for byte and in order', () => {
    expect(cleanUrl('https://news.example/search?q=a+b%20c&utm_term=x&lang=fr&empty=&flag')).toBe(
      'https://news.example/search?q=a+b%20c&lang=fr&empty=&flag',
    );
  });

  it('GIVEN parameters that merely start like trackers THEN they stay', () => {
    expect(cleanUrl('https://news.example/a?utmost=1&reference=2&ref=3')).toBe('https://news.example/a?utmost=1&reference=2&ref=3');
  });

  it('GIVEN an encoded tracker name THEN it is recognised', () => {
    expect(cleanUrl('https://news.example/a?utm%5Fsource=x&id=1')).toBe('https://news.example/a?id=1');
  });

  it('GIVEN no query THEN the URL is only normalised', () => {
    expect(cleanUrl('HTTPS://News.Example/a/b')).toBe('https://news.example/a/b');
  });

  it('GIVEN text that is not a URL THEN it comes back unchanged', () => {
    expect(cleanUrl('not a url')).toBe('not a url');
  });
});
