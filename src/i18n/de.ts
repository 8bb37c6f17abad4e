import type { FailureTexts } from './failure-format.js';
import type { Messages } from './en.js';

/** Herald's user-facing strings in German. */
export const de: Messages = {
  error_took_too_long: 'Das dauert länger, als Discord mich hier antworten lässt. Ich arbeite weiter daran: Frag in ein paar Minuten noch einmal, dann kommt die Antwort sofort.',

  permission_manage_server: 'Server verwalten',
  permission_view_channel: 'Kanal ansehen',
  permission_send_messages: 'Nachrichten senden',
  permission_embed_links: 'Links einbetten',

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
  notice_quotes_headline_only: 'Dieser Artikel besteht nur aus der Überschrift, es gibt also nichts zu zitieren.',
  notice_llm_fallback: 'Das Sprachmodell ist gerade nicht erreichbar, deshalb wurde dies offline erstellt.',
  notice_llm_incomplete: 'Die Antwort des Sprachmodells wurde abgeschnitten, deshalb wurde dies offline erstellt.',
  notice_translation_incomplete: 'Diese Übersetzung ist unvollständig: Die Antwort des Sprachmodells wurde bei „…“ abgeschnitten.',
  notice_same_language: 'Der Text ist bereits in dieser Sprache, hier ist er unverändert.',
  jump_to_message: 'Ursprüngliche Nachricht',
  language_unknown: 'Sprache unbekannt',
  // /ask
  kind_ask: 'Antwort',
  ask_refused: 'In den Artikeln habe ich nichts gefunden, das „{question}“ beantwortet. Ich antworte nur aus den Artikeln und rate lieber nicht.',
  ask_according_to: 'Laut {source}:',
  ask_sources: 'Quellen',
  ask_notice_llm_fallback: 'Das Sprachmodell ist gerade nicht erreichbar, daher entstand diese Antwort ohne es, aus den passendsten Sätzen.',
  ask_notice_citations_dropped: 'Einige Belege standen nicht in den Artikeln und wurden entfernt, samt dem, was sie stützen sollten.',
  ask_notice_not_translated: 'Die Sätze sind in der Sprache des Artikels zitiert: ohne das Sprachmodell werden sie nicht übersetzt.',

  articles_title: 'Artikel',
  articles_title_query: 'Artikel zu „{query}“',
  articles_none: 'Es gibt noch keine Artikel.',
  articles_none_query: 'Kein Artikel passt zu „{query}“. Versuche andere Wörter oder `/articles` ohne Suchbegriff.',
  articles_line: '`{id}` · {language} · {words} Wörter',
  articles_page: 'Seite {page} von {pages} · {total} Artikel',
  articles_previous: 'Zurück',
  articles_next: 'Weiter',

  digest_subscribed:
    '{channel} bekommt täglich um **{time} {timezone}** eine Übersicht auf {language} ({length}). ID: `{id}`.\nErste Übersicht: {first}. Mit `/digest preview` siehst du sie schon jetzt.',
  digest_removed: 'Übersicht `{id}` ({channel}, {time} {timezone}) entfernt.',
  digest_preview_nothing_new: 'Nichts Neues seit der letzten Übersicht: Die nächste wird nur gepostet, wenn Artikel hinzukommen oder sich ändern.',
  digest_preview_of: 'Vorschau von `{id}` (nicht gepostet):',
  digest_preview_first: 'Vorschau einer ersten Übersicht (nicht gepostet):',
  digest_list_empty: 'Noch keine Übersichten auf diesem Server. Lege eine mit `/digest subscribe` an.',
  digest_list_title: 'Übersichten ({count}/{max})',
  digest_list_paused: '⏸️ Pausiert: {reason}. Beheben, dann `/digest run id:{id}`.',
  digest_list_next: 'Nächster Lauf: {when}',
  digest_last_none: 'Letzter Lauf: noch keiner',
  digest_last_posted: 'Letzter Lauf: {at}, {articles} Artikel in {messages} Nachrichten gepostet',
  digest_last_nothing_new: 'Letzter Lauf: {at}, nichts Neues, nichts gepostet',
  digest_last_retrying: 'Letzter Lauf: {at}, fehlgeschlagen, wird automatisch wiederholt{detail}',
  digest_last_failed: 'Letzter Lauf: {at}, fehlgeschlagen{detail}',
  digest_last_paused: 'Letzter Lauf: {at}, von Discord abgelehnt{detail}',
  digest_last_missed: 'Letzter Lauf: ausgelassen, Herald war um {slot} offline (über 2 h)',
  digest_run_none: 'Keine Übersicht auszuführen.',
  feed_added: 'Feed **{title}** mit {count} Artikeln hinzugefügt. Sie werden nur auf diesem Server aufgelistet, durchsucht, zusammengefasst und in Übersichten aufgenommen.',
  feed_removed: 'Feed **{title}** und seine Artikel entfernt.',
  feed_list_empty: 'Dieser Server liest noch keine eigenen Feeds. Füge einen mit `/feed add` hinzu.',
  feed_list_title: 'Feeds ({count}/{max})',
  feed_list_ok: 'Zuletzt gelesen {when} · {count} Artikel',
  feed_list_never: 'Noch nicht gelesen',
  feed_list_error: '⚠️ Letzter Versuch fehlgeschlagen: {error}',
  feed_list_failing_since: 'Fehler seit {when}',
  feed_health_down: '⚠️ Der News-Feed „{title}“ ({host}) funktioniert seit {hours} Stunden nicht: {error}. Herald versucht es weiter und meldet hier, wenn er wieder funktioniert; `/feed list` zeigt den Zustand aller Feeds.',
  feed_health_recovered: '✅ Der News-Feed „{title}“ ({host}) funktioniert wieder; seine neuen Artikel kommen wie gewohnt.',
  feed_error_not_found: 'der Feed wurde nicht gefunden (404)',
  feed_error_timed_out: 'die Seite hat nicht rechtzeitig geantwortet',
  feed_error_private_address: 'er zeigt auf eine Adresse in einem privaten Netz',
  feed_error_not_a_feed: 'die Adresse liefert keinen RSS-, Atom- oder JSON-Feed mehr',
  feed_error_rate_limited: 'die Seite hat Herald gebeten, seltener abzurufen',
  feed_error_unreachable: 'die Seite war nicht erreichbar oder hat abgelehnt',
  feed_error_too_large: 'der Feed ist größer, als Herald liest (5 MB)',
  feed_error_redirects: 'die Adresse leitet im Kreis oder über zu viele Weiterleitungen weiter',
  feed_error_http: 'die Seite hat mit einem Fehler geantwortet',
  feed_error_certificate: 'dem HTTPS-Zertifikat der Seite wird nicht vertraut (selbst signiert, abgelaufen oder für einen anderen Namen)',
  digest_run_posted: '✅ `{id}`: {articles} Artikel in {messages} Nachrichten in {channel} gepostet.',
  digest_run_nothing_new: '➖ `{id}`: nichts Neues seit der letzten Übersicht, nichts gepostet.',
  digest_run_paused: '⏸️ `{id}`: pausiert, {detail}.',
  digest_run_paused_default: 'Discord hat den Kanal abgelehnt',
  digest_run_retrying: '⏳ `{id}`: noch nicht zugestellt ({detail}); Herald versucht es automatisch erneut.',
  digest_run_retrying_default: 'Fehler',
  digest_run_busy: '⏳ `{id}`: Gerade wird eine Übersicht gepostet; sie erscheint gleich in {channel}.',
  digest_run_gone: '➖ `{id}`: inzwischen entfernt; nichts gepostet.',
  digest_run_already: '➖ `{id}`: diese Übersicht wurde eben gepostet; nichts erneut gepostet.',
  digest_run_failed: '❌ `{id}`: nicht zugestellt ({detail}).',
  digest_run_blocked: '⛔ `{id}`: {problem}',
  digest_more: '…und {count} weitere aktualisierte Artikel.',
  digest_update: 'Aktualisierung',
  digest_sources: 'Quellen: {list}',
  digest_sources_more: '+{count} weitere',
  // /briefing (persönliche Briefings per Direktnachricht)
  briefing_subscribed: 'Dein Briefing `{id}`: jeden Tag um {time} {timezone}, {language}, {length}, per Direktnachricht. Das erste: {first}.',
  briefing_removed: 'Dein Briefing `{id}` ({time} {timezone}) ist entfernt.',
  briefing_list_empty: 'Du hast noch kein persönliches Briefing. Hol dir eines mit `/briefing subscribe`.',
  briefing_list_title: 'Deine Briefings ({count}/{max})',
  briefing_list_paused: '⏸️ Pausiert: {reason}. Erlaube Herald Direktnachrichten, dann setzt `/briefing subscribe` mit denselben Einstellungen es fort.',
  briefing_paused_notice: '⏸️ Dein persönliches Briefing `{id}` ist pausiert: Herald kann dir keine Direktnachrichten schicken. Erlaube Direktnachrichten von Mitgliedern dieses Servers (oder von Herald) und setze es dann mit `/briefing subscribe` und denselben Einstellungen fort.',
  briefing_list_paused_member: '⏸️ Pausiert: {reason}, seine Feeds sind also nicht mehr für dich. Entferne es mit `/briefing remove id:{id}` oder abonniere es neu in einem Server, in dem du Mitglied bist.',
  briefing_paused_notice_member: '⏸️ Dein persönliches Briefing `{id}` ist pausiert: {reason}. `/briefing list` zeigt es; entferne es oder abonniere es neu in einem Server, in dem du Mitglied bist.',

  digest_note_channel_unknown: 'der Kanal existiert nicht mehr (Discord-Fehler 10003)',
  digest_note_channel_no_access: 'Herald hat keinen Zugriff mehr auf den Kanal (Discord-Fehler 50001)',
  digest_note_channel_no_embeds: 'Herald fehlt im Kanal eine Berechtigung: Kanal ansehen, Nachrichten senden und Links einbetten (Discord-Fehler 50013)',
  digest_note_channel_lacks_permissions: 'Herald fehlt im Kanal {permissions}',
  digest_note_discord_refused: 'Discord hat die Nachricht der Übersicht abgelehnt (HTTP {status}, Code {code})',
  digest_note_discord_error: 'Discord antwortete mit {status} (Code {code})',
  digest_note_discord_status: 'Discord antwortete mit {status}',
  digest_note_discord_unreachable: 'Discord war nicht erreichbar ({error})',
  digest_note_compose_failed: 'die Zusammenfassungen konnten nicht geschrieben werden ({error})',
  digest_note_gave_up: 'nach {attempts} Fehlversuchen aufgegeben',
  digest_note_offline: 'Herald war um {slot} offline',
  digest_note_store_unavailable: 'der Speicher der Übersichten war ab {slot} nicht erreichbar',
  digest_note_dms_closed: 'Herald kann dir keine Direktnachrichten schicken (Discord-Fehler 50007)',
  digest_note_member_left: 'du bist nicht mehr Mitglied von {guild}',
  digest_note_member_left_unnamed: 'du bist nicht mehr Mitglied dieses Servers',
  digest_note_guild_left: 'Herald ist nicht mehr in {guild}',
  digest_note_guild_left_unnamed: 'Herald ist nicht mehr in diesem Server',

  dm_too_long:
    'Diese Nachricht ist etwas lang für mich ({length} Zeichen). Bitte halte Anfragen unter {max} Zeichen, zum Beispiel `zusammenfassen ford auf englisch`.',
  dm_unrecognized: '„{text}“ habe ich nicht verstanden. Das kann ich:',

  help_title: 'Herald – Nachrichten kurz gefasst',
  help_intro:
    'Ich fasse die Nachrichtenartikel dieses Servers zusammen, übersetze und zitiere sie. Die Option `article` nimmt eine ID oder ein paar Wörter der Überschrift; Sprachen nehmen Codes (`en`) oder Namen (`Englisch`). Ohne Sprache antworte ich in deiner Discord-Sprache.',
  help_summarize: '**/summarize** `article` `length` `language` – eine Zusammenfassung.\nBeispiel: `/summarize article:ford length:short language:Englisch`',
  help_translate: '**/translate** `article` `language` – der ganze Artikel, übersetzt.\nBeispiel: `/translate article:ford language:Französisch`',
  help_quote: '**/quote** `article` `count` `language` – wörtliche Zitate, auf Wunsch übersetzt.\nBeispiel: `/quote article:ford count:3`',
  help_articles: '**/articles** `query` – Artikel auflisten oder durchsuchen.\nBeispiel: `/articles query:ford`',
  help_digest:
    '**/digest** – tägliche Übersichten in einem Kanal (Server verwalten).\nBeispiel: `/digest subscribe channel:#news time:08:00 timezone:Europe/Berlin`',
  help_briefing: '**/briefing** – dein eigenes tägliches Briefing per Direktnachricht, für alle Mitglieder.\nBeispiel: `/briefing subscribe time:7am timezone:Europe/Berlin`',
  help_feed:
    '**/feed** – Nachrichten-Feeds, die dieser Server liest (Server verwalten); `article` nimmt auch einen Link auf eine Nachrichtenseite.\nBeispiel: `/feed add url:https://example.org/rss.xml`',
  help_ask:
    '**/ask** `question` `article` – eine Antwort aus den Artikeln, mit den Sätzen, auf denen sie beruht. Antworte auf eine meiner Nachrichten, um nachzufragen.\nBeispiel: `/ask question:Was sagte Ford über Xiaomi?`',
  help_menus: '**Apps → Nachricht zusammenfassen / Nachricht übersetzen** – Rechtsklick (oder lange drücken) auf eine Nachricht.',
  help_dm_title: 'In Direktnachrichten',
  help_dm: 'Schreib mir in einfachen Worten: `zusammenfassen ford auf englisch`, `übersetze ford ins französische`, `zitate ford`, `frage was sagte ford über xiaomi`, `artikel`, `hilfe`.',
};

/** What Herald says when it cannot do what was asked, in German (see enFailures). */
export const deFailures: FailureTexts = {
  unexpected: ({ id }) =>
    `Entschuldigung, bei mir ist etwas schiefgelaufen. Bitte versuche es gleich noch einmal; wenn es wieder passiert, nenne den Server-Admins die Fehler-ID \`${id}\`.`,
  article_not_found: ({ query, suggestions }, f) =>
    query.trim() === ''
      ? 'Bitte nenne einen Artikel: seine ID oder ein paar Wörter aus der Überschrift.'
      : `Ich habe keinen Artikel zu „${f.echo(query)}“ gefunden.\n` +
        (suggestions.length > 0 ? `Meintest du:${f.articles(suggestions)}` : 'Mit `/articles` siehst du, welche Artikel es gibt.'),
  article_ambiguous: ({ query, candidates }, f) => `„${f.echo(query)}“ passt zu mehreren Artikeln. Bitte wähle einen aus:${f.articles(candidates)}`,
  language_unknown: ({ input, suggestions }, f) =>
    input === ''
      ? 'Bitte nenne eine Sprache. Versuche einen ISO-Code wie `de` oder einen Namen wie `Deutsch`.'
      : `Die Sprache „${f.echo(input)}“ kenne ich nicht. Versuche einen ISO-Code wie \`de\` oder einen Namen wie \`Deutsch\`.` +
        (suggestions.length > 0 ? `\nMeintest du: ${f.few(suggestions).map(f.languageNamed).join(', ')}` : ''),
  translation_unavailable: ({ language }, f) =>
    `Ich kann nicht übersetzen (Zielsprache: ${f.language(language)}): Dafür braucht es ein Sprachmodell, und hier ist keines eingerichtet. Wer Herald betreibt, kann OPENAI_BASE_URL (z. B. ein lokales Ollama) oder OPENAI_API_KEY setzen.`,
  llm_unavailable: () => 'Das Sprachmodell ist gerade nicht erreichbar. Bitte versuche es in ein paar Minuten noch einmal.',
  llm_rate_limited: () => 'Das Sprachmodell ist gerade ausgelastet. Bitte versuche es in einer Minute noch einmal.',
  budget_exhausted: ({ resetsAt }, f) => {
    const resets = f.when(resetsAt);
    return `Das heutige Kontingent für das Sprachmodell ist aufgebraucht; Antworten aus dem Cache funktionieren weiter. ${resets === undefined ? 'Bitte versuche es morgen wieder.' : `Es wird ${resets} zurückgesetzt.`}`;
  },
  cooldown: ({ seconds }, f) => `Du bist etwas schnell – versuche es in ${seconds} ${f.plural(seconds) === 'one' ? 'Sekunde' : 'Sekunden'} noch einmal.`,
  quote_count: ({ min, max }) => `Die Anzahl der Zitate muss eine ganze Zahl von ${min} bis ${max} sein.`,
  invalid_choice: ({ option, input, choices }, f) => `${option} ist ${f.or(choices)}, nicht „${f.echo(input)}“.`,
  unknown_option: ({ command, option, known }, f) => `Unbekannte Option ${f.echo(option)}: /${command} kennt ${f.and(known)}.`,
  did_you_mean_request: ({ input, request }, f) => `„${f.echo(input)}“ kenne ich nicht. Meintest du „${f.echo(request)}“?`,
  unknown_command: () => 'Diesen Befehl gibt es nicht mehr. Versuche `/help`.',
  empty_message: () => 'Diese Nachricht enthält keinen Text, mit dem ich arbeiten könnte.',
  question_empty: () => 'Bitte stelle eine Frage, zum Beispiel `/ask question:Was sagte Ford über Xiaomi?`',
  question_too_long: ({ length, max }) => `Diese Frage ist ${length} Zeichen lang; bitte bleib unter ${max}.`,
  guild_only: ({ command }) => `${command} funktioniert nur auf Servern.`,
  missing_permission: ({ permission }, f) => `Dafür brauchst du die Berechtigung **${f.permission(permission)}**.`,
  subscription_duplicate: ({ id }) => `Dieser Kanal bekommt diese Übersicht schon (Übersicht \`${id}\`).`,
  subscription_limit: ({ limit }) => `Dieser Server hat schon ${limit} Übersichten, mehr erlaubt Herald nicht. Entferne zuerst eine mit \`/digest remove\`.`,
  briefing_limit: ({ limit }) => `Du hast schon ${limit} persönliche Briefings, mehr erlaubt Herald nicht. Entferne zuerst eines mit \`/briefing remove\`.`,
  briefing_duplicate: ({ id }) => `Dieses Briefing bekommst du schon (\`${id}\`).`,
  briefing_not_found: ({ input }, f) => `Du hast kein persönliches Briefing „${f.echo(input)}“. \`/briefing list\` zeigt deine.`,
  subscription_not_found: ({ input }, f) => `Dieser Server hat keine Übersicht „${f.echo(input)}“. \`/digest list\` zeigt die IDs.`,
  no_subscriptions: () => 'Dieser Server hat noch keine Übersichten. Lege eine mit `/digest subscribe` an.',
  invalid_time: ({ input }, f) => `„${f.echo(input)}“ ist keine Uhrzeit. Nutze 24-Stunden-Format HH:MM wie 08:00 oder 20:30, oder 8am / 8 pm.`,
  invalid_timezone: ({ input, suggestions }, f) =>
    `„${f.echo(input)}“ ist keine Zeitzone. ` +
    (suggestions.length > 0 ? `Meintest du ${f.or(f.few(suggestions))}?` : 'Nutze einen Namen wie Europe/Berlin oder America/New_York.'),
  invalid_channel: ({ channel, reason, missing }, f) => {
    switch (reason) {
      case 'type':
        return 'Übersichten gehen nur in Text- oder Ankündigungskanäle.';
      case 'hidden':
        return `Herald sieht ${f.channel(channel)} nicht (gelöscht oder ohne **${f.permission('View Channel')}**).`;
      case 'missing':
        return `Herald fehlt ${f.and(missing.map((name) => `**${f.permission(name)}**`))} in ${f.channel(channel)}. Gib Heralds Rolle diese Berechtigung in den Kanaleinstellungen und versuche es erneut.`;
    }
  },
  shutting_down: () => 'Ich starte gerade neu. Bitte versuche es in einer Minute noch einmal.',
  storage_unavailable: () => 'Mein Speicher ist gerade nicht verfügbar, daher wurde nichts geändert. Bitte versuche es in einer Minute noch einmal.',
  feed_refused: ({ url, reason }, f) => {
    const address = `„${f.echo(url)}“`;
    switch (reason) {
      case 'not_http':
        return `${address} ist keine Webadresse. Gib die vollständige http://- oder https://-Adresse des Feeds an.`;
      case 'private_address':
        return `${address} zeigt auf eine Adresse in einem privaten Netz; solche Adressen ruft Herald nicht ab.`;
      case 'not_found':
        return `${address} wurde nicht gefunden (die Seite antwortete mit 404 oder 410). Prüfe die Adresse.`;
      case 'timed_out':
        return `${address} hat nicht rechtzeitig geantwortet. Versuche es später noch einmal oder prüfe die Adresse.`;
      case 'not_a_feed':
        return `${address} ist kein RSS-, Atom- oder JSON-Feed. Viele Seiten verlinken ihren Feed als „RSS“ unten auf der Seite.`;
      case 'unreachable':
        return `${address} konnte nicht abgerufen werden (die Seite hat abgelehnt oder war nicht erreichbar). Versuche es später noch einmal.`;
      case 'certificate':
        return `${address} wurde nicht abgerufen: dem HTTPS-Zertifikat der Seite wird nicht vertraut (selbst signiert, abgelaufen oder für einen anderen Namen).`;
    }
  },
  link_refused: ({ url, reason }, f) => {
    const address = `„${f.echo(url)}“`;
    switch (reason) {
      case 'not_http':
        return `${address} ist keine Webadresse, die ich öffnen kann.`;
      case 'private_address':
        return `${address} zeigt auf eine Adresse in einem privaten Netz; solche Adressen ruft Herald nicht ab.`;
      case 'not_found':
        return `${address} wurde nicht gefunden (die Seite antwortete mit 404 oder 410).`;
      case 'timed_out':
        return `${address} hat nicht rechtzeitig geantwortet. Bitte versuche es später noch einmal.`;
      case 'no_article':
        return `Unter ${address} habe ich keinen Artikeltext gefunden (die Seite braucht vielleicht ein Abo oder JavaScript).`;
      case 'unreachable':
        return `${address} konnte nicht abgerufen werden (die Seite hat abgelehnt oder war nicht erreichbar). Bitte versuche es später noch einmal.`;
      case 'certificate':
        return `${address} wurde nicht abgerufen: dem HTTPS-Zertifikat der Seite wird nicht vertraut (selbst signiert, abgelaufen oder für einen anderen Namen).`;
    }
  },
  feed_duplicate: ({ url }, f) => `Dieser Server liest „${f.echo(url)}“ schon.`,
  feed_unknown: ({ input }, f) => `Dieser Server hat keinen Feed „${f.echo(input)}“. \`/feed list\` zeigt alle.`,
  feed_limit: ({ limit }) => `Dieser Server liest schon ${limit} Feeds, mehr erlaubt Herald nicht. Entferne zuerst einen mit \`/feed remove\`.`,
};
