import { localeForms, type ArticleLookup, type FailureFormat } from '../i18n/failure-texts.js';
import { resolveLanguage } from '../languages/index.js';
import { asPlainText } from './plain-text.js';
import { displayLanguage } from './render.js';
import { truncate } from './split.js';

/**
 * Failure values as Discord shows them: what the user typed escaped so it shows as typed, article
 * suggestions as a list with headlines, channels as mentions, times as timestamps every client
 * shows in its own language and zone.
 */
export function discordFormat(locale: string, articles?: ArticleLookup): FailureFormat {
  const forms = localeForms(locale);
  const describeArticle = (id: string): string => {
    const headline = articles?.get(id)?.headline;
    return headline ? `• \`${id}\` – ${truncate(asPlainText(headline), 120)}` : `• \`${id}\``;
  };
  return {
    surface: 'discord',
    ...forms,
    echo: (text) => asPlainText(truncate(text, 100)),
    language: (code) => displayLanguage(code, locale),
    languageNamed: (englishName) => languageInLocale(englishName, locale),
    articles: (ids) => forms.few(ids).map((id) => `\n${describeArticle(id)}`).join(''),
    channel: (id) => `<#${id}>`,
    when: (iso) => {
      const at = Date.parse(iso);
      return Number.isNaN(at) ? undefined : `<t:${Math.floor(at / 1000)}:R>`;
    },
  };
}

/** A suggested language (an English name) named in the reader's locale: "French" → "Französisch". */
function languageInLocale(englishName: string, locale: string): string {
  try {
    return displayLanguage(resolveLanguage(englishName).code, locale);
  } catch {
    return englishName;
  }
}
