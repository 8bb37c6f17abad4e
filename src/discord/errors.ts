import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import type { ArticleStore } from '../articles/store.js';
import type { UserError } from '../errors.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import type { Rendered } from './command.js';
import { resolveLanguage } from '../languages/index.js';
import { asPlainText } from './plain-text.js';
import { displayLanguage, renderPlain } from './render.js';
import { truncate } from './split.js';

/** How many suggestions a user is shown; more is noise. */
const MAX_SUGGESTIONS = 5;

/** Discord's English permission names (as services and src/digests write them) to their catalog keys. */
const PERMISSION_KEYS: Readonly<Record<string, MessageKey>> = {
  'Manage Server': 'permission_manage_server',
  'View Channel': 'permission_view_channel',
  'Send Messages': 'permission_send_messages',
  'Embed Links': 'permission_embed_links',
};

/**
 * Why a channel cannot take digests, as carried in `UserError('invalid_channel')` params:
 * `{ channel, reason: 'type' | 'hidden' | 'missing', missing?: string[] }` (English permission names).
 */
export type ChannelProblemReason = 'type' | 'hidden' | 'missing';

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

/**
 * The text of renderUserError; also used for direct messages. Every code has a catalog entry in
 * every locale, filled from the error's params; the service's English message is the fallback only
 * when the params that entry needs are missing.
 */
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
  const text = (key: string): string | undefined => {
    const value = params[key];
    return typeof value === 'string' || typeof value === 'number' ? truncate(String(value), 100) : undefined;
  };
  const count = (key: string): number | undefined => {
    const value = params[key];
    const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const describeArticle = (id: string): string => {
    const headline = articles?.get(id)?.headline;
    return headline ? `• \`${id}\` – ${truncate(asPlainText(headline), 120)}` : `• \`${id}\``;
  };
  const permission = (name: string): string => {
    const key = PERMISSION_KEYS[name];
    return key ? t(key) : name;
  };
  // The reader's words echoed back, shown as typed (a pasted headline may carry markdown).
  const query = asPlainText(text('query') ?? text('input') ?? '');
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
      if (suggestions.length > 0) lines.push(`${t('error_did_you_mean')} ${suggestions.map((name) => languageInLocale(name, locale)).join(', ')}`);
      return lines.join('\n');
    }
    case 'cooldown': {
      const seconds = count('seconds');
      if (seconds === undefined) return error.message;
      const form = new Intl.PluralRules(locale).select(seconds) === 'one' ? 'error_cooldown_one' : 'error_cooldown_other';
      return t(form, { seconds });
    }
    case 'budget_exhausted': {
      const resetsAt = Date.parse(String(params.resetsAt ?? ''));
      // A Discord timestamp: every client shows it in its own language and time zone.
      return Number.isNaN(resetsAt) ? t('error_budget_exhausted') : t('error_budget_exhausted_resets', { resets: `<t:${Math.floor(resetsAt / 1000)}:R>` });
    }
    case 'translation_unavailable': {
      const language = text('language');
      return language === undefined ? error.message : t('error_translation_unavailable', { language: displayLanguage(language, locale) });
    }
    case 'invalid_option': {
      const min = count('min');
      const max = count('max');
      const id = text('id');
      if (min !== undefined && max !== undefined) return t('error_invalid_number', { min, max });
      const option = text('option');
      const request = text('request');
      const or = (items: string[]) => new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
      if (request !== undefined) return t('error_did_you_mean_request', { input: query, request });
      if (option !== undefined && list('choices').length > 0) return t('error_invalid_choice', { option, input: query, choices: or(list('choices')) });
      if (option !== undefined && list('known').length > 0) {
        return t('error_unknown_option', { option, command: `/${text('command') ?? ''}`, known: new Intl.ListFormat(locale, { type: 'conjunction' }).format(list('known')) });
      }
      if (id !== undefined) return t('error_subscription_duplicate', { id });
      return error.message;
    }
    case 'missing_permission': {
      const name = text('permission');
      return name === undefined ? error.message : t('error_missing_permission', { permission: permission(name) });
    }
    case 'subscription_limit': {
      const limit = count('limit') ?? count('max');
      return limit === undefined ? error.message : t('error_subscription_limit', { limit });
    }
    case 'subscription_not_found': {
      const input = text('input');
      // Without an id the guild has none at all (runNow and preview of an empty guild).
      return input === undefined ? t('error_subscription_none') : t('error_subscription_not_found', { input });
    }
    case 'invalid_time': {
      const input = text('input');
      return input === undefined ? error.message : t('error_invalid_time', { input });
    }
    case 'invalid_timezone': {
      const input = text('input');
      if (input === undefined) return error.message;
      const suggestions = list('suggestions').slice(0, MAX_SUGGESTIONS);
      if (suggestions.length === 0) return t('error_invalid_timezone_none', { input });
      return t('error_invalid_timezone', { input, suggestions: new Intl.ListFormat(locale, { type: 'disjunction' }).format(suggestions) });
    }
    case 'invalid_channel': {
      const channelId = text('channel');
      const channel = channelId === undefined ? '' : `<#${channelId}>`;
      const missing = list('missing');
      switch (params.reason) {
        case 'type':
          return t('error_channel_type');
        case 'hidden':
          if (channelId !== undefined) return t('error_channel_hidden', { channel, permission: permission('View Channel') });
          break;
        case 'missing':
          if (channelId !== undefined && missing.length > 0) {
            const permissions = new Intl.ListFormat(locale, { type: 'conjunction' }).format(missing.map((name) => `**${permission(name)}**`));
            return t('error_channel_permissions', { channel, permissions });
          }
          break;
      }
      return error.message;
    }
    case 'shutting_down':
      return t('error_shutting_down');
    case 'storage_unavailable':
      return t('error_storage_unavailable');
    case 'llm_unavailable':
      return t('error_llm_unavailable');
    case 'llm_rate_limited':
      return t('error_llm_rate_limited');
    case 'article_too_large':
      return t('error_article_too_large');
    case 'input_too_long':
      return t('error_input_too_long');
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
      error.code === RESTJSONErrorCodes.UnknownWebhook ||
      // The interaction token expired (15 min) or the message it would edit is gone.
      error.code === RESTJSONErrorCodes.InvalidWebhookToken ||
      error.code === RESTJSONErrorCodes.UnknownMessage)
  );
}

/** A suggested language (an English name) named in the reader's locale: "French" → "Französisch". */
function languageInLocale(englishName: string, locale: string): string {
  try {
    return displayLanguage(resolveLanguage(englishName).code, locale);
  } catch {
    return englishName;
  }
}
