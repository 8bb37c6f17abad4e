/** Herald's user-facing strings in English; every other locale has the same keys. */
export const en = {
  // Errors
  error_apology:
    'Sorry, something went wrong on my side. Please try again in a moment; if it keeps happening, tell the server admins the error id `{id}`.',
  error_article_not_found: 'I could not find an article matching “{query}”.',
  error_article_not_found_none: 'Use `/articles` to see what I have.',
  error_article_ambiguous: '“{query}” matches more than one article. Please pick one:',
  error_language_unknown: 'I do not know the language “{input}”. Try an ISO code like `en` or a name like `German`.',
  error_did_you_mean: 'Did you mean:',
  error_unknown_command: 'This command is not available any more. Try `/help`.',
  error_empty_message: 'That message has no text I could work with.',
  error_shutting_down: 'I am restarting right now. Please try again in a minute.',
  error_budget_exhausted: 'I have used up today’s budget for the language model. Please try again tomorrow.',
  error_llm_unavailable: 'The language model is not reachable right now. Please try again in a few minutes.',
  error_llm_rate_limited: 'The language model is busy right now. Please try again in a minute.',
  error_cooldown: 'You are sending requests a bit fast. Please wait a moment and try again.',
  error_article_too_large: 'That article is too large for me to work with.',
  error_input_too_long: 'That text is too long for me to work with.',
  error_translation_unavailable: 'I cannot translate without a language model, and none is configured here.',
  error_missing_permission: 'You need the Manage Server permission for that.',

  // Results
  kind_summarize: 'Summary',
  kind_translate: 'Translation',
  kind_quote: 'Quotes',
  kind_summarize_message: 'Summary of a message',
  kind_translate_message: 'Translation of a message',
  footer_cached: 'cached',
  footer_fresh: 'fresh',
  working: 'Working on it…',
  result_empty: '(nothing to show)',
  notice_language_fallback: 'No language model is configured, so this is in the article’s language.',
  notice_quotes_filled_offline: 'Some quotes were picked without the language model.',
  notice_quotes_fewer: 'The article has fewer quotable passages than you asked for.',
  notice_llm_fallback: 'The language model is not available right now, so this was made offline.',
  notice_same_language: 'The text is already in that language, so here it is unchanged.',
  jump_to_message: 'Original message',

  // /articles
  articles_title: 'Articles',
  articles_title_query: 'Articles matching “{query}”',
  articles_none: 'There are no articles yet.',
  articles_none_query: 'No article matches “{query}”. Try other words, or `/articles` without a query.',
  articles_line: '`{id}` · {language} · {words} words',
  articles_page: 'Page {page} of {pages} · {total} articles',
  articles_previous: 'Previous',
  articles_next: 'Next',

  // Direct messages
  dm_too_long:
    'That message is a bit long for me ({length} characters). Please keep requests under {max} characters, for example `summarize ford in english`.',
  dm_unrecognized: 'I did not understand “{text}”. Here is what I can do:',

  // /help
  help_title: 'Herald – news briefings',
  help_intro:
    'I summarize, translate and quote the news articles of this server. The `article` option takes an id or a few words of the headline; languages take codes (`de`) or names (`German`). Without a language I answer in your Discord language.',
  help_summarize: '**/summarize** `article` `length` `language` – a summary.\nExample: `/summarize article:ford length:short language:English`',
  help_translate: '**/translate** `article` `language` – the whole article, translated.\nExample: `/translate article:ford language:French`',
  help_quote: '**/quote** `article` `count` `language` – verbatim quotes, optionally translated.\nExample: `/quote article:ford count:3`',
  help_articles: '**/articles** `query` – list or search the articles.\nExample: `/articles query:xiaomi`',
  help_digest:
    '**/digest** – daily digests in a channel (Manage Server).\nExample: `/digest subscribe channel:#news time:08:00 timezone:Europe/Berlin`',
  help_menus: '**Apps → Summarize message / Translate message** – right-click (or long-press) any message.',
  help_dm_title: 'In direct messages',
  help_dm: 'Write to me in plain words: `summarize ford in english`, `translate xiaomi to french`, `quotes ford`, `articles`, `help`.',
} as const satisfies Record<string, string>;

export type Messages = { readonly [K in keyof typeof en]: string };
