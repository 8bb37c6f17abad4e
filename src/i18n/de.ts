import type { Messages } from './en.js';

/** Herald's user-facing strings in German. */
export const de: Messages = {
  error_apology:
    'Entschuldigung, bei mir ist etwas schiefgelaufen. Bitte versuche es gleich noch einmal; wenn es wieder passiert, nenne den Server-Admins die Fehler-ID `{id}`.',
  error_article_not_found: 'Ich habe keinen Artikel zu „{query}“ gefunden.',
  error_article_not_found_none: 'Mit `/articles` siehst du, welche Artikel es gibt.',
  error_article_ambiguous: '„{query}“ passt zu mehreren Artikeln. Bitte wähle einen aus:',
  error_language_unknown: 'Die Sprache „{input}“ kenne ich nicht. Versuche einen ISO-Code wie `de` oder einen Namen wie `Deutsch`.',
  error_did_you_mean: 'Meintest du:',
  error_unknown_command: 'Diesen Befehl gibt es nicht mehr. Versuche `/help`.',
  error_empty_message: 'Diese Nachricht enthält keinen Text, mit dem ich arbeiten könnte.',
  error_shutting_down: 'Ich starte gerade neu. Bitte versuche es in einer Minute noch einmal.',
  error_budget_exhausted: 'Das heutige Kontingent für das Sprachmodell ist aufgebraucht. Bitte versuche es morgen wieder.',
  error_llm_unavailable: 'Das Sprachmodell ist gerade nicht erreichbar. Bitte versuche es in ein paar Minuten noch einmal.',
  error_llm_rate_limited: 'Das Sprachmodell ist gerade ausgelastet. Bitte versuche es in einer Minute noch einmal.',
  error_cooldown: 'Du schickst Anfragen etwas schnell. Bitte warte einen Moment und versuche es dann noch einmal.',
  error_article_too_large: 'Dieser Artikel ist zu groß für mich.',
  error_input_too_long: 'Dieser Text ist zu lang für mich.',
  error_translation_unavailable: 'Ohne Sprachmodell kann ich nicht übersetzen, und hier ist keines eingerichtet.',
  error_missing_permission: 'Dafür brauchst du die Berechtigung „Server verwalten“.',

  kind_summarize: 'Zusammenfassung',
  kind_translate: 'Übersetzung',
  kind_quote: 'Zitate',
  kind_summarize_message: 'Zusammenfassung einer Nachricht',
  kind_translate_message: 'Übersetzung einer Nachricht',
  footer_cached: 'aus dem Cache',
  footer_fresh: 'neu erstellt',
  working: 'Ich arbeite daran…',
  result_empty: '(nichts anzuzeigen)',
  notice_language_fallback: 'Es ist kein Sprachmodell eingerichtet, deshalb ist dies in der Sprache des Artikels.',
  notice_quotes_filled_offline: 'Einige Zitate wurden ohne Sprachmodell ausgewählt.',
  notice_quotes_fewer: 'Der Artikel enthält weniger zitierbare Stellen als gewünscht.',
  notice_llm_fallback: 'Das Sprachmodell ist gerade nicht erreichbar, deshalb wurde dies offline erstellt.',
  notice_same_language: 'Der Text ist bereits in dieser Sprache, hier ist er unverändert.',
  jump_to_message: 'Ursprüngliche Nachricht',

  articles_title: 'Artikel',
  articles_title_query: 'Artikel zu „{query}“',
  articles_none: 'Es gibt noch keine Artikel.',
  articles_none_query: 'Kein Artikel passt zu „{query}“. Versuche andere Wörter oder `/articles` ohne Suchbegriff.',
  articles_line: '`{id}` · {language} · {words} Wörter',
  articles_page: 'Seite {page} von {pages} · {total} Artikel',
  articles_previous: 'Zurück',
  articles_next: 'Weiter',

  dm_too_long:
    'Diese Nachricht ist etwas lang für mich ({length} Zeichen). Bitte halte Anfragen unter {max} Zeichen, zum Beispiel `zusammenfassen ford auf englisch`.',
  dm_unrecognized: '„{text}“ habe ich nicht verstanden. Das kann ich:',

  help_title: 'Herald – Nachrichten kurz gefasst',
  help_intro:
    'Ich fasse die Nachrichtenartikel dieses Servers zusammen, übersetze und zitiere sie. Die Option `article` nimmt eine ID oder ein paar Wörter der Überschrift; Sprachen nehmen Codes (`en`) oder Namen (`Englisch`). Ohne Sprache antworte ich in deiner Discord-Sprache.',
  help_summarize: '**/summarize** `article` `length` `language` – eine Zusammenfassung.\nBeispiel: `/summarize article:ford length:short language:Englisch`',
  help_translate: '**/translate** `article` `language` – der ganze Artikel, übersetzt.\nBeispiel: `/translate article:ford language:Französisch`',
  help_quote: '**/quote** `article` `count` `language` – wörtliche Zitate, auf Wunsch übersetzt.\nBeispiel: `/quote article:ford count:3`',
  help_articles: '**/articles** `query` – Artikel auflisten oder durchsuchen.\nBeispiel: `/articles query:xiaomi`',
  help_digest:
    '**/digest** – tägliche Übersichten in einem Kanal (Server verwalten).\nBeispiel: `/digest subscribe channel:#news time:08:00 timezone:Europe/Berlin`',
  help_menus: '**Apps → Nachricht zusammenfassen / Nachricht übersetzen** – Rechtsklick (oder lange drücken) auf eine Nachricht.',
  help_dm_title: 'In Direktnachrichten',
  help_dm: 'Schreib mir in einfachen Worten: `zusammenfassen ford auf englisch`, `übersetze xiaomi ins französische`, `zitate ford`, `artikel`, `hilfe`.',
};
