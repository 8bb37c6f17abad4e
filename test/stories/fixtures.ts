import { createHash } from 'node:crypto';
import type { Article } from '../../src/articles/types.js';

/** Monday 2 March 2026, 08:00 UTC: the fixtures' week. */
export const MONDAY = Date.UTC(2026, 2, 2, 8);

/** A feed article from `site`, published `hours` after MONDAY. */
export function aFeedArticle(site: string, slug: string, language: string, hours: number, headline: string, paragraphs: string[]): Article {
  const text = [headline, ...paragraphs].join('\n');
  return {
    id: `${site}-${slug}`,
    headline,
    paragraphs,
    hash: createHash('sha256').update(text).digest('hex'),
    language,
    wordCount: text.split(/\s+/).length,
    updatedAt: MONDAY + hours * 3_600_000 + 60_000,
    source: { url: `https://${site}/${slug}`, site, published: MONDAY + hours * 3_600_000 },
  };
}

/** Three events, three differently worded reports each (one German), and two singletons. */
export function threeEventsAndTwoSingletons(): { articles: Article[]; events: Record<string, string> } {
  const events: Record<string, string> = {};
  const add = (event: string, article: Article): Article => {
    events[article.id] = event;
    return article;
  };
  const articles = [
    add('quake', aFeedArticle('daily.example', 'quake-chile', 'en', 1, 'Strong earthquake shakes northern Chile', [
      'A magnitude 7.1 earthquake struck near Antofagasta in northern Chile on Monday, killing at least 12 people.',
      'Chile\'s interior minister Carolina Toha said rescue teams were searching collapsed buildings in Antofagasta and Calama.',
      'The quake was felt as far away as La Paz in Bolivia.',
    ])),
    add('quake', aFeedArticle('wire.example', 'antofagasta', 'en', 3, 'Twelve dead as 7.1 tremor hits Antofagasta', [
      'Rescuers in Antofagasta dug through rubble after a tremor of magnitude 7.1 left 12 people dead, officials said.',
      'Interior minister Carolina Toha travelled to Calama, where a hospital was evacuated.',
      'Tremors were reported in Bolivia and Argentina.',
    ])),
    add('quake', aFeedArticle('zeitung.example', 'erdbeben-chile', 'de', 5, 'Schweres Erdbeben im Norden Chiles', [
      'Ein Erdbeben der Stärke 7,1 hat am Montag den Norden Chiles erschüttert, mindestens 12 Menschen kamen ums Leben.',
      'Innenministerin Carolina Toha sagte, in Antofagasta und Calama suchten Rettungskräfte in eingestürzten Gebäuden nach Verschütteten.',
      'Das Beben war bis nach La Paz in Bolivien zu spüren.',
    ])),
    add('takeover', aFeedArticle('biz.example', 'nordwind-bid', 'en', 2, 'Siemens agrees to buy Nordwind Energy for €4.2 billion', [
      'Siemens has agreed to acquire the Danish turbine maker Nordwind Energy for €4.2 billion in cash, the companies said on Monday.',
      'Siemens chief executive Roland Busch said the takeover would make the group a leader in offshore wind.',
      'Nordwind shareholders will receive €38 per share, a premium of 27%.',
    ])),
    add('takeover', aFeedArticle('markets.example', 'siemens-nordwind', 'en', 4, 'Nordwind shareholders offered €38 a share in Siemens deal', [
      'Nordwind Energy accepted a takeover offer from Siemens valuing the wind turbine company at €4.2 billion.',
      'The €38 per share offer is 27% above Friday\'s closing price, Roland Busch told analysts.',
      'Regulators in Brussels must still approve the acquisition.',
    ])),
    add('takeover', aFeedArticle('handel.example', 'siemens-uebernahme', 'de', 6, 'Siemens übernimmt Nordwind Energy', [
      'Siemens kauft den dänischen Windturbinenhersteller Nordwind Energy für 4,2 Milliarden Euro.',
      'Die Aktionäre erhalten 38 Euro je Aktie, ein Aufschlag von 27 Prozent, teilte Siemens-Chef Roland Busch mit.',
      'Die Übernahme muss noch von den Wettbewerbsbehörden in Brüssel genehmigt werden.',
    ])),
    add('marathon', aFeedArticle('sport.example', 'berlin-record', 'en', 30, 'Kiptum breaks marathon world record in Berlin', [
      'Kenya\'s Kelvin Kiptum won the Berlin Marathon on Tuesday in 2:00:35, a world record.',
      'Kiptum finished more than two minutes ahead of Eliud Kipchoge, who took second place.',
      'About 45,000 runners started the race at the Brandenburg Gate.',
    ])),
    add('marathon', aFeedArticle('runner.example', 'kiptum', 'en', 31, 'World record for Kelvin Kiptum at Berlin Marathon', [
      'Kelvin Kiptum of Kenya set a new marathon world record of 2:00:35 in Berlin.',
      'The 23-year-old beat Eliud Kipchoge, the former record holder, by two minutes.',
      'Organisers said 45,000 athletes took part.',
    ])),
    add('marathon', aFeedArticle('laufen.example', 'weltrekord', 'de', 33, 'Weltrekord beim Berlin-Marathon', [
      'Der Kenianer Kelvin Kiptum hat beim Berlin-Marathon mit 2:00:35 Stunden einen Weltrekord aufgestellt.',
      'Eliud Kipchoge wurde Zweiter, mehr als zwei Minuten hinter Kiptum.',
      'Rund 45.000 Läuferinnen und Läufer gingen am Brandenburger Tor an den Start.',
    ])),
    add('library', aFeedArticle('local.example', 'library', 'en', 8, 'Town library extends opening hours', [
      'The public library in Harrowgate will open on Sundays from April, the town council decided.',
      'Librarian Mary Ellis said demand from students had grown.',
    ])),
    add('zoo', aFeedArticle('stadt.example', 'zoo-panda', 'de', 9, 'Zoo Leipzig erwartet Pandanachwuchs', [
      'Im Zoo Leipzig ist die Pandadame Mei schwanger, teilte Zoodirektor Jörg Junhold mit.',
      'Die Geburt wird im Sommer erwartet.',
    ])),
  ];
  return { articles, events };
}

/** Siemens' quarterly results the same week as its takeover of Nordwind: same company, another event. */
export function sameCompanyResults(): Article[] {
  return [
    aFeedArticle('biz.example', 'siemens-q1', 'en', 50, 'Siemens quarterly profit rises 8% on automation demand', [
      'Siemens reported net income of €2.5 billion for its fiscal first quarter on Wednesday, up 8% from a year earlier.',
      'Chief executive Roland Busch said orders in factory automation had recovered, while revenue rose to €19.4 billion.',
      'Siemens confirmed its outlook for the year.',
    ]),
    aFeedArticle('boerse.example', 'siemens-quartal', 'de', 52, 'Siemens steigert Quartalsgewinn', [
      'Siemens hat im ersten Geschäftsquartal einen Gewinn von 2,5 Milliarden Euro erzielt, 8 Prozent mehr als vor einem Jahr.',
      'Der Umsatz stieg auf 19,4 Milliarden Euro, sagte Vorstandschef Roland Busch.',
    ]),
  ];
}

