import { cacheKey, stableJson, textHash } from '../cache/key.js';
import { transient, type ResultCache } from '../cache/result-cache.js';
import { resolveLanguage } from '../languages/index.js';
import { SENTENCES_BY_LENGTH } from '../offline/summarize.js';
import { digestPrompt, parseDigestSummaries, PROMPT_VERSION } from './prompts.js';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../llm/types.js';
import type { Logger } from '../log.js';
import { splitParagraphs } from './chunks.js';
import { callModel } from './model-call.js';
import { languageFallbackNotice, modelFallbackNotice, modelIncompleteNotice, type FallbackReason } from './notices.js';
import { offlineSummary } from './offline.js';
import { summaryLanguage, type Source } from './sources.js';
import { estimateMessageTokens, SAFETY_TOKENS } from './tokens.js';
import type { BriefingNotice, BriefingResult, Requester, SummaryLength } from './types.js';

/** One article's summary in a digest. */
export interface DigestSummaryItem {
  article: BriefingResult['article'];
  /** ISO 639-1 code of `paragraphs`. */
  language: string;
  paragraphs: string[];
  /** Who wrote it: "openai/<model>" or "offline/extractive". */
  model: string;
  /** Served from a cache without a model call. */
  cached: boolean;
}

/** Why an article was summarized on its own instead of in the digest's one generation. */
export type DigestFallbackReason =
  /** The group had a single article: its own summary is the same one call, and shared with /summarize. */
  | 'single'
  /** The articles together do not fit LLM_CONTEXT_TOKENS; this one was left out of the shared prompt. */
  | 'too_long'
  /** The model's answer had no usable summary for this id (or could not be read at all). */
  | 'missing'
  /** The shared generation's answer was empty or unreadable: each article is asked for on its own. */
  | 'unreadable'
  /** The model failed (down, timing out, refusing): the offline summary, without asking it again. */
  | 'model_failed'
  /** The shared answer was cut off before this summary was finished: the offline summary. */
  | 'cut';

/** Summaries of a digest's articles: one model generation for the lot when a model is configured. */
export interface DigestSummaries {
  /** In the order of the references asked for (duplicates removed). */
  items: DigestSummaryItem[];
  /** The distinct model labels of the items, comma-separated (the service's label when empty). */
  model: string;
  /** True when no item needed a model call (all came from caches). Offline items are never cached. */
  cached: boolean;
  /** The per-article notices (offline or language fallbacks), deduplicated by message. */
  notices: BriefingNotice[];
  /** Articles summarized one by one, and why; empty when the shared generation covered them all. */
  fallbacks: Array<{ id: string; reason: DigestFallbackReason }>;
}

/** What the digest path borrows from BriefingService (its private model, cache, budget and fallbacks). */
export interface DigestSummaryContext {
  model: LanguageModel | undefined;
  modelLabel: string;
  /** The label of offline answers ("offline/extractive"). */
  offlineLabel: string;
  cache: ResultCache;
  contextTokens: number;
  logger: Logger;
  /** Budget and caller limits; throws a UserError to refuse. */
  admit: (who: Requester | undefined) => Promise<void>;
  /** Books a generation's token usage. */
  book: (usage: TokenUsage, who: Requester | undefined) => Promise<void>;
  /** The per-article path (cache, single-flight, offline fallback): what fills every gap. */
  summarizeOne: (source: Source, who: Requester | undefined) => Promise<BriefingResult>;
  /** Where the per-article path caches the model's summary of `source` (same length and language). */
  summaryKey: (source: Source) => string;
  /** Rate-limited warning about a failing model. */
  logFailure: (operation: string, error: LanguageModelError) => void;
}

/** Bumped when the shape of the cached value changes. */
const VALUE_FORMAT = 1;
/** Answer room per article: the summary, generous for scripts that cost more tokens per word. */
const OUTPUT_PER_SENTENCE = 60;
/** Per article: its id as a JSON key, quotes, escapes and punctuation. */
const JSON_OVERHEAD_TOKENS = 30;

/** The cached answer of one digest generation: summaries by article id, only those the model gave. */
interface DigestValue {
  summaries: Record<string, string[]>;
  /** Only on answers never cached: the model was cut off; the summaries present are the finished ones. */
  cut?: true;
}

/** Tokens to allow for the answer of a digest of `count` articles. */
export function digestOutputTokens(count: number, length: SummaryLength): number {
  return count * (SENTENCES_BY_LENGTH[length] * OUTPUT_PER_SENTENCE + JSON_OVERHEAD_TOKENS) + 20;
}

/**
 * Summaries of several articles for one digest. With a model: an article whose summary at this
 * length and language is already cached (from /summarize or an earlier digest) is taken from
 * there; the others get one generation for every article that fits the context window, cached
 * under the sorted (id, content hash) list, language, length, model and prompt version, and
 * single-flight, so a digest group costs one generation however many channels receive it and none
 * the second time. Each summary it writes is also cached as that article's own summary, so
 * /summarize never pays for it again. Articles left out (too long together, missing from or
 * unreadable in the answer) go through the per-article summary, and the log says so. Without a
 * model every article gets its offline extractive summary.
 * @throws UserError language_unknown | budget_exhausted
 */
export async function digestSummaries(
  sources: readonly Source[],
  o: { length: SummaryLength; language?: string },
  ctx: DigestSummaryContext,
  who?: Requester,
): Promise<DigestSummaries> {
  const unique = dedupe(sources);
  const requested = o.language === undefined ? undefined : resolveLanguage(o.language).code;
  const fallbacks: DigestSummaries['fallbacks'] = [];
  const fromModel = new Map<string, { paragraphs: string[]; cached: boolean }>();
  // Once the shared generation failed for want of a model, asking it again per article only waits longer.
  let modelDown = false;
  const known = ctx.model ? await knownSummaries(unique, ctx) : new Map<string, string[]>();
  const unknown = unique.filter((source) => !known.has(source.id));

  if (ctx.model && unknown.length === 1) {
    fallbacks.push({ id: unknown[0]?.id ?? '', reason: 'single' });
  } else if (ctx.model && unknown.length > 1) {
    const { fitting, left } = fitContext(unknown, { length: o.length, language: requested }, ctx.contextTokens);
    for (const source of left) fallbacks.push({ id: source.id, reason: 'too_long' });
    if (left.length > 0) {
      ctx.logger.info({ articles: unknown.length, fitting: fitting.length, contextTokens: ctx.contextTokens }, 'Digest articles do not fit the context together; the rest are summarized one by one');
    }
    if (fitting.length > 1) {
      const answer = await generateShared(fitting, { length: o.length, language: requested }, ctx, who);
      if (answer.ok) {
        for (const source of fitting) {
          const paragraphs = answer.value.summaries[source.id];
          if (paragraphs && paragraphs.length > 0) fromModel.set(source.id, { paragraphs: [...paragraphs], cached: answer.cached });
          else fallbacks.push({ id: source.id, reason: answer.value.cut ? 'cut' : 'missing' });
        }
        // Without a requested language an undetermined article's summary is in whatever language the
        // model chose, while /summarize would ask for English: it must not be filed as that answer.
        await rememberEach(fitting.filter((source) => requested !== undefined || source.language !== 'und'), answer.value, ctx);
      } else {
        modelDown = answer.failure === 'model_failed';
        for (const source of fitting) fallbacks.push({ id: source.id, reason: answer.failure });
      }
      const gaps = fallbacks.filter((f) => f.reason === 'missing' || f.reason === 'unreadable').map((f) => f.id);
      if (gaps.length > 0) {
        ctx.logger.warn({ model: ctx.modelLabel, articles: fitting.length, missing: gaps }, 'Digest answer lacked some summaries; they are summarized one by one');
      }
      const cut = fallbacks.filter((f) => f.reason === 'cut').map((f) => f.id);
      if (cut.length > 0) {
        ctx.logger.warn({ model: ctx.modelLabel, articles: fitting.length, cut }, 'Digest answer was cut off by the token limit; the unfinished summaries are made offline and nothing is cached');
      }
    } else {
      for (const source of fitting) fallbacks.push({ id: source.id, reason: 'too_long' });
    }
  }

  const notices = new Map<string, BriefingNotice>();
  const items = await Promise.all(
    unique.map(async (source): Promise<DigestSummaryItem> => {
      const language = summaryLanguage(source, requested);
      const earlier = known.get(source.id);
      if (earlier) return { article: articleOf(source), language, paragraphs: earlier, model: ctx.modelLabel, cached: true };
      const shared = fromModel.get(source.id);
      if (shared) return { article: articleOf(source), language, paragraphs: shared.paragraphs, model: ctx.modelLabel, cached: shared.cached };
      // Offline, or a gap to fill: the per-article path, with its own cache and fallbacks.
      const cut = fallbacks.some((f) => f.id === source.id && f.reason === 'cut');
      const result =
        modelDown || cut
          ? offlineResult(source, o.length, requested, ctx.offlineLabel, cut ? 'incomplete' : 'unavailable')
          : await ctx.summarizeOne(source, who);
      for (const notice of result.notices) if (!notices.has(notice.message)) notices.set(notice.message, notice);
      return { article: result.article, language: result.language, paragraphs: result.paragraphs, model: result.model, cached: result.cached };
    }),
  );
  const models = [...new Set(items.map((item) => item.model))];
  return {
    items,
    model: models.length > 0 ? models.join(', ') : ctx.modelLabel,
    cached: items.every((item) => item.cached),
    notices: [...notices.values()],
    fallbacks,
  };
}

type SharedAnswer = { ok: true; value: DigestValue; cached: boolean } | { ok: false; failure: 'unreadable' | 'model_failed' };

/**
 * The one shared generation (or its cached answer). A malformed answer is `unreadable` (each
 * article is then asked for on its own); any other model failure is `model_failed`. Budget
 * refusals (UserError) pass through.
 */
async function generateShared(
  sources: readonly Source[],
  o: { length: SummaryLength; language: string | undefined },
  ctx: DigestSummaryContext,
  who: Requester | undefined,
): Promise<SharedAnswer> {
  const model = ctx.model;
  if (!model) return { ok: false, failure: 'model_failed' };
  const key = digestCacheKey(sources, o, ctx.modelLabel);
  try {
    const answer = await ctx.cache.getOrCompute<DigestValue>(key, async () => {
      await ctx.admit(who);
      const ids = sources.map((source) => source.id);
      const answer = await callModel(model, {
        messages: digestPrompt(sources.map(promptArticle), { length: o.length, ...(o.language === undefined ? {} : { language: o.language }) }),
        maxTokens: digestOutputTokens(sources.length, o.length),
        temperature: 0.3,
      });
      await ctx.book(answer.usage, who);
      // A cut answer still holds finished summaries (a JSON string that closed); the rest is offline.
      const parsed = parseDigestSummaries(answer.text, ids);
      // Nothing readable: not worth caching, so the next composition asks again.
      if (parsed.size === 0 && !answer.cut) throw new LanguageModelError('The digest answer held no readable summaries', 'malformed');
      const summaries: Record<string, string[]> = {};
      for (const [id, text] of parsed) {
        const paragraphs = splitParagraphs(text.replace(/\\n/g, '\n'));
        if (paragraphs.length > 0) summaries[id] = paragraphs;
      }
      return answer.cut ? transient<DigestValue>({ summaries, cut: true }) : { summaries };
    });
    return { ok: true, ...answer };
  } catch (error) {
    if (!(error instanceof LanguageModelError)) throw error;
    ctx.logFailure('digest', error);
    return { ok: false, failure: error.kind === 'malformed' ? 'unreadable' : 'model_failed' };
  }
}

/** Summaries of `sources` already cached by the per-article path, by article id. */
async function knownSummaries(sources: readonly Source[], ctx: DigestSummaryContext): Promise<Map<string, string[]>> {
  const found = await Promise.all(sources.map(async (source) => [source.id, await ctx.cache.peek<{ paragraphs: string[] }>(ctx.summaryKey(source))] as const));
  return new Map(found.flatMap(([id, value]) => (value && value.paragraphs.length > 0 ? [[id, [...value.paragraphs]] as const] : [])));
}

/** Caches each summary of a fresh generation as its article's own summary (the per-article path's key and value). */
async function rememberEach(sources: readonly Source[], value: DigestValue, ctx: DigestSummaryContext): Promise<void> {
  await Promise.all(
    sources.flatMap((source) => {
      const paragraphs = value.summaries[source.id];
      return paragraphs && paragraphs.length > 0 ? [ctx.cache.put(ctx.summaryKey(source), { paragraphs })] : [];
    }),
  );
}

/** The offline summary with the notices the per-article path gives when its model fails or is cut off. */
function offlineResult(
  source: Source,
  length: SummaryLength,
  requested: string | undefined,
  offlineLabel: string,
  why: Exclude<FallbackReason, 'offline'>,
): BriefingResult {
  const notices: BriefingNotice[] = [why === 'incomplete' ? modelIncompleteNotice('summary') : modelFallbackNotice('summary')];
  if (requested !== undefined && requested !== source.language) notices.push(languageFallbackNotice('summary', source.language, requested, why));
  return {
    kind: 'summarize',
    article: articleOf(source),
    language: source.language,
    paragraphs: offlineSummary(source, length),
    model: offlineLabel,
    cached: false,
    notices,
  };
}

/** `digest:<sha256>` of the sorted (id, content hash) list, language, length, model, prompt version. */
export function digestCacheKey(sources: readonly Pick<Source, 'id' | 'hash'>[], o: { length: SummaryLength; language: string | undefined }, model: string): string {
  const list = sources.map((source) => [source.id, source.hash]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return cacheKey({
    op: 'digest',
    articleHash: textHash(stableJson(list)),
    options: { length: o.length, language: o.language ?? 'own', format: VALUE_FORMAT },
    model,
    promptVersion: PROMPT_VERSION,
  });
}

/**
 * The articles that fit one prompt with room for all their answers, taken in order and skipping
 * any too big to join (a long article is better served by the per-article map-reduce).
 */
function fitContext(sources: readonly Source[], o: { length: SummaryLength; language: string | undefined }, contextTokens: number): { fitting: Source[]; left: Source[] } {
  const fitting: Source[] = [];
  const left: Source[] = [];
  const options = { length: o.length, ...(o.language === undefined ? {} : { language: o.language }) };
  for (const source of sources) {
    const trial = [...fitting, source];
    const needed = estimateMessageTokens(digestPrompt(trial.map(promptArticle), options)) + digestOutputTokens(trial.length, o.length) + SAFETY_TOKENS;
    if (needed <= contextTokens) fitting.push(source);
    else left.push(source);
  }
  return { fitting, left };
}

function promptArticle(source: Source): { id: string; headline: string; paragraphs: string[] } {
  return { id: source.id, headline: source.headline, paragraphs: source.paragraphs };
}

function articleOf(source: Source): BriefingResult['article'] {
  return { id: source.id, headline: source.headline, language: source.language };
}

function dedupe(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => (seen.has(source.id) ? false : (seen.add(source.id), true)));
}
