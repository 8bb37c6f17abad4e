import type { FailureTexts } from './failure-format.js';
/** Herald's user-facing strings in English; every other locale has the same keys. */
export const en = {
  // Errors
  error_took_too_long: 'This is taking longer than Discord lets me answer here. I am still working on it: ask again in a few minutes and the answer will come at once.',

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
  notice_quotes_headline_only: 'This article is only a headline, so there is nothing to quote.',
  notice_llm_fallback: 'The language model is not available right now, so this was made offline.',
  notice_llm_incomplete: 'The language model’s answer was cut off, so this was made offline.',
  notice_translation_incomplete: 'This translation is incomplete: the language model’s answer was cut off where you see “…”.',
  notice_same_language: 'The text is already in that language, so here it is unchanged.',
  jump_to_message: 'Original message',
  language_unknown: 'language unknown',
  // /ask
  kind_ask: 'Answer',
  ask_refused: 'I found nothing in the articles that answers “{question}”. I only answer from the articles, so I would rather not guess.',
  ask_according_to: 'According to {source}:',
  ask_sources: 'Sources',
  ask_notice_llm_fallback: 'The language model is not available right now, so this answer was made without it, from the best-matching sentences.',
  ask_notice_citations_dropped: 'Some citations were not in the articles and were removed, with what they were meant to support.',
  ask_notice_not_translated: 'The sentences are quoted in the article’s language: without the language model they are not translated.',

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
  // /feed
  feed_added: 'Added the feed **{title}** with {count} articles. They are listed, searched, summarized and digested in this server only.',
  feed_removed: 'Removed the feed **{title}** and its articles.',
  feed_list_empty: 'This server reads no feeds of its own yet. Add one with `/feed add`.',
  feed_list_title: 'Feeds ({count}/{max})',
  feed_list_ok: 'Last read {when} · {count} articles',
  feed_list_never: 'Not read yet',
  feed_list_error: '⚠️ Last attempt failed: {error}',
  feed_list_failing_since: 'Failing since {when}',
  feed_health_down: '⚠️ The news feed “{title}” ({host}) has failed for {hours} hours: {error}. Herald keeps trying and will say here when it works again; `/feed list` shows every feed’s state.',
  feed_health_recovered: '✅ The news feed “{title}” ({host}) works again; its new articles come in as before.',
  feed_error_not_found: 'the feed was not found (404)',
  feed_error_timed_out: 'the site did not answer in time',
  feed_error_private_address: 'it points to a private network address',
  feed_error_not_a_feed: 'the address no longer gives an RSS, Atom or JSON feed',
  feed_error_rate_limited: 'the site asked Herald to slow down',
  feed_error_unreachable: 'the site could not be reached or refused',
  feed_error_too_large: 'the feed is larger than Herald reads (5 MB)',
  feed_error_redirects: 'the address redirects in a loop or too many times',
  feed_error_http: 'the site answered with an error',
  feed_error_certificate: 'the site’s HTTPS certificate is not trusted (self-signed, expired or for another name)',
  digest_run_posted: '✅ `{id}`: posted {articles} articles in {messages} messages to {channel}.',
  digest_run_nothing_new: '➖ `{id}`: nothing new since the last digest, nothing posted.',
  digest_run_paused: '⏸️ `{id}`: paused, {detail}.',
  digest_run_paused_default: 'Discord refused the channel',
  digest_run_retrying: '⏳ `{id}`: not delivered yet ({detail}); Herald retries automatically.',
  digest_run_retrying_default: 'error',
  digest_run_busy: '⏳ `{id}`: a digest is being posted right now; it appears in {channel} in a moment.',
  digest_run_gone: '➖ `{id}`: removed meanwhile; nothing posted.',
  digest_run_already: '➖ `{id}`: this digest was posted a moment ago; nothing posted again.',
  digest_run_failed: '❌ `{id}`: not delivered ({detail}).',
  digest_run_blocked: '⛔ `{id}`: {problem}',
  digest_more: '…and {count} more updated articles.',
  digest_update: 'Update',
  digest_sources: 'Sources: {list}',
  digest_sources_more: '+{count} more',
  // Why a digest failed or paused (src/digests DigestNote codes)
  // /briefing (personal briefings by DM)
  briefing_subscribed: 'Your briefing `{id}`: every day at {time} {timezone}, {language}, {length}, by direct message. First one: {first}.',
  briefing_removed: 'Removed your briefing `{id}` ({time} {timezone}).',
  briefing_list_empty: 'You have no personal briefing yet. Get one with `/briefing subscribe`.',
  briefing_list_title: 'Your briefings ({count}/{max})',
  briefing_list_paused: '⏸️ Paused: {reason}. Allow direct messages from Herald, then `/briefing subscribe` with the same settings resumes it.',
  briefing_paused_notice: '⏸️ Your personal briefing `{id}` is paused: Herald cannot send you direct messages. Allow direct messages from this server’s members (or from Herald), then use `/briefing subscribe` with the same settings to resume it.',
  briefing_list_paused_member: '⏸️ Paused: {reason}, so its feeds are no longer yours to read. Remove it with `/briefing remove id:{id}`, or subscribe again from a server you are in.',
  briefing_paused_notice_member: '⏸️ Your personal briefing `{id}` is paused: {reason}. `/briefing list` shows it; remove it, or subscribe again from a server you are in.',

  digest_note_channel_unknown: 'the channel no longer exists (Discord error 10003)',
  digest_note_channel_no_access: 'Herald lost access to the channel (Discord error 50001)',
  digest_note_channel_no_embeds: 'Herald lacks a permission in the channel: it needs View Channel, Send Messages and Embed Links (Discord error 50013)',
  digest_note_channel_lacks_permissions: 'Herald lacks {permissions} in the channel',
  digest_note_discord_refused: 'Discord refused the digest message (HTTP {status}, code {code})',
  digest_note_discord_error: 'Discord answered {status} (code {code})',
  digest_note_discord_status: 'Discord answered {status}',
  digest_note_discord_unreachable: 'could not reach Discord ({error})',
  digest_note_compose_failed: 'the summaries could not be written ({error})',
  digest_note_gave_up: 'gave up after {attempts} failed attempts',
  digest_note_offline: 'Herald was offline at {slot}',
  digest_note_store_unavailable: 'the digest store could not be used from {slot} on',
  digest_note_dms_closed: 'Herald cannot send you direct messages (Discord error 50007)',
  digest_note_member_left: 'you are no longer a member of {guild}',
  digest_note_member_left_unnamed: 'you are no longer a member of that server',
  digest_note_guild_left: 'Herald is no longer in {guild}',
  digest_note_guild_left_unnamed: 'Herald is no longer in that server',

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
  help_articles: '**/articles** `query` – list or search the articles.\nExample: `/articles query:ford`',
  help_digest:
    '**/digest** – daily digests in a channel (Manage Server).\nExample: `/digest subscribe channel:#news time:08:00 timezone:Europe/Berlin`',
  help_briefing: '**/briefing** – your own daily briefing by direct message, for every member.\nExample: `/briefing subscribe time:7am timezone:Europe/Berlin`',
  help_feed:
    '**/feed** – news feeds this server reads (Manage Server); `article` also takes a link to any news page.\nExample: `/feed add url:https://example.org/rss.xml`',
  help_ask:
    '**/ask** `question` `article` – an answer from the articles, with the sentences it rests on. Reply to any of my answers to ask a follow-up.\nExample: `/ask question:What did Ford say about Xiaomi?`',
  help_menus: '**Apps → Summarize message / Translate message** – right-click (or long-press) any message.',
  help_dm_title: 'In direct messages',
  help_dm: 'Write to me in plain words: `summarize ford in english`, `translate ford to french`, `quotes ford`, `ask what did ford say about xiaomi`, `articles`, `help`.',
} as const satisfies Record<string, string>;

export type Messages = { readonly [K in keyof typeof en]: string };

/**
 * What Herald says when it cannot do what was asked, one entry per UserError code (typed by its
 * params), in English. `f` shapes the values for where the text is read (Discord or plain text).
 */
export const enFailures: FailureTexts = {
  unexpected: ({ id }, f) =>
    f.surface === 'plain'
      ? `Sorry, something went wrong while answering that (error id ${id}).`
      : `Sorry, something went wrong on my side. Please try again in a moment; if it keeps happening, tell the server admins the error id \`${id}\`.`,
  article_not_found: ({ query, suggestions }, f) =>
    query.trim() === ''
      ? 'Please name an article: its id or some words from its headline.'
      : `I could not find an article matching “${f.echo(query)}”.\n` +
        (suggestions.length > 0 ? `Did you mean:${f.articles(suggestions)}` : 'Use `/articles` to see what I have.'),
  article_ambiguous: ({ query, candidates }, f) => `“${f.echo(query)}” matches more than one article. Please pick one:${f.articles(candidates)}`,
  language_unknown: ({ input, suggestions }, f) =>
    input === ''
      ? 'Please name a language. Try an ISO code like `en` or a name like `German`.'
      : `I do not know the language “${f.echo(input)}”. Try an ISO code like \`en\` or a name like \`German\`.` +
        (suggestions.length > 0 ? `\nDid you mean: ${f.few(suggestions).map(f.languageNamed).join(', ')}` : ''),
  translation_unavailable: ({ language }, f) =>
    `I cannot translate into ${f.language(language)}: that needs a language model, and none is configured here. Whoever hosts Herald can set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.`,
  llm_unavailable: () => 'The language model is not available right now. Please try again in a few minutes.',
  llm_rate_limited: () => 'The language model is busy right now. Please try again in a minute.',
  budget_exhausted: ({ resetsAt }, f) => {
    const resets = f.when(resetsAt);
    return `I have used up today’s budget for the language model; cached answers still work. ${resets === undefined ? 'Please try again tomorrow.' : `It resets ${resets}.`}`;
  },
  cooldown: ({ seconds }, f) => `You’re going fast — try again in ${seconds} ${f.plural(seconds) === 'one' ? 'second' : 'seconds'}.`,
  quote_count: ({ min, max }) => `The number of quotes must be a whole number from ${min} to ${max}.`,
  invalid_choice: ({ option, input, choices }, f) => `${option} is ${f.or(choices)}, not “${f.echo(input)}”.`,
  unknown_option: ({ command, option, known }, f) => `unknown option ${f.echo(option)}: /${command} takes ${f.and(known)}.`,
  did_you_mean_request: ({ input, request }, f) => `“${f.echo(input)}” is not something I know. Did you mean “${f.echo(request)}”?`,
  unknown_command: () => 'This command is not available any more. Try `/help`.',
  empty_message: () => 'That message has no text I could work with.',
  question_empty: () => 'Please ask a question, for example `/ask question:What did Ford say about Xiaomi?`',
  question_too_long: ({ length, max }) => `That question is ${length} characters long; please keep it under ${max}.`,
  guild_only: ({ command }) => `${command} works in servers only.`,
  missing_permission: ({ permission }, f) => `You need the **${f.permission(permission)}** permission for that.`,
  subscription_duplicate: ({ id }) => `That channel already gets this digest (subscription \`${id}\`).`,
  subscription_limit: ({ limit }) => `This server already has ${limit} digest subscriptions, the most Herald allows. Remove one with \`/digest remove\` first.`,
  briefing_limit: ({ limit }) => `You already have ${limit} personal briefings, the most Herald allows. Remove one with \`/briefing remove\` first.`,
  briefing_duplicate: ({ id }) => `You already get this briefing (\`${id}\`).`,
  briefing_not_found: ({ input }, f) => `You have no personal briefing "${f.echo(input)}". \`/briefing list\` shows yours.`,
  subscription_not_found: ({ input }, f) => `This server has no digest subscription "${f.echo(input)}". \`/digest list\` shows the ids.`,
  no_subscriptions: () => 'This server has no digest subscriptions yet. Create one with `/digest subscribe`.',
  invalid_time: ({ input }, f) => `“${f.echo(input)}” is not a time of day. Use 24-hour HH:MM like 08:00 or 20:30, or 8am / 8 pm.`,
  invalid_timezone: ({ input, suggestions }, f) =>
    `“${f.echo(input)}” is not a time zone. ` +
    (suggestions.length > 0 ? `Did you mean ${f.or(f.few(suggestions))}?` : 'Use a name like Europe/Berlin or America/New_York.'),
  invalid_channel: ({ channel, reason, missing }, f) => {
    switch (reason) {
      case 'type':
        return 'Digests can go to text or announcement channels only.';
      case 'hidden':
        return `Herald cannot see ${f.channel(channel)} (deleted, or no **${f.permission('View Channel')}**).`;
      case 'missing':
        return `Herald is missing ${f.and(missing.map((name) => `**${f.permission(name)}**`))} in ${f.channel(channel)}. Give Herald’s role that permission in the channel settings, then try again.`;
    }
  },
  shutting_down: () => 'I am restarting right now. Please try again in a minute.',
  storage_unavailable: () => 'My storage is unavailable right now, so nothing was changed. Please try again in a minute.',
  feed_refused: ({ url, reason }, f) => {
    const address = `“${f.echo(url)}”`;
    switch (reason) {
      case 'not_http':
        return `${address} is not a web address. Give the feed’s full http:// or https:// URL.`;
      case 'private_address':
        return `${address} points to a private network address, which Herald does not fetch.`;
      case 'not_found':
        return `${address} was not found (the site answered 404 or 410). Check the address.`;
      case 'timed_out':
        return `${address} did not answer in time. Try again later, or check the address.`;
      case 'not_a_feed':
        return `${address} is not an RSS, Atom or JSON feed. Many sites link their feed as “RSS” at the bottom of the page.`;
      case 'unreachable':
        return `${address} could not be fetched (the site refused or could not be reached). Try again later.`;
      case 'certificate':
        return `${address} was not fetched: the site’s HTTPS certificate is not trusted (self-signed, expired or for another name).`;
    }
  },
  link_refused: ({ url, reason }, f) => {
    const address = `“${f.echo(url)}”`;
    switch (reason) {
      case 'not_http':
        return `${address} is not a web address I can open.`;
      case 'private_address':
        return `${address} points to a private network address, which Herald does not fetch.`;
      case 'not_found':
        return `${address} was not found (the site answered 404 or 410).`;
      case 'timed_out':
        return `${address} did not answer in time. Please try again later.`;
      case 'no_article':
        return `I found no article text at ${address} (the page may need a subscription or JavaScript).`;
      case 'unreachable':
        return `${address} could not be fetched (the site refused or could not be reached). Please try again later.`;
      case 'certificate':
        return `${address} was not fetched: the site’s HTTPS certificate is not trusted (self-signed, expired or for another name).`;
    }
  },
  feed_duplicate: ({ url }, f) => `This server already reads “${f.echo(url)}”.`,
  feed_unknown: ({ input }, f) => `This server has no feed “${f.echo(input)}”. \`/feed list\` shows them.`,
  feed_limit: ({ limit }) => `This server already reads ${limit} feeds, the most Herald allows. Remove one with \`/feed remove\` first.`,
};
