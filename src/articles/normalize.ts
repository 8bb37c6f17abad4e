/**
 * Text folding shared by indexing and querying, so that what a user types on any keyboard
 * ("fuhrte", "FÜHRTE", "fuehrte") meets what the article says ("führte").
 */
import { foldText, PRINTABLE_ASCII } from '../text/fold.js';

export { foldText };

/** German umlauts written the typewriter way (ä → ae), the other spelling users type. */
const UMLAUT_EXPANSIONS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue' };
const HAS_UMLAUT = /[äöü]/;
const UMLAUTS = /[äöü]/g;

/**
 * Every folded spelling of one word worth indexing: the plain fold, plus the ae/oe/ue spelling
 * when the word has umlauts, so both "fuhrte" and "fuehrte" find "führte".
 */
export function foldedVariants(term: string): readonly string[] {
  // Indexing folds every word of every article; news vocabularies repeat heavily, so a memo
  // turns millions of Unicode normalizations into map look-ups.
  let variants = variantMemo.get(term);
  if (variants === undefined) {
    if (variantMemo.size >= MEMO_LIMIT) variantMemo.clear();
    variants = computeVariants(term);
    variantMemo.set(term, variants);
  }
  return variants;
}

const variantMemo = new Map<string, readonly string[]>();
const MEMO_LIMIT = 100_000;

function computeVariants(term: string): string[] {
  if (PRINTABLE_ASCII.test(term)) return [term.toLowerCase()];
  const folded = foldText(term);
  const lower = term.normalize('NFC').toLowerCase();
  if (!HAS_UMLAUT.test(lower)) return [folded];
  const expanded = foldText(lower.replace(UMLAUTS, (umlaut) => UMLAUT_EXPANSIONS[umlaut] ?? umlaut));
  return expanded === folded ? [folded] : [folded, expanded];
}

/** Splits text into words the same way the search index does (on spaces and punctuation). */
export function splitWords(text: string): string[] {
  return text.match(WORD_RUN) ?? [];
}
const WORD_RUN = /[^\p{Z}\p{P}\p{S}\s]+/gu;

/**
 * Function words too common in English and German news to tell articles apart. Dropping them
 * keeps "the ford article" from matching every article that says "the".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'has', 'have', 'in', 'into', 'is',
  'it', 'its', 'of', 'on', 'or', 'that', 'the', 'this', 'to', 'was', 'were', 'with',
  // German (folded spelling)
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen', 'und',
  'oder', 'im', 'mit', 'von', 'vom', 'zu', 'zum', 'zur', 'auf', 'fur', 'ist', 'sind', 'war', 'wird',
  'werden', 'hat', 'haben', 'sich', 'nicht', 'auch', 'als', 'am', 'bei', 'aus', 'dass', 'es',
]);

/**
 * Whether a folded term is worth indexing or searching: not a stop word, and not a lone letter
 * (the "s" of "Xiaomi's"); lone digits stay, they tell "Q3" from "Q4".
 */
export function isSearchable(folded: string): boolean {
  if (folded.length === 0 || STOP_WORDS.has(folded)) return false;
  return folded.length > 1 || /\p{N}/u.test(folded);
}

/** The folded search terms of a query, deduplicated; what the index sees of a user's words. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(query)) {
    const folded = foldText(word);
    if (isSearchable(folded) && !terms.includes(folded)) terms.push(folded);
  }
  return terms;
}
