import { AMBIGUOUS, GERMAN_ORDINAL_FOLLOWERS, NON_TERMINAL, SENTENCE_STARTERS } from './abbreviations.js';

/** A sentence as a span of the input: `text.slice(start, end)` is the sentence, trimmed. */
export interface SentenceSpan {
  start: number;
  end: number;
}

type LanguageKey = 'en' | 'de';

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

function languageKey(language: string | undefined): LanguageKey {
  return language?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/**
 * Splits text into sentences, verbatim: every returned string is a trimmed substring of `text`.
 *
 * Intl.Segmenter does the first cut; its known failures on news text are then repaired by joining
 * pieces back together: abbreviations ("Dr.", "z. B.", "U.S.", "3,5 Mrd. Euro"), initials
 * ("John F. Kennedy"), German ordinals ("am 3. Oktober") and quotations split in the middle
 * („Das ist gut. Wir machen weiter“, sagte sie.). Line breaks always end a sentence; nothing else
 * ends one without whitespace after it.
 *
 * @param text any text; paragraphs may be separated by newlines
 * @param language BCP 47 / ISO 639-1 code ("de", "en-US"); picks abbreviation lists, default English
 */
export function splitSentences(text: string, language?: string): string[] {
  return splitSentenceSpans(text, language).map((span) => text.slice(span.start, span.end));
}

/** Like {@link splitSentences}, but returns offsets into `text`. */
export function splitSentenceSpans(text: string, language?: string): SentenceSpan[] {
  if (!text || !text.trim()) return [];
  const lang = languageKey(language);
  const pieces = rawSpans(text, language ?? 'en');
  const merged: SentenceSpan[] = [];
  for (const piece of pieces) {
    const previous = merged[merged.length - 1];
    if (previous && shouldJoin(text, previous, piece, lang)) {
      previous.end = piece.end;
    } else {
      merged.push({ ...piece });
    }
  }
  return merged;
}

/** Segmenter output as trimmed, non-empty spans. */
function rawSpans(text: string, language: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const segment of segmenterFor(language).segment(text)) {
    const span = trimSpan(text, segment.index, segment.index + segment.segment.length);
    if (span) spans.push(span);
  }
  return spans;
}

function trimSpan(text: string, start: number, end: number): SentenceSpan | undefined {
  while (start < end && /\s/u.test(text[start] ?? '')) start++;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : undefined;
}

function shouldJoin(text: string, previous: SentenceSpan, next: SentenceSpan, lang: LanguageKey): boolean {
  const gap = text.slice(previous.end, next.start);
  // ICU ends a sentence at "!" or "?" even without a space ("Yahoo!Japan"); a name or a glued typo
  // is not a sentence end, and a break there would not be a clean cut of the text either.
  if (gap.length === 0) return true;
  if (gap.includes('\n') || gap.includes('\r')) return false;
  const before = text.slice(previous.start, previous.end);
  const after = text.slice(next.start, next.end);
  if (!/\p{L}|\p{N}/u.test(after)) return true; // stray closing quote or bracket belongs to the sentence before
  // Intl.Segmenter only breaks before a lower-case word after "!", "?" or a closing quote:
  // »Nein!« rief er. / "Why?" asked she. Those stay one sentence.
  if (/^[\p{Ll},;:)\]–—-]/u.test(after)) return true;
  if (endsWithAbbreviation(before, after, lang)) return true;
  if (lang === 'de' && endsWithGermanOrdinal(before, after)) return true;
  return insideQuotation(text, previous, next);
}

/** The first word of `after`, lower-cased and without leading quotes or brackets. */
function firstWord(after: string): string {
  const match = /^[^\p{L}\p{N}]*([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(after);
  return (match?.[1] ?? '').toLowerCase();
}

function looksLikeNewSentence(after: string, lang: LanguageKey): boolean {
  const word = firstWord(after);
  if (!word) return true;
  if (/^["'“„«»‚‘]/u.test(after)) return true; // a quotation opening right after a dot is usually a new sentence
  return SENTENCE_STARTERS[lang].has(word);
}

function endsWithAbbreviation(before: string, after: string, lang: LanguageKey): boolean {
  if (!before.endsWith('.')) return false;
  // "z. B.", "u. a.", "i. d. R.", "e.g.", "U.S.": dotted letter groups, spaces optional.
  const dotted = /(?:^|[\s(„"“«»])((?:\p{L}{1,2}\.\s?)*\p{L}{1,2}\.)$/u.exec(before);
  const word = /(?:^|[^\p{L}])(\p{L}+)\.$/u.exec(before)?.[1] ?? '';
  const key = word.toLowerCase();
  if (dotted) {
    const compact = dotted[1]!.replace(/\s+/g, '').toLowerCase().replace(/\.$/, '');
    if (isNonTerminal(compact, after, lang)) return true;
    const letters = compact.split('.');
    // A lone lower-case letter with a dot ("z.", "u.") is the first half of "z. B.", "u. a."...
    if (letters.length === 1 && /^\p{Ll}$/u.test(compact)) return true;
    // Initials and dotted acronyms ("F.", "U.S.", "D.C.") can end a sentence: decide by the next word.
    if (letters.every((part) => part.length === 1) || /^\p{Lu}$/u.test(word)) {
      return !looksLikeNewSentence(after, lang);
    }
  }
  if (!key) return false;
  if (isNonTerminal(key, after, lang)) return true;
  if (AMBIGUOUS[lang].has(key) || AMBIGUOUS.any.has(key)) return !looksLikeNewSentence(after, lang);
  return false;
}

function isNonTerminal(key: string, after: string, lang: LanguageKey): boolean {
  if (!NON_TERMINAL[lang].has(key) && !NON_TERMINAL.any.has(key)) return false;
  // "No." and "Nr." only abbreviate before a number ("No. 5"); "said no." ends a sentence.
  if (key === 'no' || key === 'nr') return /^\p{N}/u.test(after.replace(/^[^\p{L}\p{N}]+/u, ''));
  return true;
}

function endsWithGermanOrdinal(before: string, after: string): boolean {
  const number = /(?:^|[\s(])(\d{1,4})\.$/u.exec(before)?.[1];
  if (!number) return false;
  const word = firstWord(after);
  if (GERMAN_ORDINAL_FOLLOWERS.has(word)) return true;
  // Day-of-month or rank ("am 3. Spieler..."): short numbers followed by a non-starter word.
  return number.length <= 2 && !looksLikeNewSentence(after, 'de');
}

const QUOTE_PAIRS: Record<string, string> = { '„': '“”', '“': '”', '»': '«', '«': '»', '‚': '‘’' };
/** Longest stretch we are willing to glue together to keep a quotation in one piece. */
const MAX_QUOTE_JOIN = 400;

/** True when the boundary between `previous` and `next` lies inside an open quotation that closes soon. */
function insideQuotation(text: string, previous: SentenceSpan, next: SentenceSpan): boolean {
  const state = quoteState(text.slice(previous.start, previous.end));
  if (!state.open) return false;
  const windowEnd = Math.min(text.length, previous.start + MAX_QUOTE_JOIN);
  if (next.end > windowEnd) return false;
  const rest = text.slice(previous.end, windowEnd);
  const lineEnd = rest.search(/[\r\n]/u);
  const scope = lineEnd >= 0 ? rest.slice(0, lineEnd) : rest;
  return state.closers.split('').some((closer) => scope.includes(closer));
}

/** Which quotation, if any, is left open at the end of `piece`, and which marks would close it. */
function quoteState(piece: string): { open: boolean; closers: string } {
  const stack: string[] = [];
  let straightOpen = false;
  for (const char of piece) {
    if (char === '"') {
      straightOpen = !straightOpen;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top !== undefined && QUOTE_PAIRS[top]?.includes(char)) {
      stack.pop();
    } else if (char in QUOTE_PAIRS) {
      stack.push(char);
    } else if (char === '”' && top === undefined) {
      // stray closer: ignore
    }
  }
  const top = stack[stack.length - 1];
  if (top !== undefined) return { open: true, closers: QUOTE_PAIRS[top] ?? '' };
  if (straightOpen) return { open: true, closers: '"' };
  return { open: false, closers: '' };
}
