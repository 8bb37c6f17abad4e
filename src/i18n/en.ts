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
  error_budget_exhausted: 'I have used up today’s budget for the language model; cached answers still work. Please try again tomorrow.',
  error_budget_exhausted_resets: 'I have used up today’s budget for the language model; cached answers still work. It resets {resets}.',
  error_llm_unavailable: 'The language model is not available right now. Please try again in a few minutes.',
  error_llm_rate_limited: 'The language model is busy right now. Please try again in a minute.',
  error_cooldown_one: 'You’re going fast — try again in {seconds} second.',
  error_cooldown_other: 'You’re going fast — try again in {seconds} seconds.',
  error_article_too_large: 'That article is too large for me to work with.',
  error_input_too_long: 'That text is too long for me to work with.',
  error_translation_unavailable: 'I cannot translate into {language}: that needs a language model, and none is configured here. Whoever hosts Herald can set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.',
  error_missing_permission: 'You need the **{permission}** permission for that.',
  error_invalid_number: 'Please give a whole number from {min} to {max}.',
  error_subscription_duplicate: 'That channel already gets this digest (subscription `{id}`).',
  error_subscription_limit: 'This server already has {limit} digest subscriptions, the most Herald allows. Remove one with `/digest remove` first.',
  error_subscription_not_found: 'This server has no digest subscription "{input}". `/digest list` shows the ids.',
  error_subscription_none: 'This server has no digest subscriptions yet. Create one with `/digest subscribe`.',
  error_invalid_time: '“{input}” is not a time of day. Use 24-hour HH:MM like 08:00 or 20:30, or 8am / 8 pm.',
  error_invalid_timezone: '“{input}” is not a time zone. Did you mean {suggestions}?',
  error_invalid_timezone_none: '“{input}” is not a time zone. Use a name like Europe/Berlin or America/New_York.',
  error_channel_type: 'Digests can go to text or announcement channels only.',
  error_channel_hidden: 'Herald cannot see {channel} (deleted, or no **{permission}**).',
  error_channel_permissions: 'Herald is missing {permissions} in {channel}. Give Herald’s role that permission in the channel settings, then try again.',
  error_guild_only: '{command} works in servers only.',

  // Discord's names of the permissions Herald talks about
  permission_manage_server: 'Manage Server',
  permission_view_channel: 'View Channel',
  permission_send_messages: 'Send Messages',
  permission_embed_links: 'Embed Links',

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

  // /digest
  digest_subscribed:
    'Subscribed {channel} to a daily digest at **{time} {timezone}** in {language} ({length}). Id: `{id}`.\nFirst digest: {first}. Try `/digest preview` to see it now.',
  digest_removed: 'Removed digest `{id}` ({channel}, {time} {timezone}).',
  digest_preview_nothing_new: 'Nothing new since the last digest: the next one will not be posted unless articles are added or changed.',
  digest_preview_of: 'Preview of `{id}` (not posted):',
  digest_preview_first: 'Preview of a first digest (not posted):',
  digest_list_empty: 'No digests in this server yet. Create one with `/digest subscribe`.',
  digest_list_title: 'Digests ({count}/{max})',
  digest_list_paused: '⏸️ Paused: {reason}. Fix it, then `/digest run id:{id}`.',
  digest_list_next: 'Next run: {when}',
  digest_last_none: 'Last run: none yet',
  digest_last_posted: 'Last run: {at}, posted {articles} articles in {messages} messages',
  digest_last_nothing_new: 'Last run: {at}, nothing new, nothing posted',
  digest_last_retrying: 'Last run: {at}, failed, retrying automatically{detail}',
  digest_last_failed: 'Last run: {at}, failed{detail}',
  digest_last_paused: 'Last run: {at}, refused by Discord{detail}',
  digest_last_missed: 'Last run: skipped, Herald was offline at {slot} (over 2 h)',
  digest_run_none: 'No digest to run.',
  digest_run_posted: '✅ `{id}`: posted {articles} articles in {messages} messages to {channel}.',
  digest_run_nothing_new: '➖ `{id}`: nothing new since the last digest, nothing posted.',
  digest_run_paused: '⏸️ `{id}`: paused, {detail}.',
  digest_run_paused_default: 'Discord refused the channel',
  digest_run_retrying: '⏳ `{id}`: not delivered yet ({detail}); Herald retries automatically.',
  digest_run_retrying_default: 'error',
  digest_run_other: '➖ `{id}`: nothing to do ({status}).',
  digest_run_blocked: '⛔ `{id}`: {problem}',

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
