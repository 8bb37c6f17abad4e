/** Quote marks a model may swap for one another ("„Wir“" → "\"Wir\""), by kind. */
const DOUBLE_QUOTES = new Set(['"', '„', '“', '”', '«', '»', '‟', '″', '〝', '〞', '＂']);
const SINGLE_QUOTES = new Set(["'", '‚', '‘', '’', '‹', '›', '‛', '′', '`', '´']);

/** Fewer words than this is a phrase, not a quotation worth showing. */
const MIN_WORDS = 3;

/** A text in comparable form, with where each of its characters came from. */
interface Folded {
  text: string;
  /** Index in the original string of each UTF-16 unit of `text`. */
  from: number[];
}

/**
 * Collapses whitespace runs to one space and maps every quote mark to `"` or `'`, remembering
 * positions so that a match can be cut from the original text exactly.
 */
function fold(original: string): Folded {
  let text = '';
  const from: number[] = [];
  let inSpace = false;
  let index = 0;
  for (const char of original) {
    if (/\s/u.test(char)) {
      if (!inSpace && text.length > 0) {
        text += ' ';
        from.push(index);
      }
      inSpace = true;
    } else {
      inSpace = false;
      const mapped = DOUBLE_QUOTES.has(char) ? '"' : SINGLE_QUOTES.has(char) ? "'" : char;
      for (let unit = 0; unit < mapped.length; unit += 1) from.push(index + Math.min(unit, char.length - 1));
      text += mapped;
    }
    index += char.length;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    from.pop();
  }
  return { text, from };
}

/** Candidate forms to look for: as given, then without wrapping quote marks or list dashes. */
function variants(candidate: string): string[] {
  const folded = fold(candidate.normalize('NFC')).text;
  const unwrapped = folded.replace(/^["']+\s*/, '').replace(/\s*["']+$/, '');
  const unlisted = folded.replace(/^(?:[-*•–—]|\d{1,2}[.)])\s+/, '');
  return [...new Set([folded, unwrapped, unlisted])].filter((v) => v.split(' ').filter(Boolean).length >= MIN_WORDS);
}

/**
 * Where `candidate` occurs in one of `sources` after normalizing whitespace and quote marks:
 * the exact original passage (as the article writes it), or undefined when it is not verbatim.
 */
export function findVerbatim(candidate: string, sources: readonly string[]): string | undefined {
  const forms = variants(candidate);
  if (forms.length === 0) return undefined;
  for (const source of sources) {
    const original = source.normalize('NFC');
    const folded = fold(original);
    for (const form of forms) {
      const at = folded.text.indexOf(form);
      if (at === -1) continue;
      const start = folded.from[at] ?? 0;
      const lastUnit = folded.from[at + form.length - 1] ?? start;
      const lastChar = String.fromCodePoint(original.codePointAt(lastUnit) ?? 0);
      return original.slice(start, lastUnit + lastChar.length).trim();
    }
  }
  return undefined;
}

/** The same passage, or one inside the other, once whitespace and quote marks are normalized. */
export function overlaps(a: string, b: string): boolean {
  const x = fold(a.normalize('NFC')).text;
  const y = fold(b.normalize('NFC')).text;
  return x.includes(y) || y.includes(x);
}

/**
 * The model's candidates that are verbatim in the article, cut from the article's own text, in the
 * model's order, without duplicates or passages contained in an earlier one.
 */
export function keepVerbatim(candidates: readonly string[], sources: readonly string[]): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const candidate of candidates) {
    const passage = findVerbatim(candidate, sources);
    if (passage === undefined) dropped.push(candidate);
    else if (!kept.some((earlier) => overlaps(earlier, passage))) kept.push(passage);
  }
  return { kept, dropped };
}
