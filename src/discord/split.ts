/**
 * Discord's size limits and text splitting that respects them without losing a word.
 * Lengths are UTF-16 code units (String#length), which is never less than what Discord counts.
 */

/** Discord's documented limits for messages, embeds and autocomplete. */
export const LIMITS = {
  /** Message content. */
  content: 2_000,
  /** Embed title. */
  title: 256,
  /** Embed description. */
  description: 4_096,
  /** Embed footer text. */
  footer: 2_048,
  /** Embed field name / value. */
  fieldName: 256,
  fieldValue: 1_024,
  /** Fields per embed. */
  fields: 25,
  /** Embeds per message. */
  embedsPerMessage: 10,
  /** Characters over all embeds of one message (title, description, fields, footer, author). */
  embedTotal: 6_000,
  /** Autocomplete choices and the length of a choice's name / value. */
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const ELLIPSIS = '…';

/** Cuts text to at most `max` characters, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  return text.slice(0, cutBefore(text, max - 1)).trimEnd() + ELLIPSIS;
}

/**
 * Splits text into chunks of at most `max` characters. Cuts prefer, in order, a paragraph break, a
 * sentence end, a word boundary; only a single "word" longer than `max` (a long URL) is cut inside.
 * Whitespace at a cut is dropped; every other character survives, in order.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be at least 1');
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const { head, tail } = takeChunk(rest, max);
    chunks.push(head);
    rest = tail;
  }
  return chunks;
}

/**
 * Takes the longest good-looking prefix of `text` that fits in `max` characters.
 * `head` is non-empty and trimmed; `tail` is what is left, trimmed at the start.
 */
export function takeChunk(text: string, max: number): { head: string; tail: string } {
  const source = text.trimStart();
  if (source.length <= max) return { head: source.trimEnd(), tail: '' };
  const cut = bestCut(source, max);
  const head = source.slice(0, cut).trimEnd();
  return { head, tail: source.slice(cut).trimStart() };
}

/** Boundaries closer to the start than this share of the window would waste most of a chunk. */
const MIN_FILL = 0.5;

function bestCut(text: string, max: number): number {
  // Look at max + 1 characters: a boundary right after the window still lets the window be whole.
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max * MIN_FILL);
  const paragraph = lastMatchEnd(window, /\n[ \t]*\n/g, max);
  if (paragraph >= floor) return paragraph;
  // Closing marks may come escaped (asPlainText's "\*"), so backslashes count as closing marks too.
  const sentence = lastMatchEnd(window, /[.!?…。！？](?:["'”’»)\]*_\\]*)(?=\s)/g, max);
  if (sentence >= floor) return sentence;
  const line = lastMatchEnd(window, /\n/g, max);
  if (line >= floor) return line;
  const word = lastMatchStart(window, /\s+/g, max);
  const best = Math.max(paragraph, sentence, line, word);
  const cut = best > 0 ? best : cutBefore(text, max);
  // Only a window that is one escape ("\\[" with max 1) cannot keep it whole; progress comes first.
  return cut > 0 ? cut : Math.max(1, Math.min(max, text.length));
}

/** The end of the last match ending at or before `limit` (0 when none). */
function lastMatchEnd(text: string, pattern: RegExp, limit: number): number {
  let found = 0;
  for (const match of text.matchAll(pattern)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end <= limit && match.index !== 0) found = end;
  }
  return found;
}

/** The start of the last match starting at or before `limit` (0 when none). */
function lastMatchStart(text: string, pattern: RegExp, limit: number): number {
  let found = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start <= limit && start > 0) found = start;
  }
  return found;
}

/**
 * The largest cut at or before `end` that splits neither a surrogate pair nor an escape: a
 * backslash left at the end of one embed would escape nothing, and the character it protected
 * would start the next one as markup ("[" of a masked link, a list's "-").
 */
function cutBefore(text: string, end: number): number {
  let cut = Math.min(Math.max(end, 0), text.length);
  if (cut === text.length || cut === 0) return cut;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  if (backslashesBefore(text, cut) % 2 === 1) cut -= 1;
  return cut;
}

/** How many backslashes stand right before `index`. */
function backslashesBefore(text: string, index: number): number {
  let count = 0;
  while (index - count > 0 && text[index - count - 1] === '\\') count += 1;
  return count;
}
