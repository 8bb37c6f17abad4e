import { describe, expect, it } from 'vitest';
import { MAX_FEED_ITEMS, parseFeed, type ParsedFeed } from '../../../src/sources/feeds/parse.js';
import type { Feed, FeedFailure } from '../../../src/sources/feeds/types.js';
import { fixture, hasMarkup } from '../fixture.js';

function feed(result: ParsedFeed): Feed {
  if ('kind' in result) throw new Error(`expected a feed, got ${result.kind}`);
  return result;
}

function failure(result: ParsedFeed): FeedFailure {
  if (!('kind' in result)) throw new Error('expected a failure, got a feed');
  return result;
}

describe('parseFeed: RSS 2.0', () => {
  const parsed = feed(parseFeed(fixture('rss2-full.xml'), { url: 'https://gazette.example/feed.xml' }));

  it('GIVEN a channel THEN reads its title and site', () => {
    expect(parsed.title).toBe('Harbour Gazette');
    expect(parsed.siteUrl).toBe('https://gazette.example/');
    expect(parsed.items).toHaveLength(2);
  });

  it('GIVEN content:encoded and a description THEN the body comes from content:encoded, as plain paragraphs', () => {
    const [ferry] = parsed.items;
    expect(ferry?.isTeaser).toBe(false);
    expect(ferry?.body).toEqual([
      'The harbour ferry company announced on Monday that its summer timetable starts on 1 July, with sailings every forty minutes instead of every hour.',
      'Two new routes link the old town with the northern islands.',
      'Route A: Old Town – Nordholm',
      'Route B: Old Town – Skerry Point',
    ]);
  });

  it('GIVEN scripts, styles and iframes in content THEN none of their text comes out', () => {
    const text = JSON.stringify(parsed.items[0]);
    expect(text).not.toContain('alert');
    expect(text).not.toContain('color: red');
    expect(text).not.toContain('Advertisement frame');
  });

  it('GIVEN CDATA and entity-escaped HTML THEN decodes both once', () => {
    const [ferry, quay] = parsed.items;
    expect(ferry?.headline).toBe('Ferry timetable changes & new routes');
    expect(quay?.headline).toBe('Council & harbour board agree on "green quay" plan');
    expect(quay?.body).toEqual([
      'The council and the harbour board agreed on Monday to cover the east quay with solar roofs & shore power.',
      'Work starts in “late autumn”.',
    ]);
  });

  it('GIVEN a relative link THEN the item URL is absolute against the feed URL', () => {
    expect(parsed.items[0]?.url).toBe('https://gazette.example/news/ferry-timetable');
    expect(parsed.items[1]?.url).toBe('https://gazette.example/news/green-quay?utm_source=rss');
  });

  it('GIVEN guid, pubDate and author fields THEN keeps them', () => {
    const [ferry, quay] = parsed.items;
    expect(ferry?.guid).toBe('gazette-2024-0142');
    expect(ferry?.published?.toISOString()).toBe('2024-06-04T07:30:00.000Z');
    expect(ferry?.author).toBe('Mira Holt');
    expect(quay?.guid).toBe('https://gazette.example/news/green-quay');
    expect(quay?.author).toBe('Jon Arvid');
  });

  it('THEN no markup or entity survives anywhere in the items', () => {
    expect(hasMarkup(parsed.items)).toBe(false);
  });
});

describe('parseFeed: teasers', () => {
  const parsed = feed(parseFeed(fixture('rss2-teaser.xml'), { url: 'https://courier.example/rss' }));

  it('GIVEN only a short description THEN marks the item as a teaser and keeps its text', () => {
    const [bridge] = parsed.items;
    expect(bridge?.isTeaser).toBe(true);
    expect(bridge?.body).toEqual([
      'The old stone bridge over the river is closed to cars while engineers replace its railings. Read more',
    ]);
  });

  it('GIVEN no link but a permalink guid THEN the guid is the URL', () => {
    expect(parsed.items[1]?.url).toBe('https://courier.example/2024/06/library-hours.html');
  });

  it('GIVEN an unreadable date THEN leaves published out instead of failing', () => {
    expect(parsed.items[1]?.published).toBeUndefined();
    expect(parsed.items[0]?.published?.toISOString()).toBe('2024-06-05T07:15:00.000Z');
  });

  it('GIVEN a long description (full text in the description) THEN it is not a teaser', () => {
    const long = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of a full article that a feed put in its description element, as many do.</p>`).join('');
    const xml = `<rss version="2.0"><channel><title>T</title><item><title>Full</title><link>https://x.example/a</link><description><![CDATA[${long}]]></description></item></channel></rss>`;
    const [item] = feed(parseFeed(xml, { url: 'https://x.example/rss' })).items;
    expect(item?.isTeaser).toBe(false);
    expect(item?.body).toHaveLength(6);
  });
});

describe('parseFeed: RSS 0.91', () => {
  it('GIVEN the Netscape DOCTYPE and HTML entities THEN parses without fetching the DTD', () => {
    const parsed = feed(parseFeed(fixture('rss091.xml'), { url: 'http://oldmill.example/rss.xml' }));
    expect(parsed.title).toBe('Old Mill Weekly');
    expect(parsed.items).toEqual([
      {
        url: 'http://oldmill.example/stories/cafe.html',
        headline: 'Café reopens after flood',
        body: ['The riverside café reopened on Saturday after two months of repairs.'],
        isTeaser: true,
        // The channel's <language>en-us</language>.
        language: 'en',
      },
    ]);
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  const parsed = feed(parseFeed(fixture('rdf.xml'), { url: 'https://science.example/rss' }));

  it('GIVEN RDF items THEN reads them with rdf:about as guid and dc:date as published', () => {
    expect(parsed.title).toBe('Science Notes');
    expect(parsed.items.map((item) => item.headline)).toEqual([
      'Comet visible to the naked eye this week',
      'Bees prefer blue flowers, study finds',
    ]);
    const [comet, bees] = parsed.items;
    expect(comet?.guid).toBe('https://science.example/notes/comet');
    expect(comet?.published?.toISOString()).toBe('2024-06-02T19:00:00.000Z');
    expect(comet?.author).toBe('Observatory Desk');
    expect(comet?.body).toEqual(['A bright comet can be seen low in the west after sunset.', 'Binoculars help, but are not needed.']);
    expect(comet?.isTeaser).toBe(false);
    expect(bees?.isTeaser).toBe(true);
  });
});

describe('parseFeed: Atom', () => {
  const parsed = feed(parseFeed(fixture('atom.xml'), { url: 'https://blog.example/journal/feed.atom' }));

  it('GIVEN xml:base on feed and entry THEN resolves links against the nearest base', () => {
    expect(parsed.siteUrl).toBe('https://blog.example/journal/');
    expect(parsed.items[0]?.url).toBe('https://blog.example/journal/2024/owls');
    expect(parsed.items[1]?.url).toBe('https://blog.example/elsewhere/mushrooms.html');
  });

  it('GIVEN an xhtml content element THEN its paragraphs come out as text, preferred over the summary', () => {
    const [owls] = parsed.items;
    expect(owls?.isTeaser).toBe(false);
    expect(owls?.body).toEqual(['Volunteers counted five tawny owls in the east woods.', 'That is two more than last year.']);
  });

  it('GIVEN text and html title types THEN keeps literal text and strips escaped markup', () => {
    expect(parsed.title).toBe('Field & Forest Journal');
    expect(parsed.items[0]?.headline).toBe('Counting owls: 3 < 5');
    expect(parsed.items[1]?.headline).toBe('Mushroom season opens early');
    expect(parsed.items[1]?.body).toEqual([
      'Chanterelles appeared three weeks early after a wet May.',
      'Foragers should check the rules first.',
    ]);
  });

  it('GIVEN published and updated THEN published is the date; authors are named', () => {
    expect(parsed.items[0]?.published?.toISOString()).toBe('2024-06-04T20:00:00.000Z');
    expect(parsed.items[1]?.published?.toISOString()).toBe('2024-06-03T07:00:00.000Z');
    expect(parsed.items[0]?.author).toBe('Ines Vale');
    expect(parsed.items[1]?.author).toBe('Ines Vale, Tom Brek');
    expect(parsed.items[0]?.guid).toBe('tag:blog.example,2024:owls');
  });

  it('GIVEN an Atom feed without entries THEN it is an empty feed, not a failure', () => {
    const xml = '<feed xmlns="http://www.w3.org/2005/Atom"><title>New blog</title><id>x</id></feed>';
    expect(parseFeed(xml, { url: 'https://new.example/atom' })).toEqual({ title: 'New blog', items: [] });
  });
});

describe('parseFeed: JSON Feed', () => {
  const parsed = feed(parseFeed(fixture('feed.json'), { url: 'https://trains.example/feed.json' }));

  it('GIVEN content_html, content_text and summary-only items THEN reads each body and teaser flag', () => {
    expect(parsed.title).toBe('Night Train News');
    expect(parsed.siteUrl).toBe('https://trains.example/');
    const [train, clock, strike] = parsed.items;
    expect(train).toEqual({
      guid: '2024-06-nightjet',
      url: 'https://trains.example/posts/new-night-train',
      headline: 'New night train to the coast',
      body: ['A new night train runs to the coast from 14 June.', 'Sleeper cabins cost €89.'],
      isTeaser: false,
      published: new Date('2024-06-01T16:30:00Z'),
      author: 'Rail Desk',
    });
    expect(clock?.guid).toBe('42');
    expect(clock?.body).toEqual(['The station clock is back.', 'It was repaired by a local watchmaker.']);
    expect(clock?.author).toBe('Old Author Field');
    expect(strike?.isTeaser).toBe(true);
    expect(strike?.body).toEqual(['Unions and operator reached a deal overnight.']);
  });

  it('GIVEN an item without a title THEN the headline is the start of its text', () => {
    expect(parsed.items[1]?.headline).toBe('The station clock is back.');
  });
});

describe('parseFeed: refusals', () => {
  it('GIVEN malformed XML THEN a typed malformed failure', () => {
    expect(failure(parseFeed(fixture('malformed.xml'), { url: 'https://x.example/rss' })).kind).toBe('malformed');
  });

  it('GIVEN broken JSON THEN malformed', () => {
    expect(failure(parseFeed('{"version": "https://jsonfeed.org/version/1", "items": [', { url: 'https://x.example/f.json' })).kind).toBe('malformed');
  });

  it('GIVEN an HTML page, other XML or other JSON THEN not_a_feed', () => {
    const url = 'https://x.example/';
    expect(failure(parseFeed('<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>', { url })).kind).toBe('not_a_feed');
    expect(failure(parseFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', { url })).kind).toBe('not_a_feed');
    expect(failure(parseFeed('{"hello": "world"}', { url })).kind).toBe('not_a_feed');
    expect(failure(parseFeed('', { url })).kind).toBe('not_a_feed');
  });

  it('GIVEN a billion-laughs DOCTYPE THEN the DOCTYPE is dropped: entities stay unexpanded text, no file is read', () => {
    const result = parseFeed(fixture('billion-laughs.xml'), { url: 'https://laughs.example/rss' });
    const text = JSON.stringify(result);
    expect(text.length).toBeLessThan(2_000);
    expect(text).not.toContain('lollol');
    expect(text).not.toContain('root:');
  });

  it('GIVEN a javascript: or data: link THEN the item has no URL', () => {
    const xml = '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>javascript:alert(1)</link></item><item><title>B</title><link>data:text/html,hi</link></item></channel></rss>';
    expect(feed(parseFeed(xml, { url: 'https://x.example/rss' })).items.map((item) => item.url)).toEqual([undefined, undefined]);
  });

  it('GIVEN "<!DOCTYPE" inside an item\'s text THEN only a prolog DOCTYPE is removed', () => {
    const xml = '<!DOCTYPE rss><rss version="2.0"><channel><title>T</title><item><title>XML basics</title><description><![CDATA[<p>Write <!DOCTYPE html> first.</p>]]></description></item></channel></rss>';
    expect(feed(parseFeed(xml, { url: 'https://x.example/rss' })).items[0]?.headline).toBe('XML basics');
  });

  it('GIVEN more than 5 MB THEN refuses before parsing', () => {
    const huge = `<rss version="2.0"><channel><title>Big</title>${'<item><title>x</title></item>'.repeat(200_000)}</channel></rss>`;
    expect(failure(parseFeed(huge, { url: 'https://x.example/rss' })).kind).toBe('too_large');
  });

  it('GIVEN an unterminated DOCTYPE THEN malformed', () => {
    expect(failure(parseFeed('<?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY a "b">', { url: 'https://x.example/rss' })).kind).toBe('malformed');
  });
});

describe('parseFeed: very long feeds', () => {
  const body = (k: number) => `<p>Item ${k} says what happened at the harbour today, in some detail. ${'More words about the day. '.repeat(20)}</p>`;
  const rss = (count: number, extra = '') =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Long</title><link>https://long.example/</link>${Array.from(
      { length: count },
      (_, k) => `<item><title>Story ${k}</title><link>https://long.example/${k}</link><guid>g${k}</guid><content:encoded><![CDATA[${body(k)}${k === 1 ? extra : ''}]]></content:encoded></item>`,
    ).join('')}</channel></rss>`;

  it('GIVEN an RSS feed of 6,000 items (about 4 MB) THEN reads its first 500, in order, with the channel title', () => {
    const text = rss(6_000);
    expect(text.length).toBeGreaterThan(3_500_000);
    const parsed = feed(parseFeed(text, { url: 'https://long.example/rss' }));
    expect(parsed.title).toBe('Long');
    expect(parsed.items).toHaveLength(MAX_FEED_ITEMS);
    expect(parsed.items[0]?.headline).toBe('Story 0');
    expect(parsed.items.at(-1)?.headline).toBe(`Story ${MAX_FEED_ITEMS - 1}`);
  });

  it('GIVEN an Atom feed of 700 entries and a JSON Feed of 700 items THEN each gives its first 500', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Long atom</title>${Array.from({ length: 700 }, (_, k) => `<entry><id>e${k}</id><title>Entry ${k}</title><content type="html">${body(k).replace(/</g, '&lt;')}</content></entry>`).join('')}</feed>`;
    const parsedAtom = feed(parseFeed(atom, { url: 'https://long.example/atom' }));
    expect(parsedAtom.items.map((item) => item.headline)).toEqual(Array.from({ length: MAX_FEED_ITEMS }, (_, k) => `Entry ${k}`));
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Long json', items: Array.from({ length: 700 }, (_, k) => ({ id: `j${k}`, title: `Json ${k}`, content_text: `Text ${k}` })) });
    expect(feed(parseFeed(json, { url: 'https://long.example/json' })).items).toHaveLength(MAX_FEED_ITEMS);
  });

  it('GIVEN "</item>" written inside an item\'s CDATA of a long feed THEN the feed still parses, up to 500 items', () => {
    const parsed = feed(parseFeed(rss(1_000, 'An XML lesson: close with </item> and </channel>.'), { url: 'https://long.example/rss' }));
    expect(parsed.items).toHaveLength(MAX_FEED_ITEMS);
    // Inside HTML content the quoted tag is markup and drops out; the text around it stays.
    expect(parsed.items[1]?.body.join(' ')).toContain('An XML lesson: close with and');
  });
});
