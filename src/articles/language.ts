import { createRequire } from 'node:module';
import type * as Tinyld from 'tinyld';
import { judgeDeclared } from './language-hint.js';

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
 * names a language without a two-letter code. `declared` is the ISO 639-1 code its feed or page
 * declares: a hint that settles short and unclear texts, not one that overrules clear text.
 */
export function detectLanguage(text: string, declared?: string): string {
  // Markup and symbols ("**", "||", backticks, emoji) are not language and throw tinyld off.
  const sample = text.slice(0, SAMPLE_CHARS).replace(/[^\p{L}\p{M}\p{N}\s.,;:!?'’"„“-]+/gu, ' ');
  if ((sample.match(/\p{L}/gu)?.length ?? 0) < MIN_LETTERS) return declared ?? UNDETERMINED;
  const candidates = detectAll(sample);
  const [best, second] = candidates;
  const confident = best !== undefined && best.accuracy >= MIN_ACCURACY && (second === undefined || best.accuracy >= second.accuracy * MIN_LEAD);
  if (declared !== undefined) return judgeDeclared(sample, declared, candidates, confident);
  return confident && /^[a-z]{2}$/.test(best.lang) ? best.lang : UNDETERMINED;
}
