import { modelUserError } from './briefing/notices.js';
import { isUserError, newErrorId, type UserError } from './errors.js';
import { failureText, failureTextsFor, type FailureFormat } from './i18n/failure-texts.js';
import type { Logger } from './log.js';
import { LanguageModelError } from './llm/types.js';

/** What to tell the user about a failure, and whether it was their request or Herald's fault. */
export type FailureAnswer =
  | { outcome: 'user_error'; text: string; error: UserError }
  | { outcome: 'error'; text: string; errorId: string };

/** Where a failure is answered: the reader's locale, how values are shown there, and its log. */
export interface FailureSurface {
  locale: string;
  format: FailureFormat;
  logger: Logger;
  /** The log line of an unexpected failure ("interaction failed"); it carries the error id. */
  failed: string;
  /** More fields for that log line. */
  fields?: Readonly<Record<string, unknown>>;
}

/**
 * The one way a failure becomes an answer, for slash commands, direct messages and the console: a
 * refusal (UserError, or a model failure that escaped the briefing service) in the catalog's words;
 * anything else an apology quoting an error id that is also in the log with the stack trace.
 */
export function describeFailure(error: unknown, surface: FailureSurface): FailureAnswer {
  const refusal = asUserError(error, surface.logger);
  if (refusal) {
    surface.logger.info({ code: refusal.code }, 'user error');
    return { outcome: 'user_error', error: refusal, text: userErrorText(refusal, surface.locale, surface.format) };
  }
  const errorId = newErrorId();
  surface.logger.error({ ...surface.fields, err: error, errorId }, surface.failed);
  return { outcome: 'error', errorId, text: failureTextsFor(surface.locale).unexpected({ id: errorId }, surface.format) };
}

/** A user error in the reader's language, e.g. one line of a digest run that was refused. */
export function userErrorText(error: UserError, locale: string, format: FailureFormat): string {
  return failureText(error.code, error.params, locale, format);
}

function asUserError(error: unknown, logger: Logger): UserError | undefined {
  if (isUserError(error)) return error;
  if (error instanceof LanguageModelError) {
    // The briefing service answers model failures itself; one that escapes it (a call cancelled
    // at shutdown) still means "the model is not available", not a bug to apologize for.
    logger.warn({ err: error, kind: error.kind }, 'model call failed outside the briefing service');
    return modelUserError(error);
  }
  return undefined;
}
