// The codes and their params alone, so the catalogs can type their entries without importing the
// error classes (which build their log message from the English catalog).

/** A code whose text needs no values. */
type NoParams = Record<never, never>;

/** Discord's English names of the permissions Herald talks about; the catalogs name them per locale. */
export type PermissionName = 'Manage Server' | 'View Channel' | 'Send Messages' | 'Embed Links';

/**
 * Every kind of mistake or refusal a user can be told about, with the values its text needs. The
 * words themselves live only in the catalogs (src/i18n/en.ts, de.ts), one typed entry per code.
 */
export interface UserErrorParams {
  /** `suggestions`: ids of close articles, best first (none when nothing is close). */
  article_not_found: { query: string; suggestions: readonly string[] };
  /** `candidates`: ids of the articles that fit equally well. */
  article_ambiguous: { query: string; candidates: readonly string[] };
  /** `suggestions`: English names of close languages. */
  language_unknown: { input: string; suggestions: readonly string[] };
  /** `language`: the code of the language asked for. */
  translation_unavailable: { language: string };
  llm_unavailable: NoParams;
  llm_rate_limited: NoParams;
  /** `resetsAt`: ISO time the daily budget starts again. */
  budget_exhausted: { budget: number; resetsAt: string };
  cooldown: { seconds: number };
  /** A quote count outside what /quote allows. */
  quote_count: { min: number; max: number };
  /** A value outside an option's choices: `length is short, medium, or long, not “huge”`. */
  invalid_choice: { option: string; input: string; choices: readonly string[] };
  /** An option the command does not have. */
  unknown_option: { command: string; option: string; known: readonly string[] };
  /** A misspelled word of the request grammar, with the whole request as it was probably meant. */
  did_you_mean_request: { input: string; request: string };
  /** A message (context menu, DM text) with no words to work on. */
  empty_message: NoParams;
  /** /ask (or `ask …`) with no words to ask. */
  question_empty: NoParams;
  /** A question over MAX_QUESTION_CHARS. */
  question_too_long: { length: number; max: number };
  /** A command, subcommand or button Herald no longer has (a stale registration or message). */
  unknown_command: NoParams;
  /** A command used outside a server that works in servers only. */
  guild_only: { command: string };
  missing_permission: { permission: PermissionName };
  /** The channel already gets this digest; `id` is the existing subscription. */
  subscription_duplicate: { id: string };
  subscription_limit: { limit: number };
  /** The member already has this many personal briefings. */
  briefing_limit: { limit: number };
  /** The member already has a briefing with these settings; `id` is it. */
  briefing_duplicate: { id: string };
  /** The member has no personal briefing with the id they gave. */
  briefing_not_found: { input: string };
  /** No subscription with the id the user gave. */
  subscription_not_found: { input: string };
  /** The server has no subscriptions at all. */
  no_subscriptions: NoParams;
  invalid_time: { input: string };
  /** `suggestions`: close IANA names; none when nothing resembles the input. */
  invalid_timezone: { input: string; suggestions: readonly string[] };
  /** Why Herald cannot post digests in `channel`; `missing` lists permissions when `reason` is `missing`. */
  invalid_channel: { channel: string; reason: ChannelProblemReason; missing: readonly PermissionName[] };
  shutting_down: NoParams;
  storage_unavailable: NoParams;
  /** `/feed add` (or an article link) could not be used; nothing was stored. `url` as the user gave it. */
  feed_refused: { url: string; reason: FeedRefusal };
  /** The server already has this feed. */
  feed_duplicate: { url: string };
  /** No feed of the server matches what the user gave `/feed remove`. */
  feed_unknown: { input: string };
  feed_limit: { limit: number };
  /** A web address given as the article could not be used; `url` without tracking parameters. */
  link_refused: { url: string; reason: LinkRefusal };
}

export type UserErrorCode = keyof UserErrorParams;

/** Why a URL gave no feed (or page), in the words `/feed add` answers with. */
export type FeedRefusal = 'not_http' | 'private_address' | 'not_found' | 'timed_out' | 'not_a_feed' | 'unreachable' | 'certificate';

/** Why a web address given as an article gave no article text. */
export type LinkRefusal = 'not_http' | 'private_address' | 'not_found' | 'timed_out' | 'no_article' | 'unreachable' | 'certificate';

/** Why a channel cannot take digests: not a text channel, not visible to Herald, or permissions missing. */
export type ChannelProblemReason = 'type' | 'hidden' | 'missing';
