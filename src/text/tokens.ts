import { stopwordsFor } from './stopwords.js';

/** Lower-case, strip diacritics, ß → ss: "Führte" → "fuhrte". */
export function foldDiacritics(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}+/gu, '');
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Folded words of `text`, in order (numbers included, punctuation dropped). */
export function words(text: string): string[] {
  return foldDiacritics(text).match(WORD) ?? [];
}

/**
 * A light, language-aware suffix stripper ("stemming-lite"): enough to match "talks"/"talked"/"talking"
 * and "Gespräche"/"Gesprächen" without a full Porter or Snowball stemmer. Words stay at least 3
 * (en) or 4 (de) characters long so short names are left alone.
 */
export function stem(word: string, language: string | undefined): string {
  if (/\d/.test(word)) return word;
  const lang = language?.toLowerCase().slice(0, 2);
  if (lang === 'de') return stemGerman(word);
  return stemEnglish(word);
}

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

function stemGerman(word: string): string {
  let w = word;
  for (const suffix of ['innen', 'ungen', 'heiten', 'keiten', 'ern', 'em', 'en', 'er', 'es', 'e', 'n', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
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
