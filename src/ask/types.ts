import type { Article } from '../articles/types.js';

/** An article as an answer names it: enough to title, cite and link it. */
export type AskArticle = Pick<Article, 'id' | 'headline' | 'language' | 'source'>;

/** One sentence an answer rests on, exactly as its article writes it. */
export interface AskCitation {
  /** Index into AskResult.articles. */
  article: number;
  /** Verbatim: checked against the article before it is shown. */
  text: string;
  /** The sentence in the answer's language, when a model gave one and the article is in another. */
  translation?: string;
}

/** One statement of a model answer and the sentences that support it (never empty). */
export interface AskClaim {
  text: string;
  /** Indices into AskResult.citations. */
  citations: number[];
}

/**
 * Why the answer looks as it does: `llm_fallback` the model failed and the sentences were picked
 * offline; `citations_dropped` some of the model's citations were not in the articles and were
 * removed with what they supported; `not_translated` an offline answer quotes sentences in another
 * language than the asker's, as the article writes them.
 */
export type AskNotice = 'llm_fallback' | 'citations_dropped' | 'not_translated';

/** What /ask, `ask …` and replies produce; renderers turn it into messages. */
export interface AskResult {
  /** The question as asked (shown back, never markdown). */
  question: string;
  /** ISO 639-1 code the answer is written in (the asker's language). */
  language: string;
  /** False: the articles do not answer it, and the answer says so (a refusal, not an error). */
  answered: boolean;
  /**
   * Model answers: the statements, each with its citations. Extractive (offline) answers have
   * none: the citations themselves are the answer ("According to …: …").
   */
  claims: AskClaim[];
  citations: AskCitation[];
  /** The articles the question was asked about (cited or searched), first the cited ones. */
  articles: AskArticle[];
  /** "openai/<model>" or "offline/extractive". */
  model: string;
  cached: boolean;
  notices: AskNotice[];
}

/** How a question is narrowed and continued. */
export interface AskOptions {
  /** An article reference (id, headline words, link): the question is about this one only. */
  article?: string;
  /** Article ids a follow-up is about (the articles of the Herald message replied to). */
  about?: readonly string[];
  /** The reply chain, oldest first: earlier questions and answers, as plain text. */
  context?: readonly string[];
  /** The asker's locale (Discord) when the question's own language cannot be told. */
  locale?: string;
}
