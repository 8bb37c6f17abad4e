import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import type { ArticleStore } from '../articles/store.js';
import type { UserError, UserErrorCode } from '../errors.js';
import { usesEnglish, type MessageKey, type Translator } from '../i18n/index.js';
import type { Rendered } from './command.js';
import { renderPlain } from './render.js';
import { truncate } from './split.js';

/** Our own wording for codes whose English message from the services has nothing a German reader could not be told generically. */
const GENERIC_KEYS: Partial<Record<UserErrorCode, MessageKey>> = {
  shutting_down: 'error_shutting_down',
  budget_exhausted: 'error_budget_exhausted',
  llm_unavailable: 'error_llm_unavailable',
  llm_rate_limited: 'error_llm_rate_limited',
  cooldown: 'error_cooldown',
  article_too_large: 'error_article_too_large',
  input_too_long: 'error_input_too_long',
  translation_unavailable: 'error_translation_unavailable',
  missing_permission: 'error_missing_permission',
};

/** How many suggestions a user is shown; more is noise. */
const MAX_SUGGESTIONS = 5;

/**
 * A user mistake in plain words, in the user's language, with suggestions where the service gave
 * some (article ids are shown with their headlines).
 */
export function renderUserError(
  error: UserError,
  t: Translator,
  locale: string,
  articles?: Pick<ArticleStore, 'get'>,
): Rendered {
  return renderPlain(userErrorText(error, t, locale, articles));
}

/** The text of renderUserError; also used for direct messages. */
export function userErrorText(
  error: UserError,
  t: Translator,
  locale: string,
  articles?: Pick<ArticleStore, 'get'>,
): string {
  const params = error.params;
  const list = (key: string): string[] => {
    const value = params[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  };
  const describeArticle = (id: string): string => {
    const headline = articles?.get(id)?.headline;
    return headline ? `• \`${id}\` – ${truncate(headline, 120)}` : `• \`${id}\``;
  };
  const query = truncate(String(params.query ?? params.input ?? ''), 100);
  switch (error.code) {
    case 'article_not_found': {
      const suggestions = list('suggestions').slice(0, MAX_SUGGESTIONS);
      const lines = [t('error_article_not_found', { query })];
      if (suggestions.length > 0) lines.push(t('error_did_you_mean'), ...suggestions.map(describeArticle));
      else lines.push(t('error_article_not_found_none'));
      return lines.join('\n');
    }
    case 'article_ambiguous': {
      const candidates = list('candidates').slice(0, MAX_SUGGESTIONS);
      return [t('error_article_ambiguous', { query }), ...candidates.map(describeArticle)].join('\n');
    }
    case 'language_unknown': {
      const suggestions = list('suggestions').slice(0, MAX_SUGGESTIONS);
      const lines = [t('error_language_unknown', { input: query })];
      if (suggestions.length > 0) lines.push(`${t('error_did_you_mean')} ${suggestions.join(', ')}`);
      return lines.join('\n');
    }
    default: {
      // The services write precise English; other locales get our generic wording of the code.
      const key = GENERIC_KEYS[error.code];
      return usesEnglish(locale) || key === undefined ? error.message : t(key);
    }
  }
}

/** The apology for an unexpected error, quoting the id that is also in the log line. */
export function renderApology(errorId: string, t: Translator): Rendered {
  return renderPlain(t('error_apology', { id: errorId }));
}

/**
 * Errors that mean "this interaction can no longer be answered": its token expired (10062) or it was
 * already answered (40060). Logged, never retried, never crash anything.
 */
export function isGoneInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
      error.code === RESTJSONErrorCodes.UnknownWebhook)
  );
}
