/** What the console answers to `help` and to text it cannot read. */
export const CONSOLE_HELP = `Herald answers requests about the news articles in its seeds folder.

Plain words:
  summarize ford                 a medium summary in the article's language
  summarize ford short in english
  translate ford to french       needs an LLM (OPENAI_BASE_URL or OPENAI_API_KEY)
  quotes ford                    the most telling verbatim passages
  ask what did ford say          an answer from the articles, citing its sentences (also: frage …)
  articles                       list the articles;  articles ford  searches;  articles page 2
  digest preview                 what the next digest would post (English, short), not posted
  digest preview in german long  also: Digest Vorschau auf Deutsch kurz
  help                           this text

Slash syntax, as on Discord:
  /summarize article:ford length:short language:en
  /translate article:ford language:english
  /quote article:ford count:3
  /ask question:what did ford say about xiaomi article:ford
  /articles query:ford page:2
  /digest preview language:de length:short

Ctrl-C cancels a request in flight (its model call too); at the prompt it leaves.
An article is named by its id (the file name) or by words of its headline.`;

/** The same help for a request in German words (`hilfe`); every example is one the console understands. */
export const CONSOLE_HELP_DE = `Herald beantwortet Anfragen zu den Nachrichtenartikeln in seinem seeds-Ordner.

In Worten:
  fasse ford zusammen                     eine mittellange Zusammenfassung in der Sprache des Artikels
  fasse ford kurz auf englisch zusammen
  übersetze ford ins französische         braucht ein Sprachmodell (OPENAI_BASE_URL oder OPENAI_API_KEY)
  zitate ford 3                           die aussagekräftigsten Stellen, wörtlich
  frage was sagte ford über xiaomi        eine Antwort aus den Artikeln, mit ihren Sätzen belegt
  artikel                                 die Artikel;  artikel ford  sucht;  artikel seite 2
  digest vorschau auf deutsch kurz        was der nächste Digest posten würde (nichts wird gepostet)
  hilfe                                   dieser Text

Slash-Befehle wie auf Discord:
  /summarize article:ford length:short language:de
  /translate article:ford language:französisch
  /quote article:ford count:3
  /ask question:was sagte ford über xiaomi article:ford
  /articles query:ford page:2
  /digest preview language:de length:short

Strg-C bricht eine laufende Anfrage ab (auch ihren Aufruf des Sprachmodells); an der Eingabe beendet es.
Ein Artikel wird mit seiner Id (dem Dateinamen) oder mit Wörtern seiner Überschrift genannt.`;

/** Help for one command, shown when its request could not be read. */
export const HELP_TOPICS: Readonly<Record<string, string>> = {
  summarize: 'Usage: summarize <article> [short|medium|long] [in <language>]   e.g. summarize ford short in english',
  translate: 'Usage: translate <article> to <language>   e.g. translate ford to french',
  quote: 'Usage: quotes <article> [count 1-10] [in <language>]   e.g. quotes ford 3',
  ask: 'Usage: ask <question>   e.g. ask what did ford say about xiaomi',
  digest: 'Usage: digest preview [in <language>] [short|medium|long]   e.g. digest preview in german short',
};

/** The same, for a request in German words. */
export const HELP_TOPICS_DE: Readonly<Record<string, string>> = {
  summarize: 'So geht es: fasse <Artikel> [kurz|mittel|lang] [auf <Sprache>] zusammen   z. B. fasse ford kurz auf englisch zusammen',
  translate: 'So geht es: übersetze <Artikel> in <Sprache>   z. B. übersetze ford ins französische',
  quote: 'So geht es: zitate <Artikel> [Anzahl 1–10] [auf <Sprache>]   z. B. zitate ford 3',
  ask: 'So geht es: frage <Frage>   z. B. frage was sagte ford über xiaomi',
  digest: 'So geht es: digest vorschau [auf <Sprache>] [kurz|mittel|lang]   z. B. digest vorschau auf deutsch kurz',
};
