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
  ask: { en: 'Ask a question, answered from the news articles with sources', de: 'Eine Frage stellen, beantwortet aus den Artikeln mit Belegen' },
  option_question: { en: 'Your question', de: 'Deine Frage' },
  option_ask_article: { en: 'Only this article (id or words of its headline)', de: 'Nur dieser Artikel (ID oder Wörter aus der Überschrift)' },
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
  digest: { en: 'Daily news digests in a channel (Manage Server)', de: 'Tägliche Nachrichtenübersicht in einem Kanal (Server verwalten)' },
  digest_subscribe: { en: 'Post a daily digest in a channel', de: 'Eine tägliche Übersicht in einem Kanal posten' },
  digest_list: { en: 'Show this server’s digests, next and last runs', de: 'Die Übersichten dieses Servers mit nächstem und letztem Lauf' },
  digest_remove: { en: 'Stop a digest', de: 'Eine Übersicht beenden' },
  digest_preview: { en: 'Show the next digest without posting it', de: 'Die nächste Übersicht zeigen, ohne sie zu posten' },
  digest_run: { en: 'Post the digest now', de: 'Die Übersicht jetzt posten' },
  option_digest_channel: { en: 'Text or announcement channel', de: 'Text- oder Ankündigungskanal' },
  option_digest_time: { en: 'Local time, e.g. 08:00, 8am, 20:30', de: 'Ortszeit, z. B. 08:00, 8am, 20:30' },
  option_digest_timezone: { en: 'IANA time zone, e.g. Europe/Berlin', de: 'IANA-Zeitzone, z. B. Europe/Berlin' },
  option_digest_language: { en: 'Language of the summaries (default: the server’s)', de: 'Sprache der Zusammenfassungen (Standard: die des Servers)' },
  option_digest_length: { en: 'Summary length per article (default short)', de: 'Länge je Artikel (Standard kurz)' },
  option_digest_id: { en: 'Subscription id (see /digest list)', de: 'ID der Übersicht (siehe /digest list)' },
  briefing: { en: 'Your own daily news briefing by direct message', de: 'Dein eigenes tägliches Nachrichten-Briefing per Direktnachricht' },
  briefing_subscribe: { en: 'Get a daily briefing by DM at your time', de: 'Täglich ein Briefing per DM zu deiner Uhrzeit bekommen' },
  briefing_list: { en: 'Show your briefings, next and last runs', de: 'Deine Briefings mit nächstem und letztem Lauf' },
  briefing_remove: { en: 'Stop one of your briefings', de: 'Eines deiner Briefings beenden' },
  option_briefing_language: { en: 'Language of the summaries (default: your Discord language)', de: 'Sprache der Zusammenfassungen (Standard: deine Discord-Sprache)' },
  option_briefing_id: { en: 'Briefing id (see /briefing list)', de: 'ID des Briefings (siehe /briefing list)' },
  option_digest_id_optional: { en: 'Subscription id (default: all / the first)', de: 'ID der Übersicht (Standard: alle / die erste)' },
  feed: { en: 'News feeds this server reads (Manage Server)', de: 'Nachrichten-Feeds dieses Servers (Server verwalten)' },
  feed_add: { en: 'Read an RSS, Atom or JSON feed in this server', de: 'Einen RSS-, Atom- oder JSON-Feed auf diesem Server lesen' },
  feed_list: { en: 'Show this server’s feeds with their last read and errors', de: 'Die Feeds dieses Servers mit letztem Abruf und Fehlern' },
  feed_remove: { en: 'Stop reading a feed and drop its articles', de: 'Einen Feed nicht mehr lesen und seine Artikel entfernen' },
  option_feed_url: { en: 'The feed’s address (http:// or https://)', de: 'Die Adresse des Feeds (http:// oder https://)' },
  option_feed: { en: 'The feed (see /feed list)', de: 'Der Feed (siehe /feed list)' },
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

/** The text of a key in a user's locale ("de", "en-US"...), English when there is none: for choices shown back in answers. */
export function commandTextIn(key: CommandTextKey, locale: string | undefined): string {
  const base = (locale ?? 'en').toLowerCase().split('-')[0];
  return base === 'de' ? commandText[key].de : commandText[key].en;
}
