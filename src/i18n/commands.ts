/**
 * Descriptions of Herald's commands, options and choices, as Discord shows them in the command picker.
 * English is the default; the other locales become `*_localizations` (Discord locale codes).
 */
export const commandText = {
  summarize: { en: 'Summarize a news article', de: 'Einen Nachrichtenartikel zusammenfassen' },
  translate: { en: 'Translate a news article', de: 'Einen Nachrichtenartikel übersetzen' },
  quote: { en: 'Quote verbatim passages of a news article', de: 'Wörtliche Zitate aus einem Nachrichtenartikel' },
  articles: { en: 'List or search the news articles', de: 'Nachrichtenartikel auflisten oder durchsuchen' },
  help: { en: 'What Herald can do, with examples', de: 'Was Herald kann, mit Beispielen' },
  option_article: { en: 'Article id or words of its headline', de: 'Artikel-ID oder Wörter aus der Überschrift' },
  option_length: { en: 'How long the summary should be', de: 'Wie lang die Zusammenfassung sein soll' },
  option_language: { en: 'Language of the answer (default: your Discord language)', de: 'Sprache der Antwort (Standard: deine Discord-Sprache)' },
  option_language_required: { en: 'Language to translate into', de: 'Zielsprache der Übersetzung' },
  option_quote_language: { en: 'Also translate the quotes into this language', de: 'Die Zitate zusätzlich in diese Sprache übersetzen' },
  option_count: { en: 'How many quotes (1–10)', de: 'Wie viele Zitate (1–10)' },
  option_query: { en: 'Words to search for in headlines and text', de: 'Suchwörter für Überschrift und Text' },
  choice_short: { en: 'short', de: 'kurz' },
  choice_medium: { en: 'medium', de: 'mittel' },
  choice_long: { en: 'long', de: 'lang' },
  menu_summarize: { en: 'Summarize message', de: 'Nachricht zusammenfassen' },
  menu_translate: { en: 'Translate message', de: 'Nachricht übersetzen' },
} as const satisfies Record<string, { en: string; de: string }>;

/** A key of commandText. */
export type CommandTextKey = keyof typeof commandText;

/** The English text of a key (the default Discord shows). */
export function describe(key: CommandTextKey): string {
  return commandText[key].en;
}

/** The `*_localizations` map of a key, for builders' set...Localizations. */
export function localized(key: CommandTextKey): { de: string } {
  return { de: commandText[key].de };
}
