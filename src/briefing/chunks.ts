import { splitSentences } from '../text/sentences.js';
import { groupWithin } from '../grouping.js';
import { estimateTokens } from './tokens.js';

/** A piece of text small enough for one model call, and the paragraph it belongs to. */
export interface Unit {
  text: string;
  /** Index of the source paragraph; pieces of a long paragraph share it. */
  paragraph: number;
}

/**
 * Paragraphs as units of at most `maxTokens`: short paragraphs stay whole; a longer one is cut
 * between sentences (and a monster sentence between words), so that nothing is lost and every
 * piece still knows its paragraph.
 */
export function toUnits(paragraphs: readonly string[], maxTokens: number, language?: string): Unit[] {
  const units: Unit[] = [];
  paragraphs.forEach((text, paragraph) => {
    if (estimateTokens(text) <= maxTokens) {
      units.push({ text, paragraph });
      return;
    }
    const sentences = splitSentences(text, language).flatMap((sentence) =>
      estimateTokens(sentence) <= maxTokens ? [sentence] : splitWords(sentence, maxTokens),
    );
    for (const piece of pack(sentences, maxTokens, ' ')) units.push({ text: piece, paragraph });
  });
  return units;
}

/** Consecutive units grouped so that each group's text stays within `maxTokens`. */
export function toChunks(units: readonly Unit[], maxTokens: number): Unit[][] {
  // Two tokens for the blank line that separates paragraphs in the prompt.
  return groupWithin(units, (unit) => estimateTokens(unit.text) + 2, { maxCount: Number.POSITIVE_INFINITY, maxSize: maxTokens });
}

/** Texts of units put back into their paragraphs: pieces of one paragraph joined by a space. */
export function joinUnits(units: readonly Unit[], texts: readonly string[], paragraphCount: number): string[] {
  const out: string[][] = Array.from({ length: paragraphCount }, () => []);
  units.forEach((unit, i) => {
    const text = texts[i]?.trim();
    if (text) out[unit.paragraph]?.push(text);
  });
  return out.map((pieces) => pieces.join(' '));
}

/** Splits a model's answer into paragraphs at blank lines. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

function pack(pieces: readonly string[], maxTokens: number, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current}${separator}${piece}` : piece;
    if (current && estimateTokens(joined) > maxTokens) {
      out.push(current);
      current = piece;
    } else {
      current = joined;
    }
  }
  if (current) out.push(current);
  return out;
}

function splitWords(sentence: string, maxTokens: number): string[] {
  const words = sentence.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const piece of pack(words, maxTokens, ' ')) {
    if (estimateTokens(piece) <= maxTokens) {
      out.push(piece);
      continue;
    }
    // A single "word" longer than the window (a URL, CJK text without spaces): cut by characters.
    const chars = Array.from(piece);
    const step = Math.max(1, maxTokens);
    for (let at = 0; at < chars.length; at += step) out.push(chars.slice(at, at + step).join(''));
  }
  return out;
}
