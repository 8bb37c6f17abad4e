import { detectLanguage, UNDETERMINED } from '../articles/language.js';
import { UserError } from '../errors.js';
import { languageFromLocale } from '../languages/index.js';
import { removeControls } from '../text/controls.js';

/** Longest question Herald reads: a question, not an article to search with. Discord's option says the same. */
export const MAX_QUESTION_CHARS = 500;

/**
 * The question cleaned for use: controls removed, whitespace collapsed.
 * @throws UserError question_empty | question_too_long
 */
export function readQuestion(text: string): string {
  const question = removeControls(text).replace(/\s+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(question)) throw new UserError('question_empty');
  if (question.length > MAX_QUESTION_CHARS) throw new UserError('question_too_long', { length: question.length, max: MAX_QUESTION_CHARS });
  return question;
}

/** The question as the cache sees it: "What did Ford say?" and "what did ford say" are one question. */
export function normalizeQuestion(question: string): string {
  return question.normalize('NFC').toLowerCase().replace(/[\s?!.。？！]+$/u, '').replace(/\s+/gu, ' ').trim();
}

/**
 * The language to answer in: the question's own (a German question gets a German answer whatever
 * the Discord client is set to), else the asker's locale, else English.
 */
export function answerLanguage(question: string, locale: string | undefined): string {
  const detected = detectLanguage(question);
  if (detected !== UNDETERMINED) return detected;
  return languageFromLocale(locale)?.code ?? 'en';
}
