import type { Article } from '../articles/types.js';
import type { UserError } from '../errors.js';

/** The summary lengths, shortest first (how many sentences each takes: offline/summarize.ts). */
export const SUMMARY_LENGTHS = ['short', 'medium', 'long'] as const;
export type SummaryLength = (typeof SUMMARY_LENGTHS)[number];

/** Who asked; used for token accounting and cooldowns, never sent to the model. */
export interface Requester {
  userId?: string;
  guildId?: string;
}

/** Default summary length when none is asked for. */
export const DEFAULT_LENGTH: SummaryLength = 'medium';
/** Default number of quotes, and the most one request may ask for (1 to this, on every surface). */
export const DEFAULT_QUOTE_COUNT = 3;
export const MAX_QUOTE_COUNT = 10;

/** What someone asked Herald to do, however they asked (slash command, DM, console). */
export type BriefingRequest =
  | { kind: 'summarize'; article: string; length: SummaryLength; language?: string }
  | { kind: 'translate'; article: string; language: string }
  | { kind: 'quote'; article: string; count: number; language?: string }
  | { kind: 'articles'; query?: string; page?: number }
  /** A question; `article` narrows it to one, `about` + `context` continue a reply chain (see src/ask). */
  | { kind: 'ask'; question: string; article?: string; about?: string[]; context?: string[]; locale?: string }
  | { kind: 'help'; topic?: string; unrecognized?: string }
  /** Read, but wrong in a way the asker can fix (a bad option, a typo): answered with `error`. */
  | { kind: 'mistake'; error: UserError };

/** A finished piece of text about one article, ready for any renderer. */
export interface BriefingResult {
  kind: 'summarize' | 'translate' | 'quote';
  /** `source`: where a feed or link article came from, for the answer to cite. */
  article: Pick<Article, 'id' | 'headline' | 'language' | 'source'>;
  /** ISO 639-1 code of the text in `paragraphs` (or of the quotes' translation). */
  language: string;
  /** Translations: the headline in `language` (the renderer's title; `article.headline` is the original). */
  headline?: string;
  /** The text, as paragraphs; quotes are one paragraph each. */
  paragraphs: string[];
  /** For quotes with a translation: the original verbatim passages, parallel to `paragraphs`. */
  originals?: string[];
  /** "openai/gpt-4o-mini" or "offline/extractive". */
  model: string;
  /** Served from the cache without a model call. */
  cached: boolean;
  /** Plain-English notices, e.g. "No LLM configured: summary is in German". */
  notices: BriefingNotice[];
}

export interface BriefingNotice {
  /**
   * `llm_fallback`: the model failed and the offline engine answered instead;
   * `llm_incomplete`: the model's answer stayed cut off, and the offline engine answered instead;
   * `translation_incomplete`: part of a translation stayed cut off (marked "…");
   * `same_language`: a translation into the text's own language returns the original;
   * `quotes_headline_only`: the article is only a headline, so it has no passage to quote.
   */
  code:
    | 'language_fallback'
    | 'quotes_filled_offline'
    | 'quotes_fewer'
    | 'quotes_headline_only'
    | 'llm_fallback'
    | 'llm_incomplete'
    | 'translation_incomplete'
    | 'same_language';
  message: string;
  params?: Record<string, string | number>;
}
