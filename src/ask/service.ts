import { UNDETERMINED } from '../articles/language.js';
import type { ScopedBodies } from '../articles/recent-bodies.js';
import type { Article } from '../articles/types.js';
import { OFFLINE_MODEL_LABEL, type ArticleServiceDeps, type BriefingProgress } from '../briefing/service.js';
import { callForWholeAnswer } from '../briefing/model-call.js';
import { translateWithModel } from '../briefing/model-jobs.js';
import type { Requester } from '../briefing/types.js';
import { cacheKey, textHash } from '../cache/key.js';
import { cachedModelWork } from '../briefing/cached-model-work.js';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../llm/types.js';
import { askPrompt, ASK_PROMPT_VERSION, parseAskAnswer } from './prompt.js';
import { answerLanguage, normalizeQuestion, readQuestion } from './question.js';
import { MIN_COVERAGE, MODEL_MIN_COVERAGE, retrieve, type Passage, type Retrieval } from './retrieve.js';
import type { AskOptions, AskResult } from './types.js';
import { askArticle, checkCitations, type CheckedAnswer } from './verify.js';

export interface AskServiceDeps extends ArticleServiceDeps {
  /** The recent feed articles' bodies, which the article search does not index (issue 14's memory goal). */
  bodies?: ScopedBodies;
}

/** Sentences an offline answer shows: a short answer, not a summary. */
const OFFLINE_SENTENCES = 3;
/** Offline, a sentence far below the best is noise next to it. */
const OFFLINE_RELATIVE = 0.75;
/** Room for the model's statements and copied sentences. */
const ANSWER_TOKENS = 900;
/** The language a question in another is searched in again when its own words find nothing. */
const PIVOT_LANGUAGE = 'en';
/** Earlier messages of a reply chain sent to the model, newest kept. */
const MAX_CONTEXT_CHARS = 4_000;

/**
 * Answers questions from the articles the asker may see, and only from them: retrieval picks the
 * sentences, the model (when there is one) writes the answer citing them, and every citation is
 * checked verbatim before it is shown. Without a model, or when it fails, the best sentences
 * themselves are the answer. A question nothing answers is refused, never answered from memory.
 */
export class AskService {
  readonly modelLabel: string;
  readonly #deps: AskServiceDeps;

  constructor(deps: AskServiceDeps) {
    this.#deps = deps;
    this.modelLabel = deps.model ? `${deps.model.provider}/${deps.model.model}` : OFFLINE_MODEL_LABEL;
  }

  /**
   * @throws UserError question_empty | question_too_long | article_not_found | article_ambiguous |
   *   cooldown | budget_exhausted
   */
  async ask(text: string, options: AskOptions = {}, who?: Requester, progress?: Pick<BriefingProgress, 'onModelCall'>): Promise<AskResult> {
    const question = readQuestion(text);
    const language = answerLanguage(question, options.locale);
    const lookup = this.#deps.articles.in(who?.guildId);
    const bodies = this.#deps.bodies?.bodiesIn(who?.guildId);
    const about = options.article !== undefined ? [(await this.#deps.links?.(options.article)) ?? lookup.resolve(options.article)] : aboutArticles(options.about, (id) => lookup.get(id));
    let retrieval = retrieve(question, lookup, about, bodies);
    const base = { question, language, about: about ?? [] };
    const model = this.#deps.model;
    if (!model) return offlineAnswer(retrieval, base, []);
    if (about === undefined && retrieval.best < MODEL_MIN_COVERAGE && language !== PIVOT_LANGUAGE) {
      // A question in one language about articles in another shares few words with them but names:
      // searched again in English, the pivot most articles and models share.
      const pivot = await this.#pivotQuestion(model, question, language, who, progress?.onModelCall);
      const again = pivot === undefined ? undefined : retrieve(pivot, lookup, undefined, bodies);
      if (again && again.best > retrieval.best) retrieval = again;
    }
    // The articles barely touch the question: the model would only have its memory to answer from.
    if (retrieval.passages.length === 0 || (about === undefined && retrieval.best < MODEL_MIN_COVERAGE)) return refusal(base, this.modelLabel, false, []);
    const context = recentContext(options.context ?? []);
    const key = cacheKey({
      op: 'ask',
      articleHash: textHash(retrieval.articles.map((article) => `${article.id}:${article.hash}`).join('\n')),
      options: { question: normalizeQuestion(question), language, context: context.length > 0 ? textHash(context.join('\n\n')) : undefined },
      model: this.modelLabel,
      promptVersion: ASK_PROMPT_VERSION,
    });
    let answer: { value: CheckedAnswer; cached: boolean };
    try {
      answer = await this.#viaCache(key, who, progress?.onModelCall, async () => this.#modelAnswer(model, question, retrieval, language, context, who));
    } catch (error) {
      if (!(error instanceof LanguageModelError)) throw error;
      this.#deps.logger.warn({ kind: error.kind, status: error.statusCode, reason: error.message }, 'Language model failed on a question; answered offline');
      return offlineAnswer(retrieval, base, ['llm_fallback']);
    }
    const { claims, citations, articles, dropped } = answer.value;
    const notices = dropped > 0 ? (['citations_dropped'] as const) : [];
    if (claims.length === 0) return refusal(base, this.modelLabel, answer.cached, [...notices]);
    return { question, language, answered: true, claims, citations, articles, model: this.modelLabel, cached: answer.cached, notices: [...notices] };
  }

  /**
   * The question in English, for searching; cached. Not admitted against the cooldown a second time:
   * it belongs to the question's one request. Undefined when the model fails (the search in the
   * question's own words stands).
   */
  async #pivotQuestion(model: LanguageModel, question: string, language: string, who: Requester | undefined, onModelCall: BriefingProgress['onModelCall']): Promise<string | undefined> {
    const key = cacheKey({ op: 'ask-pivot', articleHash: textHash(normalizeQuestion(question)), options: { from: language, to: PIVOT_LANGUAGE }, model: this.modelLabel, promptVersion: ASK_PROMPT_VERSION });
    try {
      const answer = await this.#viaCache(key, undefined, onModelCall, async () => {
        const job = { model, contextTokens: this.#deps.contextTokens ?? 8_192, book: async (usage: TokenUsage) => this.#deps.usage?.record(usage, who) };
        const translated = await translateWithModel([question], PIVOT_LANGUAGE, language, job);
        return { question: (translated.paragraphs[0] ?? '').replace(/\s+/gu, ' ').trim() };
      }, false);
      return answer.value.question || undefined;
    } catch (error) {
      if (!(error instanceof LanguageModelError)) throw error;
      this.#deps.logger.warn({ kind: error.kind, status: error.statusCode }, 'Language model failed translating a question; searched in its own words');
      return undefined;
    }
  }

  async #modelAnswer(model: LanguageModel, question: string, retrieval: Retrieval, language: string, context: string[], who: Requester | undefined): Promise<CheckedAnswer> {
    const messages = askPrompt(question, retrieval.passages, language, context);
    const reply = await callForWholeAnswer(
      model,
      { messages, maxTokens: ANSWER_TOKENS, temperature: 0 },
      { contextTokens: this.#deps.contextTokens ?? 8_192, book: async (usage) => this.#deps.usage?.record(usage, who) },
    );
    const checked = checkCitations(parseAskAnswer(reply.text, retrieval.passages), retrieval.articles, language);
    if (checked.dropped > 0) this.#deps.logger.info({ dropped: checked.dropped, kept: checked.citations.length }, 'Dropped model citations that are not verbatim in the articles');
    return checked;
  }

  /** Cached model work under the same limits as every other model request (see cachedModelWork). */
  #viaCache<T>(key: string, who: Requester | undefined, onModelCall: BriefingProgress['onModelCall'], compute: () => Promise<T>, admitRequester = true): Promise<{ value: T; cached: boolean }> {
    const { cache, admit, usage } = this.#deps;
    return cachedModelWork({ cache, usage, admit: admitRequester ? admit : undefined }, key, who, compute, onModelCall);
  }
}

interface Base {
  question: string;
  language: string;
  about: Article[];
}

/** The articles a follow-up is about, those still there; undefined when none is (search instead). */
function aboutArticles(ids: readonly string[] | undefined, get: (id: string) => Article | undefined): Article[] | undefined {
  const found = (ids ?? []).map((id) => get(id)).filter((article): article is Article => article !== undefined);
  return found.length > 0 ? found : undefined;
}

/** The newest earlier messages that fit, oldest first. */
function recentContext(context: readonly string[]): string[] {
  const kept: string[] = [];
  let room = MAX_CONTEXT_CHARS;
  for (const message of [...context].reverse()) {
    if (message.length > room) break;
    kept.unshift(message);
    room -= message.length;
  }
  return kept;
}

/** The best sentences as the answer, verbatim; a refusal when none answers the question. */
export function offlineAnswer(retrieval: Retrieval, base: Base, notices: AskResult['notices']): AskResult {
  const chosen = offlinePassages(retrieval);
  if (chosen.length === 0) return refusal(base, OFFLINE_MODEL_LABEL, false, notices);
  const articles: AskResult['articles'] = [];
  const citations = chosen.map((passage) => {
    let index = articles.findIndex((article) => article.id === passage.article.id);
    if (index === -1) index = articles.push(askArticle(passage.article)) - 1;
    return { article: index, text: passage.text };
  });
  // Verbatim sentences are never translated offline; the asker is told when they are in another language.
  const foreign = articles.some((article) => article.language !== UNDETERMINED && article.language !== base.language);
  const shown: AskResult['notices'] = foreign ? [...notices, 'not_translated'] : notices;
  return { question: base.question, language: base.language, answered: true, claims: [], citations, articles, model: OFFLINE_MODEL_LABEL, cached: false, notices: shown };
}

/** The passages an offline answer shows, in their articles' order. */
export function offlinePassages(retrieval: Retrieval): Passage[] {
  if (retrieval.best < MIN_COVERAGE) return [];
  const floor = retrieval.best * OFFLINE_RELATIVE;
  return retrieval.passages.filter((passage) => passage.score >= floor).slice(0, OFFLINE_SENTENCES);
}

function refusal(base: Base, model: string, cached: boolean, notices: AskResult['notices']): AskResult {
  return {
    question: base.question,
    language: base.language,
    answered: false,
    claims: [],
    citations: [],
    // A refused follow-up still belongs to its articles, so a reply to the refusal stays on them.
    articles: base.about.map(askArticle),
    model,
    cached,
    notices,
  };
}
