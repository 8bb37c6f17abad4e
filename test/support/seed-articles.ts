/** Fixture articles of the Discord e2e tests and bench. */

/** A seed article: headline line, then paragraphs. */
export interface SeedArticle {
  headline: string;
  paragraphs: string[];
}

/** Herald's e2e fixture articles: a German and an English one, ids as users type them. */
export const SEEDS: Record<string, SeedArticle> = {
  'ford-xiaomi': {
    headline: 'Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft',
    paragraphs: [
      'Der amerikanische Automobilkonzern Ford Motor Company hat laut einem Bericht von Reuters Gespräche mit dem chinesischen Elektronikhersteller Xiaomi über eine mögliche Zusammenarbeit im Elektrofahrzeugbereich geführt.',
      'Nach Angaben der Nachrichtenagentur fanden die Gespräche zwischen hochrangigen Vertretern beider Unternehmen statt. Inhaltlich ging es um gemeinsame Entwicklungs- und Produktionsansätze für Elektrofahrzeuge.',
      'Ford und Xiaomi haben sich öffentlich nicht zu den Details der Gespräche geäußert. Aus Branchenkreisen hieß es, die Sondierungen müssten nicht zu einer bindenden Vereinbarung führen.',
    ],
  },
  'solar-boom': {
    headline: 'Solar installations reach a record high across Europe',
    paragraphs: [
      'Europe installed more solar capacity last year than ever before, according to an industry association report published on Monday.',
      'Germany led the growth, followed by Spain and Italy. Analysts expect the pace to slow slightly as grid connections become a bottleneck.',
      'Manufacturers warned that prices for panels have fallen so far that several European factories are no longer profitable.',
    ],
  },
};

