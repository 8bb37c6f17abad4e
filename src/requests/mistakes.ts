import { UserError } from '../errors.js';
import { editDistance } from '../text/edit-distance.js';

/**
 * The refusals for requests that were read but are wrong in a fixable way. They carry the same
 * codes as the slash commands' refusals; the catalogs word them in the user's language.
 */

/** An option the command does not have: `unknown option extra: /summarize takes article, length, and language`. */
export function unknownOption(command: string, option: string, known: readonly string[]): UserError {
  return new UserError('unknown_option', { option, command, known: [...known] });
}

/** A value outside an option's choices: `length is short, medium, or long, not “huge”.` */
export function invalidChoice(option: string, input: string, choices: readonly string[]): UserError {
  return new UserError('invalid_choice', { option, input: input.slice(0, 40), choices: [...choices] });
}

/** A misspelled word of the grammar, with the whole request as it was probably meant. */
export function didYouMean(word: string, request: string): UserError {
  return new UserError('did_you_mean_request', { input: word.slice(0, 40), request });
}

/**
 * The candidate a typed word is a typo of: one edit (a swap counts as one) for words of five
 * letters or more, two from nine; none for shorter words, where one edit turns most words into others.
 * A short word gets one edit only when `shortWords` allows it (length words are few and distinct).
 */
export function typoOf(word: string, candidates: Iterable<string>, shortWords = false): string | undefined {
  const allowance = word.length >= 9 ? 2 : word.length >= 5 || (shortWords && word.length === 4) ? 1 : 0;
  if (allowance === 0) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance > 0 && distance <= allowance && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** `text` with its first whole-word `word` (any case) replaced, so a suggestion keeps the user's wording. */
export function replaceWord(text: string, word: string, replacement: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const pattern = new RegExp(`(^|[\\s/])${escaped}(?=$|[\\s:,.!?])`, 'iu');
  return text.trim().replace(pattern, (_whole, before: string) => `${before}${replacement}`);
}
