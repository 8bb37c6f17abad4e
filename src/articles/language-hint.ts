/**
 * Weighing the language a feed or page declares against what tinyld reads in the text.
 *
 * Neither is trusted alone. tinyld decides a whole chunk of text on one "unique" 4-gram, so a
 * product or place name can turn 30 words of English into Polish or Esperanto; declarations are
 * wrong too, typically WordPress blogs written in German and left on en-US.
 */
import { words } from '../text/tokens.js';
import { functionWordsOf, STOPWORD_LANGUAGES } from '../text/stopwords.js';

export interface Candidate {
  lang: string;
  accuracy: number;
}

/** Candidates tinyld ranks this high, with this share of the best one's score, still fit the text. */
const PLAUSIBLE_RANK = 3;
const PLAUSIBLE_SHARE = 0.25;
/**
 * Share of a text's words that are a language's function words when written in it: English and
 * German news run at 25-45 %, the other of the two at under 10 %.
 */
const FUNCTION_WORD_SHARE = 0.15;
/** Below this many words a confident detection is still too easily misled to overrule the source. */
const SHORT_TEXT_WORDS = 80;

/**
 * The language of `sample` given the source's `declared` code, tinyld's `candidates` (best first)
 * and whether tinyld's best is confident on its own.
 */
export function judgeDeclared(sample: string, declared: string, candidates: readonly Candidate[], confident: boolean): string {
  const folded = words(sample);
  // Function words cannot be faked by one odd name: "the", "and", "of" outvote "Wegovy".
  if (functionWordShare(folded, declared) >= FUNCTION_WORD_SHARE) return declared;
  const best = candidates[0];
  if (best === undefined) return declared;
  const plausible = candidates
    .slice(0, PLAUSIBLE_RANK)
    .some((candidate) => candidate.lang === declared && candidate.accuracy >= best.accuracy * PLAUSIBLE_SHARE);
  if (plausible) return declared;
  const byFunctionWords = functionWordLanguage(folded, declared);
  if (byFunctionWords !== undefined) return byFunctionWords;
  const named = /^[a-z]{2}$/.test(best.lang);
  return confident && named && folded.length >= SHORT_TEXT_WORDS ? best.lang : declared;
}

function functionWordShare(folded: readonly string[], language: string): number {
  const list = functionWordsOf(language);
  if (list === undefined || folded.length === 0) return 0;
  return folded.filter((word) => list.has(word)).length / folded.length;
}

/** Another language whose function words fill the text, the fullest if several do. */
function functionWordLanguage(folded: readonly string[], declared: string): string | undefined {
  let found: string | undefined;
  let most = FUNCTION_WORD_SHARE;
  for (const language of STOPWORD_LANGUAGES) {
    const share = language === declared ? 0 : functionWordShare(folded, language);
    if (share >= most) [found, most] = [language, share];
  }
  return found;
}
