/**
 * Case and diacritic folding, the one spelling every part of Herald compares text in: search
 * ("fuhrte" finds "führte"), sentence ranking and quote attribution.
 */

/** Letters that Unicode does not decompose into base letter + mark, folded by hand. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSABLE_PATTERN = /[ßæœøłđðþı]/g;
const COMBINING_MARKS = /\p{M}+/gu;
/** Text that needs no folding beyond lower-casing. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lower-cases text, removes diacritics (NFKD, combining marks dropped) and spells ß as ss. */
export function foldText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(UNDECOMPOSABLE_PATTERN, (letter) => UNDECOMPOSABLE[letter] ?? letter);
}

