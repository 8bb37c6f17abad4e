/** Articles the /ask tests ask about: the e2e seeds plus one with a clear figure in it. */
import { SEEDS, type SeedArticle } from '../support/seed-articles.js';

export const ASK_SEEDS: Record<string, SeedArticle> = {
  ...SEEDS,
  'harbour-ferry': {
    headline: 'City council approves new harbour ferry line',
    paragraphs: [
      'The city council approved a new ferry line across the harbour on Tuesday after a long debate.',
      'The line will cost 12 million euros and is due to open next spring. Mayor Anna Berg said the ferries would cut the commute for thousands of people.',
      'Critics argued that the money would be better spent on buses.',
    ],
  },
};

/** A sentence of `solar-boom`, word for word. */
export const SOLAR_PRICES = 'Manufacturers warned that prices for panels have fallen so far that several European factories are no longer profitable.';
export const SOLAR_GERMANY = 'Germany led the growth, followed by Spain and Italy.';
/** A sentence that is in no article. */
export const FABRICATED = 'The European Commission promised free solar panels for every household by 2030.';

/** A model answer to the ask prompt, as JSON. */
export function modelAnswer(statements: { statement: string; quotes: ({ text: string; translation?: string } | string | number)[] }[]): string {
  return JSON.stringify({ answer: statements });
}
