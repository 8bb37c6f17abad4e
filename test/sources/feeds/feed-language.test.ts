import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../../src/sources/feeds/parse.js';
import type { Feed } from '../../../src/sources/feeds/types.js';
import { fixture } from '../fixture.js';

function feed(result: ParsedFeed): Feed {
  if ('kind' in result) throw new Error(`expected a feed, got ${result.kind}`);
  return result;
}

const url = 'https://news.example/feed';

function rss(channelExtra: string, itemExtra = ''): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title>${channelExtra}
    <item><title>One</title><link>https://news.example/1</link>${itemExtra}<description>First.</description></item>
    <item><title>Two</title><link>https://news.example/2</link><description>Second.</description></item></channel></rss>`;
}

describe('parseFeed: the language a feed declares', () => {
  it('GIVEN RSS <language>en-US</language> THEN the feed and every item say en', () => {
    const parsed = feed(parseFeed(rss('<language>en-US</language>'), { url }));
    expect(parsed.language).toBe('en');
    expect(parsed.items.map((item) => item.language)).toEqual(['en', 'en']);
  });

  it('GIVEN a channel dc:language and an item dc:language THEN the item\'s own wins for that item', () => {
    const parsed = feed(parseFeed(rss('<dc:language>de_DE</dc:language>', '<dc:language>fr-CA</dc:language>'), { url }));
    expect(parsed.items.map((item) => item.language)).toEqual(['fr', 'de']);
  });

  it('GIVEN an old RSS 0.91 fixture with en-us THEN en', () => {
    expect(feed(parseFeed(fixture('rss091.xml'), { url })).items.every((item) => item.language === 'en')).toBe(true);
  });

  it('GIVEN RSS 1.0 (RDF) with dc:language on the channel THEN its items have it', () => {
    const rdf = fixture('rdf.xml').replace('<title>Science Notes</title>', '<title>Science Notes</title><dc:language>nl</dc:language>');
    const items = feed(parseFeed(rdf, { url })).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.language === 'nl')).toBe(true);
  });

  it('GIVEN Atom xml:lang on the feed and on one entry THEN each entry has its nearest', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-AT"><title>Blog</title><id>x</id>
      <entry xml:lang="en-GB"><id>a</id><title>Owls</title><content type="text">Owls at night.</content></entry>
      <entry><id>b</id><title>Eulen</title><content type="text">Eulen in der Nacht.</content></entry></feed>`;
    const parsed = feed(parseFeed(atom, { url }));
    expect(parsed.language).toBe('de');
    expect(parsed.items.map((item) => item.language)).toEqual(['en', 'de']);
  });

  it('GIVEN JSON Feed 1.1 language on the feed and on an item THEN each item has its nearest', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Trains',
      language: 'sv-SE',
      items: [
        { id: '1', title: 'Night train', content_text: 'Runs from June.', language: 'en' },
        { id: '2', title: 'Nattåg', content_text: 'Går från juni.' },
      ],
    });
    expect(feed(parseFeed(json, { url })).items.map((item) => item.language)).toEqual(['en', 'sv']);
  });

  it('GIVEN no language, an empty one or one that names none (x-default, "English", 42 letters) THEN items have no language field', () => {
    for (const extra of ['', '<language></language>', '<language>x-default</language>', '<language>English</language>', `<language>${'a'.repeat(42)}</language>`]) {
      const parsed = feed(parseFeed(rss(extra), { url }));
      expect(parsed.language).toBeUndefined();
      expect(parsed.items.map((item) => 'language' in item)).toEqual([false, false]);
    }
  });

  it('GIVEN a feed without a language THEN the items are exactly as before (no undefined field to store)', () => {
    const [item] = feed(parseFeed(rss(''), { url })).items;
    expect(item).toEqual({ headline: 'One', url: 'https://news.example/1', body: ['First.'], isTeaser: true });
  });
});
