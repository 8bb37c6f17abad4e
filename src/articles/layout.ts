/**
 * Reading an article's structure out of plain text: the first non-empty line is the headline,
 * the rest are paragraphs.
 */

/** Headline and body of an article text. */
export interface ArticleLayout {
  headline: string;
  paragraphs: string[];
}

/**
 * Lines at most this long, inside a block, are taken as hard-wrapped prose (e-mail and editors wrap
 * at 72-80) and joined; longer lines are paragraphs of their own, as in Herald's seed files.
 */
const WRAP_WIDTH = 100;
const LIST_ITEM = /^(?:[-*•–]|\d+[.)])\s/;

/**
 * Splits text into headline and paragraphs. One line per paragraph works, and so do blank-line
 * separated blocks of hard-wrapped lines. A leading Markdown "#" is dropped from the headline.
 */
export function layoutArticle(text: string): ArticleLayout {
  const lines = text.split('\n').map((line) => line.trim());
  const first = lines.findIndex((line) => line.length > 0);
  if (first === -1) return { headline: '', paragraphs: [] };
  const headline = (lines[first] ?? '').replace(/^#{1,6}\s+/, '');
  const paragraphs: string[] = [];
  for (const block of blocks(lines.slice(first + 1))) paragraphs.push(...blockParagraphs(block));
  return { headline, paragraphs };
}

function blocks(lines: string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.length > 0) {
      current.push(line);
    } else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

function blockParagraphs(block: string[]): string[] {
  const wrapped =
    block.length > 1 &&
    block.slice(0, -1).every((line) => line.length <= WRAP_WIDTH) &&
    !block.some((line) => LIST_ITEM.test(line));
  return wrapped ? [block.join(' ')] : block;
}

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Counts words: runs of non-space holding a letter or digit ("EV-Partnerschaft", "3,5" count once; "—" not). */
export function countWords(text: string): number {
  // A split and a test per token stay linear on any input (a megabyte of dashes included).
  let count = 0;
  for (const token of text.split(/\s+/)) if (HAS_WORD_CHARACTER.test(token)) count++;
  return count;
}
