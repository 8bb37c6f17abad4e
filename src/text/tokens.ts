import { foldText } from './fold.js';
import { stopwordsFor } from './stopwords.js';

/** Lower-case, strip diacritics, ß → ss: "Führte" → "fuhrte" (the project-wide fold). */
export { foldText as foldDiacritics };

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Folded words of `text`, in order (numbers included, punctuation dropped). */
export function words(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/**
 * A light, language-aware suffix stripper ("stemming-lite"): enough to match "talks"/"talked"/"talking"
 * and "Gespräche"/"Gesprächen" without a full Porter or Snowball stemmer. Words stay at least 3
 * (en) or 4 (de) characters long so short names are left alone.
 */
export function stem(word: string, language: string | undefined): string {
  if (/\d/.test(word)) return word;
  const lang = language?.toLowerCase().slice(0, 2);
  if (lang === 'de') {
    let stemmed = germanStems.get(word);
    if (stemmed === undefined) {
      if (germanStems.size >= STEM_CACHE_SIZE) germanStems.clear();
      stemmed = stemGerman(word);
      germanStems.set(word, stemmed);
    }
    return stemmed;
  }
  return stemEnglish(word);
}

// CISTEM runs a few regular expressions per word; news vocabulary repeats, so remember results.
const STEM_CACHE_SIZE = 50_000;
const germanStems = new Map<string, string>();

function stemEnglish(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  for (const suffix of ['ing', 'edly', 'ed', 'ly', 'es', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      if (suffix === 's' && /(ss|us|is)$/.test(w)) return w;
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "stopped" → "stopp" → "stop"
  if (/([^aeiou])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * German: CISTEM (Weissweiler & Fraser 2017), the stemmer that scored best on German in its
 * authors' comparison with Snowball and others, on folded input (umlauts already gone). It strips
 * "ge-" from participles and, repeatedly, -em -er -nd -t -e -s -n, so "Gesprächen", "Gespräche" and
 * "Gespräch" meet, as do "gestartet" and "startet".
 */
function stemGerman(word: string): string {
  let w = word.replace(/^ge(.{4,})/, '$1');
  // Treat sch, ei, ie as single letters and mark doubled letters, as CISTEM does.
  w = w.replace(/sch/g, '$').replace(/ei/g, '%').replace(/ie/g, '&').replace(/(.)\1/g, '$1*');
  while (w.length > 3) {
    let next = w;
    if (w.length > 5) next = w.replace(/e[mr]$/, '').replace(/nd$/, '');
    // (no -t rule: CISTEM applies it to lower-case words only, and case is folded away here)
    if (next === w) next = w.replace(/[esn]$/, '');
    if (next === w) break;
    w = next;
  }
  return w.replace(/(.)\*/g, '$1$1').replace(/\$/g, 'sch').replace(/%/g, 'ei').replace(/&/g, 'ie');
}

/** Content terms of `text`: folded words minus stop words, stemmed. */
export function contentTerms(text: string, language: string | undefined): string[] {
  const stop = stopwordsFor(language);
  const out: string[] = [];
  for (const word of words(text)) {
    if (stop.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    out.push(stem(word, language));
  }
  return out;
}

/**
 * German compounds ("Parlamentswahlen", "Wissenschaftsjournalismus") hide the words they share
 * with other sentences. Without a lexicon, the document's own vocabulary serves as one: a term
 * that ends with, or starts with (allowing a linking -s-/-n-/-es-/-en-), another term of the
 * document also counts as that term. `termLists` are {@link contentTerms} outputs of one document;
 * the result keeps each list's terms and appends the parts found. Other languages pass through.
 */
export function expandCompounds(termLists: string[][], language: string | undefined): string[][] {
  if (language?.toLowerCase().slice(0, 2) !== 'de') return termLists;
  const vocabulary = new Set(termLists.flat().filter((term) => term.length >= MIN_PART && !/\d/.test(term)));
  const partsOf = new Map<string, string[]>();
  // Look each candidate split up in the vocabulary: linear in the word's length, not the vocabulary's.
  for (const term of vocabulary) {
    const parts: string[] = [];
    for (let cut = MIN_REST; cut <= term.length - MIN_PART; cut++) {
      const tail = term.slice(cut);
      if (vocabulary.has(tail)) parts.push(tail);
    }
    for (let cut = MIN_PART; cut <= term.length - MIN_REST; cut++) {
      const head = term.slice(0, cut);
      if (vocabulary.has(head) && LINKED_REST.test(term.slice(cut))) parts.push(head);
    }
    if (parts.length > 0) partsOf.set(term, parts);
  }
  if (partsOf.size === 0) return termLists;
  return termLists.map((terms) => terms.concat(terms.flatMap((term) => partsOf.get(term) ?? [])));
}

// A compound part must be a real word of its own (4+ letters: "wahl", "staat"), and what is left
// of the compound must be one too, so "ponta"/"pont" or "basescu"/"base" are not split.
const MIN_PART = 4;
const MIN_REST = 3;
// The rest after a leading part, optionally behind a linking element: "wahl|beteiligung", "parlament|s|wahl".
const LINKED_REST = /^(?:s|es|n|en)?\p{L}{3,}$/u;
