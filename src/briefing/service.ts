import type { ArticleStore } from '../articles/store.js';
import { cacheKey, textHash } from '../cache/key.js';
import type { ResultCache } from '../cache/result-cache.js';
import { UserError } from '../errors.js';
import { resolveLanguage } from '../llm/languages.js';
import { parseQuotes, PROMPT_VERSION, quotePrompt } from '../llm/prompts.js';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../llm/types.js';
import type { Logger } from '../log.js';
import { digestSummaries, type DigestSummaries } from './digest-summaries.js';
import { callModel } from './model-call.js';
import { summarizeWithModel, translateWithModel, type ModelJob } from './model-jobs.js';
import {
  languageFallbackNotice,
  modelFallbackNotice,
  modelUserError,
  quotesFewerNotice,
  quotesFilledNotice,
  sameLanguageNotice,
  TRANSLATION_UNAVAILABLE_MESSAGE,
} from './notices.js';
import { offlineQuotes, offlineSummary } from './offline.js';
import { sourceOfArticle, sourceOfText, summaryLanguage, type Source } from './sources.js';
import type { BriefingNotice, BriefingResult, Requester, SummaryLength } from './types.js';
import type { UsageTracker } from './usage.js';
import { keepVerbatim } from './verbatim.js';

/** Lets a caller show text while the model is still writing it. */
export interface BriefingProgress {
  /**
   * The whole text so far (paragraphs separated by blank lines; a translation's headline first),
   * called after every streamed delta. Not called for cached or offline answers.
   */
  onPartial?: (text: string) => void;
  /**
   * The answer needs the model: nothing cached, limits passed, the call (or another caller's same
   * call) about to be waited for. Lets an interactive caller show "working on it" at once instead
   * of after a guess; may come more than once per request (quotes and their translation). The
   * model call waits for a returned promise (a failed one too): the acknowledgement goes out before
   * the model call's own work competes with it.
   */
  onModelCall?: () => void | Promise<void>;
}

export interface BriefingServiceDeps {
  articles: ArticleStore;
  /** The language model; without one, the offline engine answers. */
  model?: LanguageModel;
  cache: ResultCache;
  /** Books tokens and enforces the daily budget; nothing is booked without it. */
  usage?: UsageTracker;
  logger: Logger;
  /** The model's context window in tokens (LLM_CONTEXT_TOKENS). Default 8,192. */
  contextTokens?: number;
  /**
   * Called before every model call a request causes (never for cached or offline answers), with who
   * asked; throws a UserError to refuse, e.g. a per-user cooldown.
   */
  admit?: (who: Requester | undefined) => void;
}

export const OFFLINE_MODEL_LABEL = 'offline/extractive';
/** Most quotes one request may ask for. */
export const MAX_QUOTES = 10;
/** Bumped when the shape of cached values changes, so old entries are never misread. */
const VALUE_FORMAT = 1;
/** A failing model is logged as a warning at most this often (per kind of failure). */
const FAILURE_LOG_INTERVAL_MS = 60_000;

interface SummaryValue {
  paragraphs: string[];
}
interface TranslationValue {
  headline?: string;
  paragraphs: string[];
}
interface QuotesValue {
  quotes: string[];
  dropped: number;
  filled: number;
}

/**
 * Summaries, translations and quotes of articles (and of message text), from the language model
 * when there is one (cached, single-flight, within the daily budget) and from the offline engine
 * otherwise. Knows nothing of Discord: a reference and options in, a BriefingResult out.
 */
export class BriefingService {
  /** "openai/<model>" or "offline/extractive". */
  readonly modelLabel: string;
  readonly #articles: ArticleStore;
  readonly #model: LanguageModel | undefined;
  readonly #cache: ResultCache;
  readonly #usage: UsageTracker | undefined;
  readonly #admitHook: ((who: Requester | undefined) => void) | undefined;
  readonly #logger: Logger;
  readonly #contextTokens: number;
  readonly #lastFailureLog = new Map<string, number>();

  constructor(deps: BriefingServiceDeps) {
    this.#articles = deps.articles;
    this.#model = deps.model;
    this.#cache = deps.cache;
    this.#usage = deps.usage;
    this.#admitHook = deps.admit;
    this.#logger = deps.logger;
    this.#contextTokens = deps.contextTokens ?? 8_192;
    this.modelLabel = deps.model ? `${deps.model.provider}/${deps.model.model}` : OFFLINE_MODEL_LABEL;
  }

  /**
   * A summary of an article, in `language` (default: the article's). Offline, or when the model
   * fails, the offline engine answers in the article's language, with a notice saying why.
   * @throws UserError article_not_found | article_ambiguous | language_unknown | budget_exhausted
   */
  async summarize(ref: string, o: { length: SummaryLength; language?: string }, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    const source = sourceOfArticle(this.#articles.resolve(ref));
    return this.#summarize(source, o, who, progress);
  }

  /** A summary of free text, e.g. a message ("Summarize message"); result id "message". */
  async summarizeText(text: string, o: { length: SummaryLength; language?: string }, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    return this.#summarize(sourceOfText(text), o, who, progress);
  }

  /**
   * Summaries of a digest's articles in one model generation (cached per article set, language
   * and length); gaps are filled per article, offline each is extractive. See digest-summaries.ts.
   * @throws UserError article_not_found | article_ambiguous | language_unknown | budget_exhausted
   */
  async digestSummaries(refs: string[], o: { length: SummaryLength; language?: string }, who?: Requester): Promise<DigestSummaries> {
    const sources = refs.map((ref) => sourceOfArticle(this.#articles.resolve(ref)));
    return digestSummaries(sources, o, {
      model: this.#model,
      modelLabel: this.modelLabel,
      offlineLabel: OFFLINE_MODEL_LABEL,
      cache: this.#cache,
      contextTokens: this.#contextTokens,
      logger: this.#logger,
      admit: async (w) => this.#admit(w),
      book: async (usage, w) => this.#book(usage, w),
      summarizeOne: async (source, w) => this.#summarize(source, o, w),
      summaryKey: (source) => this.#summaryKey(source, o.length, o.language === undefined ? undefined : resolveLanguage(o.language).code),
      logFailure: (operation, error) => this.#logFailure(operation, error),
    }, who);
  }

  /**
   * The article translated into `language`, headline included, paragraphs kept. Into the article's
   * own language it is the original, without a model call.
   * @throws UserError article_not_found | article_ambiguous | language_unknown |
   *   translation_unavailable (no model) | llm_unavailable | llm_rate_limited | budget_exhausted
   */
  async translate(ref: string, language: string, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    const source = sourceOfArticle(this.#articles.resolve(ref));
    return this.#translate(source, language, who, progress);
  }

  /** Free text translated into `language` ("Translate message"); result id "message". */
  async translateText(text: string, language: string, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    return this.#translate(sourceOfText(text), language, who, progress);
  }

  /**
   * `count` verbatim passages of the article. The model's picks are checked against the article
   * word for word (whitespace and quote marks aside); others are dropped and the offline ranking
   * fills the gap. With `language`, the quotes are also translated (`originals` keeps them).
   * @throws UserError article_not_found | article_ambiguous | language_unknown | invalid_option | budget_exhausted
   */
  async quote(ref: string, o: { count: number; language?: string }, who?: Requester, progress?: Pick<BriefingProgress, 'onModelCall'>): Promise<BriefingResult> {
    const source = sourceOfArticle(this.#articles.resolve(ref));
    const count = checkCount(o.count);
    const requested = o.language === undefined ? undefined : resolveLanguage(o.language).code;
    const picked = await this.#quotes(source, count, who, progress?.onModelCall);
    const { quotes, notices } = picked;
    const original = (): BriefingResult =>
      this.#result({ kind: 'quote', source, language: source.language, paragraphs: quotes, model: picked.model, cached: picked.cached, notices });
    if (requested === undefined || requested === source.language || quotes.length === 0) return original();
    if (!this.#model || picked.model === OFFLINE_MODEL_LABEL) {
      // No model, or it just failed picking the quotes: asking it again to translate is pointless.
      notices.push(languageFallbackNotice('quotes', source.language, requested, this.#model ? 'unavailable' : 'offline'));
      return original();
    }
    const translated = await this.#withModelFallback('quote_translation', async () => {
      const key = this.#key('translate-passages', textHash(quotes.join('\n\n')), { language: requested });
      return this.#viaCache<TranslationValue>(key, who, async () => {
        return { paragraphs: await translateWithModel(quotes, requested, source.language, this.#job(who)) };
      }, progress?.onModelCall);
    });
    if (!translated) {
      notices.push(modelFallbackNotice('quote_translation'));
      return original();
    }
    return this.#result({
      kind: 'quote',
      source,
      language: requested,
      paragraphs: [...translated.value.paragraphs],
      originals: quotes,
      model: this.modelLabel,
      cached: picked.cached && translated.cached,
      notices,
    });
  }

  /** The quotes in the article's language: the model's (checked, cached), or offline ones. */
  async #quotes(source: Source, count: number, who?: Requester, onModelCall?: BriefingProgress['onModelCall']): Promise<{ quotes: string[]; model: string; cached: boolean; notices: BriefingNotice[] }> {
    const notices: BriefingNotice[] = [];
    const done = (quotes: string[], model: string, cached: boolean) => {
      if (quotes.length < count) notices.push(quotesFewerNotice(quotes.length, count));
      return { quotes, model, cached, notices };
    };
    if (!this.#model) return done(offlineQuotes(source, count), OFFLINE_MODEL_LABEL, false);
    const picked = await this.#withModelFallback('quote', async () => {
      const key = this.#key('quote', source.hash, { count });
      return this.#viaCache<QuotesValue>(key, who, async () => this.#pickQuotes(source, count, who), onModelCall);
    });
    if (!picked) {
      notices.push(modelFallbackNotice('quotes'));
      return done(offlineQuotes(source, count), OFFLINE_MODEL_LABEL, false);
    }
    if (picked.value.filled > 0) notices.push(quotesFilledNotice(picked.value.filled, picked.value.dropped));
    return done([...picked.value.quotes], this.modelLabel, picked.cached);
  }

  async #summarize(source: Source, o: { length: SummaryLength; language?: string }, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    const requested = o.language === undefined ? undefined : resolveLanguage(o.language).code;
    const offline = (reason: 'offline' | 'unavailable'): BriefingResult => {
      const notices: BriefingNotice[] = reason === 'unavailable' ? [modelFallbackNotice('summary')] : [];
      if (requested !== undefined && requested !== source.language) {
        notices.push(languageFallbackNotice('summary', source.language, requested, reason));
      }
      const paragraphs = offlineSummary(source, o.length);
      return this.#result({ kind: 'summarize', source, language: source.language, paragraphs, model: OFFLINE_MODEL_LABEL, cached: false, notices });
    };
    if (!this.#model) return offline('offline');

    const language = summaryLanguage(source, requested);
    const summary = await this.#withModelFallback('summarize', async () => {
      return this.#viaCache<SummaryValue>(this.#summaryKey(source, o.length, requested), who, async () => {
        const job = this.#job(who, progress?.onPartial);
        return { paragraphs: await summarizeWithModel(source, { length: o.length, language }, job) };
      }, progress?.onModelCall);
    });
    if (!summary) return offline('unavailable');
    return this.#result({
      kind: 'summarize',
      source,
      language,
      paragraphs: [...summary.value.paragraphs],
      model: this.modelLabel,
      cached: summary.cached,
      notices: [],
    });
  }

  async #translate(source: Source, languageInput: string, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    const language = resolveLanguage(languageInput).code;
    if (language === source.language) {
      return this.#result({
        kind: 'translate',
        source,
        language,
        headline: source.headline,
        paragraphs: [...source.paragraphs],
        model: this.modelLabel,
        cached: false,
        notices: [sameLanguageNotice(language)],
      });
    }
    const model = this.#model;
    if (!model) throw new UserError('translation_unavailable', TRANSLATION_UNAVAILABLE_MESSAGE, { language });

    const key = this.#key(source.kind === 'text' ? 'translate-text' : 'translate', source.hash, { language });
    let answer: { value: TranslationValue; cached: boolean };
    try {
      answer = await this.#viaCache<TranslationValue>(key, who, async () => {
        const job = this.#job(who, progress?.onPartial);
        if (!source.headline) return { paragraphs: await translateWithModel(source.paragraphs, language, source.language, job) };
        const [headline = '', ...paragraphs] = await translateWithModel([source.headline, ...source.paragraphs], language, source.language, job);
        return { headline, paragraphs };
      }, progress?.onModelCall);
    } catch (error) {
      if (!(error instanceof LanguageModelError)) throw error;
      this.#logFailure('translate', error);
      throw modelUserError(error);
    }
    return this.#result({
      kind: 'translate',
      source,
      language,
      ...(answer.value.headline === undefined ? {} : { headline: answer.value.headline }),
      paragraphs: [...answer.value.paragraphs],
      model: this.modelLabel,
      cached: answer.cached,
      notices: [],
    });
  }

  /** The model's quotes, kept only where verbatim, topped up offline. Runs inside the cache. */
  async #pickQuotes(source: Source, count: number, who?: Requester): Promise<QuotesValue> {
    const model = this.#model;
    if (!model) throw new Error('pickQuotes needs a model');
    const answer = await callModel(model, {
      messages: quotePrompt(source, count),
      maxTokens: 120 * count + 120,
      temperature: 0,
    });
    await this.#book(answer.usage, who);
    const candidates = parseQuotes(answer.text);
    const { kept, dropped } = keepVerbatim(candidates, source.paragraphs);
    const chosen = kept.slice(0, count);
    const fill = offlineQuotes(source, count - chosen.length, chosen);
    if (dropped.length > 0) {
      this.#logger.info({ article: source.id, dropped: dropped.length, kept: chosen.length }, 'Dropped model quotes that are not verbatim in the article');
    }
    return { quotes: [...chosen, ...fill], dropped: dropped.length, filled: fill.length };
  }

  /** Budget and caller limits, checked only when the model is about to be asked. */
  async #admit(who: Requester | undefined): Promise<void> {
    await this.#usage?.assertBudget();
    this.#admitHook?.(who);
  }

  /**
   * Cached model work. The per-user limit is checked before joining a computation others may
   * share, so one user's refusal never reaches another; the daily budget is global and is checked
   * only by the computation that actually calls the model. `onModelCall` comes after both checks,
   * so a refusal is never preceded by a sign of work.
   */
  async #viaCache<T>(key: string, who: Requester | undefined, compute: () => Promise<T>, onModelCall?: BriefingProgress['onModelCall']): Promise<{ value: T; cached: boolean }> {
    if (this.#admitHook && (await this.#cache.peek<T>(key)) === undefined) this.#admitHook(who);
    // The caller's signal is best effort: its failure must not fail a computation others may share.
    const signal = async () => {
      await onModelCall?.();
    };
    return this.#cache.getOrCompute<T>(
      key,
      async () => {
        await this.#usage?.assertBudget();
        await signal().catch(() => undefined);
        return compute();
      },
      () => void signal().catch(() => undefined),
    );
  }

  /**
   * Runs model work; on a LanguageModelError logs it and resolves to undefined so the caller can
   * answer offline. User errors (budget) and bugs pass through.
   */
  async #withModelFallback<T>(operation: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof LanguageModelError)) throw error;
      this.#logFailure(operation, error);
      return undefined;
    }
  }

  #job(who: Requester | undefined, onText?: (text: string) => void): ModelJob {
    const model = this.#model;
    if (!model) throw new Error('a model job needs a model');
    return {
      model,
      contextTokens: this.#contextTokens,
      book: async (usage) => this.#book(usage, who),
      ...(onText ? { onText } : {}),
    };
  }

  async #book(usage: TokenUsage, who: Requester | undefined): Promise<void> {
    await this.#usage?.record(usage, who);
  }

  /** Where the model's summary of `source` at this length, in `requested` or its own language, is cached. */
  #summaryKey(source: Source, length: SummaryLength, requested: string | undefined): string {
    const language = summaryLanguage(source, requested);
    return this.#key(source.kind === 'text' ? 'summarize-text' : 'summarize', source.hash, { length, language });
  }

  #key(op: string, hash: string, options: Record<string, unknown>): string {
    return cacheKey({ op, articleHash: hash, options: { ...options, format: VALUE_FORMAT }, model: this.modelLabel, promptVersion: PROMPT_VERSION });
  }

  #logFailure(operation: string, error: LanguageModelError): void {
    const now = Date.now();
    const last = this.#lastFailureLog.get(error.kind) ?? 0;
    const fields = { operation, model: this.modelLabel, kind: error.kind, status: error.statusCode, reason: error.message };
    if (now - last >= FAILURE_LOG_INTERVAL_MS) {
      this.#lastFailureLog.set(error.kind, now);
      this.#logger.warn(fields, 'Language model failed; the user got an offline answer or a polite error');
    } else {
      this.#logger.debug(fields, 'Language model failed again');
    }
  }

  /** The result about `source`; an absent headline or originals is left out, not set to undefined. */
  #result(r: Omit<BriefingResult, 'article'> & { source: Source }): BriefingResult {
    return {
      kind: r.kind,
      article: { id: r.source.id, headline: r.source.headline, language: r.source.language },
      language: r.language,
      ...(r.headline === undefined ? {} : { headline: r.headline }),
      paragraphs: r.paragraphs,
      ...(r.originals === undefined ? {} : { originals: r.originals }),
      model: r.model,
      cached: r.cached,
      notices: r.notices,
    };
  }
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_QUOTES) {
    throw new UserError('invalid_option', `The number of quotes must be a whole number from 1 to ${MAX_QUOTES}.`, { min: 1, max: MAX_QUOTES });
  }
  return count;
}
