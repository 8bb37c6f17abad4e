import { en, type Messages } from './en.js';
import { de } from './de.js';

export type { Messages } from './en.js';

/** A key of Herald's user-facing strings. */
export type MessageKey = keyof Messages;

/** Values substituted into `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up a string in one locale and fills its placeholders. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

const CATALOGS: Readonly<Record<string, Messages>> = { en, de };

/** The catalog for a Discord locale ("de", "en-US", "pt-BR"...); English when we have none. */
export function catalogFor(locale: string | undefined): Messages {
  const base = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return CATALOGS[base] ?? en;
}

/** Whether this locale gets the English strings (English, or a locale Herald has no strings for). */
export function usesEnglish(locale: string | undefined): boolean {
  return catalogFor(locale) === en;
}

/** A translator bound to a locale; unknown placeholders stay visible rather than vanish. */
export function translator(locale: string | undefined): Translator {
  const catalog = catalogFor(locale);
  return (key, params) => format(catalog[key], params);
}

/** Fills `{name}` placeholders. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
