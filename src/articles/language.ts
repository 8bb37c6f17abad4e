import { createRequire } from 'node:module';
import type * as Tinyld from 'tinyld';

/**
 * tinyld is loaded on the first detection, not at start: its tables take ~65 ms to load, and
 * articles are only detected when a request needs their language.
 */
let tinyld: typeof Tinyld | undefined;
function detectAll(text: string): ReturnType<typeof Tinyld.detectAll> {
  tinyld ??= createRequire(import.meta.url)('tinyld') as typeof Tinyld;
  return tinyld.detectAll(text);
}

/** Code for "could not tell", as in BCP 47. */
export const UNDETERMINED = 'und';

/** Characters sampled: a few paragraphs give a confident guess; more only costs time (~2 ms). */
const SAMPLE_CHARS = 1500;
/** Fewer letters than this is a guess, not a detection ("Ford Xiaomi" could be anything). */
const MIN_LETTERS = 20;
/** tinyld's best score must reach this and beat the runner-up by this factor. */
const MIN_ACCURACY = 0.15;
const MIN_LEAD = 1.25;

/**
 * The ISO 639-1 code of the text's language ("de", "en"...), or "und" when tinyld is unsure or
 * names a language without a two-letter code.
 */
export function detectLanguage(text: string): string {
  // Markup and symbols ("**", "||", backticks, emoji) are not language and throw tinyld off.
  const sample = text.slice(0, SAMPLE_CHARS).replace(/[^\p{L}\p{M}\p{N}\s.,;:!?'’"„“-]+/gu, ' ');
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return UNDETERMINED;
  const [best, second] = detectAll(sample);
  if (!best || best.accuracy < MIN_ACCURACY) return UNDETERMINED;
  if (second && best.accuracy < second.accuracy * MIN_LEAD) return UNDETERMINED;
  return /^[a-z]{2}$/.test(best.lang) ? best.lang : UNDETERMINED;
}
