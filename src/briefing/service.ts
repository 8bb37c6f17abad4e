import type { ScopedArticles } from '../articles/lookup.js';
import type { Article } from '../articles/types.js';
import { cacheKey, textHash } from '../cache/key.js';
import { transient, type ResultCache, type Transient } from '../cache/result-cache.js';
import { UserError } from '../errors.js';
import { resolveLanguage } from '../languages/index.js';
import { memoize } from '../memo.js';
import { parseQuotes, PROMPT_VERSION, quotePrompt } from './prompts.js';
import { IncompleteAnswerError } from '../llm/completeness.js';
import { currentScope } from '../llm/request-scope.js';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../llm/types.js';
import type { Logger } from '../log.js';
import { digestSummaries, type DigestSummaries } from './digest-summaries.js';
import { callForWholeAnswer } from './model-call.js';
import { summarizeWithModel, translateWithModel, type ModelJob } from './model-jobs.js';
import {
  languageFallbackNotice,
  modelFallbackNotice,
  modelIncompleteNotice,
  modelUserError,
  quotesFewerNotice,
  quotesFilledNotice,
  quotesHeadlineOnlyNotice,
  sameLanguageNotice,
  translationIncompleteNotice,
  type FallbackReason,
} from './notices.js';
import { offlineQuotes, offlineSummary } from './offline.js';
import { sourceOfArticle, sourceOfText, summaryLanguage, type Source } from './sources.js';
import { cachedModelWork } from './cached-model-work.js';
import { MAX_QUOTE_COUNT, type BriefingNotice, type BriefingResult, type Requester, type SummaryLength } from './types.js';
import type { UsageTracker } from './usage.js';
import { keepVerbatim } from './verbatim.js';

/** Lets a caller show text while the model is still writing it. */
export interface BriefingProgress {
  /**
   * The whole text so far (paragraphs separated by blank lines; a translation's headline first),
   * called after every streamed delta, with the id of the article it is about (none for free text).
   * Not called for cached or offline answers.
   */
  onPartial?: (text: string, articleId: string | undefined) => void;
  /**
   * The answer needs the model: nothing cached, limits passed, the call (or another caller's same
   * call) about to be waited for. Lets an interactive caller show "working on it" at once instead
   * of after a guess; may come more than once per request (quotes and their translation). The
   * model call waits for a returned promise (a failed one too): the acknowledgement goes out before
   * the model call's own work competes with it.
   */
  onModelCall?: () => void | Promise<void>;
}

/** What a service answering about articles (briefings, questions) is built from. */
export interface ArticleServiceDeps {
  /** Where references are resolved, in the requester's guild. */
  articles: ScopedArticles;
  /** A web address as the reference: the page's article, or undefined when `ref` is no web address. */
  links?: (ref: string) => Promise<Article> | undefined;
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
  admit?: (who: Requester | undefined) => void | Promise<void>;
}

export type BriefingServiceDeps = ArticleServiceDeps;

export const OFFLINE_MODEL_LABEL = 'offline/extractive';
/** Bumped when the shape of cached values changes, so old entries are never misread. */
const VALUE_FORMAT = 1;
/** The model could not answer (`unavailable`), or its answer stayed cut off (`incomplete`). */
type ModelFailure = { failed: Exclude<FallbackReason, 'offline'> };
/** A failing model is logged as a warning at most this often (per kind of failure). */
const FAILURE_LOG_INTERVAL_MS = 60_000;

interface SummaryValue {
  paragraphs: string[];
  /** The headline in the summary's language, when that is not the article's (absent in older entries and digest-made ones). */
  headline?: string;
}
interface TranslationValue {
  headline?: string;
  paragraphs: string[];
  /** Only on answers never cached: part of the translation stayed cut off. */
  incomplete?: true;
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
  readonly #articles: ScopedArticles;
  readonly #links: BriefingServiceDeps['links'];
  readonly #model: LanguageModel | undefined;
  readonly #cache: ResultCache;
  readonly #usage: UsageTracker | undefined;
  readonly #admitHook: ((who: Requester | undefined) => void | Promise<void>) | undefined;
  readonly #logger: Logger;
  readonly #contextTokens: number;
  readonly #lastFailureLog = new Map<string, number>();

  constructor(deps: BriefingServiceDeps) {
    this.#articles = deps.articles;
    this.#links = deps.links;
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
    const source = sourceOfArticle(await this.#resolve(ref, who));
    return this.#withHeadline(source, await this.#summarize(source, o, who, progress), who);
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
    const sources = (await Promise.all(refs.map(async (ref) => this.#resolve(ref, who)))).map(sourceOfArticle);
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
    const source = sourceOfArticle(await this.#resolve(ref, who));
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
   * @throws UserError article_not_found | article_ambiguous | language_unknown | quote_count | budget_exhausted
   */
  async quote(ref: string, o: { count: number; language?: string }, who?: Requester, progress?: Pick<BriefingProgress, 'onModelCall'>): Promise<BriefingResult> {
    const source = sourceOfArticle(await this.#resolve(ref, who));
    const count = checkCount(o.count);
    const requested = o.language === undefined ? undefined : resolveLanguage(o.language).code;
    const picked = await this.#quotes(source, count, who, progress?.onModelCall);
    const { quotes, notices } = picked;
    const original = (): BriefingResult =>
      this.#result({ kind: 'quote', source, language: source.language, paragraphs: quotes, model: picked.model, cached: picked.cached, notices });
    if (requested === undefined || requested === source.language || quotes.length === 0) return original();
    if (picked.offline) {
      // No model, or it just failed picking the quotes: asking it again to translate is pointless.
      notices.push(languageFallbackNotice('quotes', source.language, requested, picked.offline));
      return original();
    }
    const translated = await this.#withModelFallback('quote_translation', async () => {
      const key = this.#key('translate-passages', textHash(quotes.join('\n\n')), { language: requested });
      const answer = await this.#viaCache<TranslationValue>(
        key,
        who,
        async () => translationValue(await translateWithModel(quotes, requested, source.language, this.#job(who))),
        progress?.onModelCall,
      );
      // Half-translated quotes beside whole originals would misquote: show the originals instead.
      if (answer.value.incomplete) throw new IncompleteAnswerError('length');
      return answer;
    });
    if ('failed' in translated) {
      notices.push(fallbackNotice('quote_translation', translated.failed));
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

  /** The article `ref` names among those the requester's guild sees (seeds and operator feeds everywhere). */
  async #resolve(ref: string, who: Requester | undefined): Promise<Article> {
    return (await this.#links?.(ref)) ?? this.#articles.in(who?.guildId).resolve(ref);
  }

  /** The quotes in the article's language: the model's (checked, cached), or offline ones. */
  async #quotes(
    source: Source,
    count: number,
    who?: Requester,
    onModelCall?: BriefingProgress['onModelCall'],
  ): Promise<{ quotes: string[]; model: string; cached: boolean; notices: BriefingNotice[]; offline?: FallbackReason }> {
    const notices: BriefingNotice[] = [];
    const done = (quotes: string[], model: string, cached: boolean, offline?: FallbackReason) => {
      if (quotes.length < count) notices.push(quotesFewerNotice(quotes.length, count));
      return { quotes, model, cached, notices, ...(offline ? { offline } : {}) };
    };
    // A news flash has no body: saying so beats "0 of 3 quotes found", and no model can find more.
    if (source.paragraphs.length === 0) return { quotes: [], model: OFFLINE_MODEL_LABEL, cached: false, notices: [quotesHeadlineOnlyNotice()] };
    if (!this.#model) return done(offlineQuotes(source, count), OFFLINE_MODEL_LABEL, false, 'offline');
    const picked = await this.#withModelFallback('quote', async () => {
      const key = this.#key('quote', source.hash, { count });
      return this.#viaCache<QuotesValue>(key, who, async () => this.#pickQuotes(source, count, who), onModelCall);
    });
    if ('failed' in picked) {
      notices.push(fallbackNotice('quotes', picked.failed));
      return done(offlineQuotes(source, count), OFFLINE_MODEL_LABEL, false, picked.failed);
    }
    if (picked.value.filled > 0) notices.push(quotesFilledNotice(picked.value.filled, picked.value.dropped));
    return done([...picked.value.quotes], this.modelLabel, picked.cached);
  }

  async #summarize(source: Source, o: { length: SummaryLength; language?: string }, who?: Requester, progress?: BriefingProgress): Promise<BriefingResult> {
    const requested = o.language === undefined ? undefined : resolveLanguage(o.language).code;
    const offline = (reason: FallbackReason): BriefingResult => {
      const notices: BriefingNotice[] = reason === 'offline' ? [] : [fallbackNotice('summary', reason)];
      if (requested !== undefined && requested !== source.language) {
        notices.push(languageFallbackNotice('summary', source.language, requested, reason));
      }
      const paragraphs = offlineSummary(source, o.length);
      return this.#result({ kind: 'summarize', source, language: source.language, paragraphs, model: OFFLINE_MODEL_LABEL, cached: false, notices });
    };
    if (!this.#model) return offline('offline');

    // The article's language (detected on first read, 1–2 ms) is read only after the cache look-up
    // and the model call's announcement: a burst of requests about a new article defers first.
    const language = () => summaryLanguage(source, requested);
    const summary = await this.#withModelFallback('summarize', async () => {
      return this.#viaCache<SummaryValue>(this.#summaryKey(source, o.length, requested), who, async () => {
        const job = this.#job(who, partialsOf(source, progress));
        const into = language();
        return summarizeWithModel(source, { length: o.length, language: into, translateHeadline: needsHeadlineIn(source, into) }, job);
      }, progress?.onModelCall);
    });
    if ('failed' in summary) return offline(summary.failed);
    // Only a call that asked for the headline in another language returns one (same key, same decision).
    const headline = summary.value.headline;
    return this.#result({
      kind: 'summarize',
      source,
      language: language(),
      ...(headline === undefined ? {} : { headline }),
      paragraphs: [...summary.value.paragraphs],
      model: this.modelLabel,
      cached: summary.cached,
      notices: [],
    });
  }

  /**
   * A model summary titled in its own language: when its answer came without the translated
   * headline (a model that ignored the format, or a summary cached by a digest, whose items keep
   * their articles' headlines and so never ask for this), the headline is translated on its own.
   */
  async #withHeadline(source: Source, result: BriefingResult, who: Requester | undefined): Promise<BriefingResult> {
    if (result.headline !== undefined || result.model === OFFLINE_MODEL_LABEL || !needsHeadlineIn(source, result.language)) return result;
    const headline = await this.#headlineIn(source, result.language, who);
    return headline === undefined ? result : { ...result, headline };
  }

  /**
   * The headline alone in `language`; cached. Not counted against the user's cooldown a second
   * time, as it belongs to a request already admitted. Undefined when the model fails: the summary
   * is still worth showing under its original headline.
   */
  async #headlineIn(source: Source, language: string, who: Requester | undefined): Promise<string | undefined> {
    const key = this.#key('translate-headline', textHash(source.headline), { language });
    try {
      const answer = await this.#cache.getOrCompute<{ headline: string }>(key, async () => {
        await this.#usage?.assertBudget();
        const translation = await translateWithModel([source.headline], language, source.language, this.#job(who));
        // A headline cut off is no title: not shown, not cached.
        if (!translation.complete) throw new LanguageModelError('The translated headline was cut off', 'incomplete');
        return { headline: (translation.paragraphs[0] ?? '').replace(/\s+/g, ' ').trim() };
      });
      return answer.value.headline || undefined;
    } catch (error) {
      if (error instanceof LanguageModelError) this.#logFailure('translate_headline', error);
      else if (!(error instanceof UserError)) throw error;
      return undefined;
    }
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
    if (!model) throw new UserError('translation_unavailable', { language });

    const key = this.#key(source.kind === 'text' ? 'translate-text' : 'translate', source.hash, { language });
    let answer: { value: TranslationValue; cached: boolean };
    try {
      answer = await this.#viaCache<TranslationValue>(key, who, async () => {
        const job = this.#job(who, partialsOf(source, progress));
        if (!source.headline) return translationValue(await translateWithModel(source.paragraphs, language, source.language, job));
        const translation = await translateWithModel([source.headline, ...source.paragraphs], language, source.language, job);
        const [headline = '', ...paragraphs] = translation.paragraphs;
        return translationValue({ paragraphs, complete: translation.complete }, headline);
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
      notices: answer.value.incomplete ? [translationIncompleteNotice()] : [],
    });
  }

  /** The model's quotes, kept only where verbatim, topped up offline. Runs inside the cache. */
  async #pickQuotes(source: Source, count: number, who?: Requester): Promise<QuotesValue> {
    const model = this.#model;
    if (!model) throw new Error('pickQuotes needs a model');
    const answer = await callForWholeAnswer(
      model,
      { messages: quotePrompt(source, count), maxTokens: 120 * count + 120, temperature: 0 },
      { contextTokens: this.#contextTokens, book: async (usage) => this.#book(usage, who) },
    );
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
    await this.#admitHook?.(who);
  }

  /** Cached model work under the cache, the daily budget and the per-user check (see cachedModelWork). */
  #viaCache<T>(key: string, who: Requester | undefined, compute: () => Promise<T | Transient<T>>, onModelCall?: BriefingProgress['onModelCall']): Promise<{ value: T; cached: boolean }> {
    return cachedModelWork({ cache: this.#cache, usage: this.#usage, admit: this.#admitHook }, key, who, compute, onModelCall);
  }

  /**
   * Runs model work; on a LanguageModelError logs it and says why, so the caller can answer
   * offline. User errors (budget) and bugs pass through.
   */
  async #withModelFallback<T extends object>(operation: string, work: () => Promise<T>): Promise<T | ModelFailure> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof LanguageModelError)) throw error;
      this.#logFailure(operation, error);
      return { failed: error.kind === 'incomplete' ? 'incomplete' : 'unavailable' };
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

  #key(op: string, hash: string, options: Record<string, string | number | undefined>): string {
    return this.#keys(JSON.stringify([op, hash, options]));
  }

  /**
   * Cache keys by their parts (flat options, so plain JSON names them): every request computes
   * one or two, and hashing them again for the same question is most of a cached answer's work.
   */
  readonly #keys = memoize((parts) => {
    const [op, articleHash, options] = JSON.parse(parts) as [string, string, Record<string, unknown>];
    return cacheKey({ op, articleHash, options: { ...options, format: VALUE_FORMAT }, model: this.modelLabel, promptVersion: PROMPT_VERSION });
  });

  #logFailure(operation: string, error: LanguageModelError): void {
    const now = Date.now();
    const last = this.#lastFailureLog.get(error.kind) ?? 0;
    const fields = { operation, model: this.modelLabel, kind: error.kind, status: error.statusCode, reason: error.message };
    const scope = currentScope();
    if (scope?.onModelFailure) {
      // The person who asked is told the cause directly (the console); a warning would repeat it.
      scope.onModelFailure(operation, error);
      this.#logger.debug(fields, 'Language model failed; the cause was told to the user');
      return;
    }
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
      article: { id: r.source.id, headline: r.source.headline, language: r.source.language, ...(r.source.link ? { source: r.source.link } : {}) },
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

/** What to cache of a translation: an incomplete one is handed back once and never stored. */
function translationValue(translation: { paragraphs: string[]; complete: boolean }, headline?: string): TranslationValue | Transient<TranslationValue> {
  const value: TranslationValue = { ...(headline === undefined ? {} : { headline }), paragraphs: translation.paragraphs };
  return translation.complete ? value : transient({ ...value, incomplete: true });
}

/** The notice for an offline answer given because the model failed or its answer stayed cut off. */
function fallbackNotice(what: 'summary' | 'quotes' | 'quote_translation', why: Exclude<FallbackReason, 'offline'>): BriefingNotice {
  return why === 'incomplete' ? modelIncompleteNotice(what) : modelFallbackNotice(what);
}

/**
 * A title in another language than the text under it reads as a mistake: a summary in another
 * language than its article's gets the headline translated. Not when the article's language is
 * undetermined: its headline may well be in the summary's language already.
 */
function needsHeadlineIn(source: Source, language: string): boolean {
  return source.headline.trim() !== '' && source.language !== 'und' && language !== source.language;
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_QUOTE_COUNT) {
    throw new UserError('quote_count', { min: 1, max: MAX_QUOTE_COUNT });
  }
  return count;
}

/** The progress listener for streamed text about `source`, told which article the text is about. */
function partialsOf(source: Source, progress: BriefingProgress | undefined): ((text: string) => void) | undefined {
  const onPartial = progress?.onPartial;
  if (!onPartial) return undefined;
  const articleId = source.kind === 'article' ? source.id : undefined;
  return (text) => onPartial(text, articleId);
}
