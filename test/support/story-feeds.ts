/**
 * Issue 15's acceptance scenario as three news sites on 127.0.0.1, each serving an RSS feed: three
 * events (a takeover, a storm, a council vote), each reported by all three sites in their own words
 * (the third site in German), plus two stories only one site has. Names and numbers are shared
 * between the versions of an event, as in real coverage; the wording is not.
 */
import { aTestSite, type TestSite } from '../sources/feed-store/site.js';

/** One feed item as written by the test. */
export interface StoryFeedItem {
  slug: string;
  headline: string;
  /** ISO time of publication. */
  published: string;
  paragraphs: string[];
}

export interface StorySite {
  name: string;
  language: 'en' | 'de';
  items: StoryFeedItem[];
}

/** When the first digest runs: the morning after the articles appeared. */
export const FIRST_DIGEST_AT = '2026-12-07T07:00:00Z';
/** The next day's digest. */
export const SECOND_DIGEST_AT = '2026-12-08T07:00:00Z';

const takeover = {
  en1: {
    slug: 'kessler-nordwind',
    headline: 'Kessler Logistics agrees to buy Nordwind Freight for 1.2 billion euros',
    published: '2026-12-06T09:00:00Z',
    paragraphs: [
      'Kessler Logistics has agreed to buy the shipping company Nordwind Freight for 1.2 billion euros, the two companies said on Sunday.',
      'Nordwind, based in Bremerhaven, runs 38 container ships and employs 2,400 people.',
      'Kessler chief executive Anna Brandt said the deal would make the group the third-largest freight carrier in northern Europe. The takeover still needs approval from the European Commission.',
    ],
  },
  en2: {
    slug: 'nordwind-sold',
    headline: 'Nordwind Freight sold to Kessler in 1.2 billion euro deal',
    published: '2026-12-06T10:30:00Z',
    paragraphs: [
      'Bremerhaven shipping firm Nordwind Freight is being sold to Kessler Logistics in a deal worth 1.2 billion euros.',
      'Shareholders of Nordwind will receive 31 euros per share, a premium of 24 percent on the last closing price.',
      'Anna Brandt, who leads Kessler, called the purchase a perfect fit. Unions representing the 2,400 workers at Nordwind asked for job guarantees.',
    ],
  },
  de: {
    slug: 'kessler-uebernimmt-nordwind',
    headline: 'Kessler Logistik übernimmt Nordwind Freight für 1,2 Milliarden Euro',
    published: '2026-12-06T11:00:00Z',
    paragraphs: [
      'Der Logistikkonzern Kessler übernimmt die Bremerhavener Reederei Nordwind Freight für 1,2 Milliarden Euro.',
      'Nordwind betreibt 38 Containerschiffe und beschäftigt 2400 Mitarbeiter.',
      'Kessler-Chefin Anna Brandt sprach von einem wichtigen Schritt. Die EU-Kommission muss der Übernahme noch zustimmen.',
    ],
  },
};

const storm = {
  en1: {
    slug: 'helga-floods-flensburg',
    headline: 'Storm Helga floods Flensburg harbour',
    published: '2026-12-06T14:00:00Z',
    paragraphs: [
      'Storm Helga pushed the Baltic Sea over the quay walls in Flensburg on Sunday, flooding the harbour district.',
      'The water rose 1.8 metres above its normal level and about 6,000 homes lost power.',
      'Fire chief Jonas Petersen said 140 firefighters were pumping out cellars along the waterfront.',
    ],
  },
  en2: {
    slug: 'flensburg-under-water',
    headline: 'Flensburg harbour under water as Helga hits the coast',
    published: '2026-12-06T15:00:00Z',
    paragraphs: [
      'The harbour of Flensburg was under water on Sunday afternoon after storm Helga drove the sea 1.8 metres above its usual level.',
      'Power was cut to some 6,000 households, and ferries to Denmark were cancelled.',
      'The fire service under Jonas Petersen asked residents to stay away from the quays.',
    ],
  },
  de: {
    slug: 'helga-flensburg-hafen',
    headline: 'Sturm Helga setzt Flensburger Hafen unter Wasser',
    published: '2026-12-06T15:30:00Z',
    paragraphs: [
      'Sturmtief Helga hat am Sonntag den Hafen von Flensburg überflutet.',
      'Das Wasser stieg 1,8 Meter über den normalen Stand, rund 6000 Haushalte waren ohne Strom.',
      'Feuerwehrchef Jonas Petersen sagte, 140 Einsatzkräfte pumpten Keller leer.',
    ],
  },
};

const tram = {
  en1: {
    slug: 'kiel-airport-tram',
    headline: 'Kiel council approves tram line to the airport',
    published: '2026-12-06T18:00:00Z',
    paragraphs: [
      'Kiel city council voted 41 to 18 on Sunday evening to build a tram line from the main station to the airport.',
      'The 14-kilometre line will cost 412 million euros and is due to open in 2031.',
      'Mayor Ulrike Sommer called the vote historic.',
    ],
  },
  en2: {
    slug: 'kiel-says-yes-to-tram',
    headline: 'Kiel says yes to airport tram',
    published: '2026-12-06T19:00:00Z',
    paragraphs: [
      'Kiel will get a tram again: councillors backed the 412 million euro project by 41 votes to 18.',
      'Trams are to run every ten minutes on the 14 km route between the main station and the airport from 2031.',
      'Opposition councillors warned that the cost would rise. Ulrike Sommer, the mayor, said construction would start in 2027.',
    ],
  },
  de: {
    slug: 'kiel-strassenbahn-flughafen',
    headline: 'Kieler Rat beschließt Straßenbahn zum Flughafen',
    published: '2026-12-06T19:30:00Z',
    paragraphs: [
      'Der Rat der Stadt Kiel hat mit 41 zu 18 Stimmen den Bau einer Straßenbahn vom Hauptbahnhof zum Flughafen beschlossen.',
      'Die 14 Kilometer lange Strecke soll 412 Millionen Euro kosten und 2031 eröffnet werden.',
      'Oberbürgermeisterin Ulrike Sommer sprach von einem historischen Tag.',
    ],
  },
};

const museum: StoryFeedItem = {
  slug: 'maritime-museum-reopens',
  headline: 'Maritime museum reopens after two-year renovation',
  published: '2026-12-06T12:00:00Z',
  paragraphs: [
    'The maritime museum on the Old Quay reopened on Sunday after a renovation that took two years.',
    'Its new hall shows the wreck of a merchant ship found in the harbour mud. Entry is free until the end of the month.',
  ],
};

const cupFinal: StoryFeedItem = {
  slug: 'rovers-win-cup',
  headline: 'Holstein Rovers win cup final on penalties',
  published: '2026-12-06T17:00:00Z',
  paragraphs: [
    'Holstein Rovers won the regional cup final against Eckernförde United on penalties after a 2-2 draw.',
    'Goalkeeper Lars Jensen saved three spot kicks, and the club will play in the national cup next season.',
  ],
};

/** The sites as the first digest finds them. */
export const STORY_SITES: readonly StorySite[] = [
  { name: 'Harbour Times', language: 'en', items: [takeover.en1, storm.en1, tram.en1, museum] },
  { name: 'City Wire', language: 'en', items: [takeover.en2, storm.en2, tram.en2, cupFinal] },
  { name: 'Stadtkurier', language: 'de', items: [takeover.de, storm.de, tram.de] },
];

/** The three events' headlines by the first site: the stories' headlines in the digest when that article is the most central. */
export const EVENT_HEADLINES = { takeover: takeover.en1.headline, storm: storm.en1.headline, tram: tram.en1.headline } as const;
export const SINGLE_HEADLINES = { museum: museum.headline, cupFinal: cupFinal.headline } as const;

/** The next day: Harbour Times follows up on the storm, with facts nobody reported yet and one it did. */
export const STORM_FOLLOW_UP: StoryFeedItem = {
  slug: 'flensburg-counts-cost',
  headline: 'Flensburg counts the cost of storm Helga',
  published: '2026-12-07T10:00:00Z',
  paragraphs: [
    'Damage from storm Helga in Flensburg is estimated at 35 million euros, the city said on Monday.',
    'Storm Helga pushed the Baltic Sea over the quay walls in Flensburg on Sunday, flooding the harbour district.',
    'Mayor Karin Lund promised emergency aid of 2 million euros for shop owners on the waterfront.',
  ],
};

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An RSS 2.0 feed of the site's items, with full text in content:encoded; publication times moved by `shiftMs`. */
export function rssOf(site: StorySite, base: string, items: readonly StoryFeedItem[] = site.items, shiftMs = 0): string {
  const entries = items.map((item) =>
    [
      '    <item>',
      `      <title>${escapeXml(item.headline)}</title>`,
      `      <link>${base}/news/${item.slug}.html</link>`,
      `      <guid isPermaLink="false">${item.slug}</guid>`,
      `      <pubDate>${new Date(Date.parse(item.published) + shiftMs).toUTCString()}</pubDate>`,
      `      <content:encoded><![CDATA[${item.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('')}]]></content:encoded>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '  <channel>',
    `    <title>${escapeXml(site.name)}</title>`,
    `    <link>${base}/</link>`,
    `    <language>${site.language}</language>`,
    ...entries,
    '  </channel>',
    '</rss>',
  ].join('\n');
}

/** A running site: its feed's address, and a way to publish one more item. */
export interface RunningStorySite {
  site: StorySite;
  server: TestSite;
  feedUrl: string;
  publish(item: StoryFeedItem): void;
}

/**
 * Starts the three sites, each serving /rss.xml. Close them with closeTestServers().
 * @param firstDigestAt when the first digest runs (default FIRST_DIGEST_AT): every publication time moves with it
 */
export async function startStorySites(firstDigestAt = Date.parse(FIRST_DIGEST_AT)): Promise<RunningStorySite[]> {
  const shift = firstDigestAt - Date.parse(FIRST_DIGEST_AT);
  return Promise.all(
    STORY_SITES.map(async (site) => {
      const server = await aTestSite();
      let items = [...site.items];
      const serve = () => server.routes.set('/rss.xml', { body: rssOf(site, server.base, items, shift) });
      serve();
      return {
        site,
        server,
        feedUrl: server.url('/rss.xml'),
        publish(item: StoryFeedItem) {
          items = [item, ...items];
          serve();
        },
      };
    }),
  );
}
