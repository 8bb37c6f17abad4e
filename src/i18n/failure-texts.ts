import type { PermissionName, UserErrorCode, UserErrorParams } from '../error-codes.js';
import type { FailureFormat, FailureTexts } from './failure-format.js';
import { memoize } from '../memo.js';
import { deFailures } from './de.js';
import { enFailures } from './en.js';
import { translator, type MessageKey } from './index.js';

export type { FailureFormat, FailureTexts } from './failure-format.js';

const FAILURE_TEXTS: Readonly<Record<string, FailureTexts>> = { en: enFailures, de: deFailures };

/** How many suggestions a user is shown; more is noise. */
export const MAX_SUGGESTIONS = 5;

/** The failure texts for a locale; English when Herald has no strings for it (as catalogFor). */
export function failureTextsFor(locale: string | undefined): FailureTexts {
  const base = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return FAILURE_TEXTS[base] ?? enFailures;
}

/** The text of one failure in a locale and format. */
export function failureText<C extends UserErrorCode>(code: C, params: UserErrorParams[C], locale: string, format: FailureFormat): string {
  const texts: { readonly [K in C]: (params: UserErrorParams[K], f: FailureFormat) => string } = failureTextsFor(locale);
  return texts[code](params, format);
}

/** The English plain text of a failure: a UserError's message, for logs, so without control characters. */
export function englishText<C extends UserErrorCode>(code: C, params: UserErrorParams[C]): string {
  const format = plainFormat('en');
  return failureText(code, params, 'en', { ...format, echo: (text) => format.echo(text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ')) });
}

/** The catalog key of each permission's localized name. */
const PERMISSION_KEYS: Readonly<Record<PermissionName, MessageKey>> = {
  'Manage Server': 'permission_manage_server',
  'View Channel': 'permission_view_channel',
  'Send Messages': 'permission_send_messages',
  'Embed Links': 'permission_embed_links',
};

/** A permission's name in a locale's catalog. */
export function permissionName(name: PermissionName, locale: string): string {
  return translator(locale)(PERMISSION_KEYS[name]);
}

// Building an Intl formatter costs 10-50 µs, using one well under 1 µs; every refusal (a cooldown
// in a burst of requests) used to build them anew.
const disjunction = memoize((locale) => new Intl.ListFormat(locale, { type: 'disjunction' }));
const conjunction = memoize((locale) => new Intl.ListFormat(locale, { type: 'conjunction' }));
const pluralRules = memoize((locale) => new Intl.PluralRules(locale));

/** The list, plural and permission forms every format shares. */
export function localeForms(locale: string): Pick<FailureFormat, 'or' | 'and' | 'plural' | 'permission' | 'few'> {
  return {
    or: (items) => disjunction(locale).format(items),
    and: (items) => conjunction(locale).format(items),
    plural: (count) => pluralRules(locale).select(count),
    permission: (name) => permissionName(name, locale),
    few: (items) => items.slice(0, MAX_SUGGESTIONS),
  };
}

/** Echoed input is cut here in plain text, so a pasted article cannot fill the answer or a log line. */
const ECHO_CHARS = 60;

function shorten(text: string): string {
  return text.length <= ECHO_CHARS ? text : `${text.slice(0, ECHO_CHARS - 1).trimEnd()}…`;
}

/** Finds an article's headline by id, to show suggestions with their headlines. */
export interface ArticleLookup {
  get(id: string): { headline: string } | undefined;
}

/** Plain text for the console and logs: values as they are, times in UTC. */
export function plainFormat(locale = 'en', articles?: ArticleLookup): FailureFormat {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'none' });
  return {
    surface: 'plain',
    ...localeForms(locale),
    // Escape sequences stay whole: the console's terminal filter removes them, sequence and all.
    echo: (text) => shorten(text.replace(/\s+/g, ' ')),
    language: (code) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    },
    languageNamed: (englishName) => englishName,
    articles: (ids) =>
      ` ${ids
        .slice(0, MAX_SUGGESTIONS)
        .map((id) => {
          const headline = articles?.get(id)?.headline.replace(/\s+/g, ' ').trim();
          return headline ? `${id} (${headline.length <= 80 ? headline : `${headline.slice(0, 79).trimEnd()}…`})` : id;
        })
        .join(', ')}`,
    channel: (id) => `#${id}`,
    when: (iso) => {
      const at = Date.parse(iso);
      return Number.isNaN(at) ? undefined : `at ${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    },
  };
}
