import { createHash } from 'node:crypto';
import type { Article } from '../articles/types.js';
import type { DigestSummaries } from '../briefing/digest-summaries.js';
import type { BriefingNotice, BriefingResult, Requester, SummaryLength } from '../briefing/types.js';
import type { Logger } from '../log.js';
import { formatLocalDate } from '../time/slots.js';
import { rankStories, siteOf, singletonStories } from '../stories/singletons.js';
import type { StoryGrouper } from '../stories/story.js';
import { mergedLines, planStories } from './story-items.js';
import { SENTENCES_BY_LENGTH } from '../offline/summarize.js';
import { rememberPosted, type PostedMemory } from './story-memory.js';

/** The part of BriefingService a digest needs (BriefingService satisfies it). */
export interface DigestSummarizer {
  summarize(ref: string, options: { length: SummaryLength; language?: string }, who?: Requester): Promise<BriefingResult>;
  /**
   * Every article's summary in one model generation (BriefingService has it). Without it, the
   * composer summarizes article by article: one generation each.
   */
  digestSummaries?(refs: string[], options: { length: SummaryLength; language?: string }, who?: Requester): Promise<DigestSummaries>;
}

/** Which articles go into a subscription's next digest. */
export interface DigestSelection {
  /** Newest first. */
  articles: Article[];
  /** Added or changed articles left out because of the per-digest limit. */
  more: number;
  /** article id → short hash of every article now in the store: `seen` once this digest is posted. */
  snapshot: Record<string, string>;
  /** True for a subscription's first digest (it takes the newest articles, not "what changed"). */
  first: boolean;
  /**
   * A first digest's item limit. Its `articles` are then every recent one, so the limit counts
   * stories: five sites reporting one event are one item, and do not crowd out the next four.
   */
  maxStories?: number;
  /**
   * Recent articles (the news window) the selected ones are grouped with, so a new article joins
   * the story it continues. Absent: the selected articles are grouped among themselves.
   */
  pool?: Article[];
}

/** Recent articles at most handed to the story grouper besides the selected ones. */
const POOL_LIMIT = 500;

/** Limits of what one digest contains. */
export interface SelectionLimits {
  /** Stories in a first digest (the top-ranked of the recent articles). Default 5. */
  firstDigest?: number;
  /** Most articles in any later digest (newest changed first). Default 10. */
  maxArticles?: number;
}

/** First 16 hex digits of the article hash: plenty to notice a change, small in 10,000 records. */
export function shortHash(hash: string): string {
  return hash.slice(0, 16);
}

/**
 * A fetched article its source dates further back than this is not news for a digest, even when
 * Herald has just seen it: a feed's first fetch must not flood the next digest with its backlog.
 */
export const DIGEST_NEWS_WINDOW_MS = 48 * 3_600_000;

/** Removed articles whose last version is still remembered, so restoring them unchanged is not news. */
const REMEMBERED_REMOVED = 1_000;

/**
 * The articles added or changed since `seen` (newest first, up to the limit), or the newest few
 * when there was no digest yet. Removed articles stay in the snapshot (up to a bound): a folder
 * emptied and refilled by a redeploy brings nothing new.
 */
export function selectArticles(
  articles: readonly Article[],
  seen: Readonly<Record<string, string>> | undefined,
  limits: SelectionLimits = {},
  now = Date.now(),
): DigestSelection {
  const snapshot: Record<string, string> = {};
  for (const article of articles) snapshot[article.id] = shortHash(article.hash);
  const removed = Object.entries(seen ?? {}).filter(([id]) => !(id in snapshot));
  for (const [id, hash] of removed.slice(-REMEMBERED_REMOVED)) snapshot[id] = hash;
  // Old fetched articles still enter the snapshot, so they are never news later either.
  const recent = (article: Article) => article.source?.published === undefined || now - article.source.published <= DIGEST_NEWS_WINDOW_MS;
  // Articles are newest first: the pool is the newest recent ones.
  const pool = articles.filter(recent).slice(0, POOL_LIMIT);
  if (!seen) return { articles: pool, more: 0, snapshot, first: true, pool, maxStories: limits.firstDigest ?? 5 };
  const changed = articles.filter((article) => seen[article.id] !== snapshot[article.id] && recent(article));
  const max = limits.maxArticles ?? 10;
  return { articles: changed.slice(0, max), more: Math.max(0, changed.length - max), snapshot, first: false, pool };
}

/** One article in a digest. */
export interface DigestItem {
  articleId: string;
  /** The article's own headline (source language). */
  headline: string;
  /** Summary paragraphs. */
  summary: string[];
  /** ISO code of `summary` (the source language when no LLM could translate). */
  language: string;
  /** A fetched article's page (tracking parameters removed) and site, linked from the digest. */
  url?: string;
  site?: string;
  /** The story the item is (stable over days: what "posted before" refers to). */
  storyId?: string;
  /**
   * A story from several sources, or an update: every source it cites (site name, page), in
   * order; the item is then the story's only place for links. Absent for a single-source story.
   */
  sources?: { site: string; url?: string }[];
  /** A story posted before, back with only what is new; labelled as an update. */
  update?: boolean;
}

/** A digest's text, shared by every subscription with the same articles, language and length. */
export interface DigestContent {
  /** Identifies (article set, language, length): the fan-out group. */
  key: string;
  language: string;
  length: SummaryLength;
  items: DigestItem[];
  more: number;
  /** Model label(s) that wrote the summaries. */
  model: string;
  /** The briefing's notices (e.g. language fallback), one per distinct message; shown in the digest's language. */
  notices: BriefingNotice[];
  /** What the subscription will have posted once this digest is posted (see story-memory.ts). */
  memory?: Record<string, string>;
}

/** What a subscription posted before: its memory and the memory's snapshot reference (part of the group key). */
export interface PostedBefore {
  ref?: string;
  memory?: PostedMemory;
}

/** A digest ready to render for one subscription: the shared content plus its own date header. */
export interface Digest extends DigestContent {
  /** "Monday, 30 March 2026" in the subscription's language and zone. */
  date: string;
  timezone: string;
}

/** Remembers compositions for one scheduler run: every subscription in a group reuses one promise. */
export type ComposeMemo = Map<string, Promise<DigestContent>>;

/** Counters for tests and the bench. */
export interface ComposerStats {
  /** Distinct contents composed (memo and in-flight misses). */
  compositions: number;
  /** Article summaries asked for, whichever way. */
  summaries: number;
  /** digestSummaries() calls made (each is a briefing cache hit or one LLM generation, plus any gaps filled per article). */
  batches: number;
}

/**
 * Builds digest contents from briefing summaries. A content is composed once per
 * (article set, language, length): a per-run memo shares it across every channel of the run,
 * an in-flight map shares it across concurrent runs (a manual run during a tick), and the
 * briefing service writes all of a group's summaries in one model generation, behind its cache
 * and single-flight, so a group costs one generation however many channels receive it, and none
 * when composed again.
 */
export class DigestComposer {
  readonly stats: ComposerStats = { compositions: 0, summaries: 0, batches: 0 };
  private readonly inFlight = new Map<string, Promise<DigestContent>>();

  private readonly grouper: StoryGrouper;

  /** `grouper`: how articles become stories; default every article a story of its own. */
  constructor(private readonly deps: { briefing: DigestSummarizer; logger: Logger; grouper?: StoryGrouper }) {
    this.grouper = deps.grouper ?? singletonStories;
  }

  /** The group key of a selection in a language and length, after what was posted before (`postedRef`). */
  static groupKey(selection: Pick<DigestSelection, 'articles' | 'more'>, language: string, length: SummaryLength, postedRef = ''): string {
    const articles = selection.articles.map((a) => `${a.id}:${shortHash(a.hash)}`).join(',');
    const digest = createHash('sha256').update(articles).digest('hex').slice(0, 24);
    return `${language}|${length}|${selection.more}|${digest}|${postedRef}`;
  }

  /** The content for a selection, shared with every other caller asking for the same group. */
  compose(selection: DigestSelection, language: string, length: SummaryLength, memo?: ComposeMemo, guildId?: string, before: PostedBefore = {}): Promise<DigestContent> {
    // Grouping reads the pool too: where it can change the stories, it is part of the group.
    const context = this.grouper === singletonStories || !selection.pool ? '' : `|${poolHash(selection.pool)}`;
    const key = DigestComposer.groupKey(selection, language, length, before.ref) + context;
    const remembered = memo?.get(key) ?? this.inFlight.get(key);
    if (remembered) {
      memo?.set(key, remembered);
      return remembered;
    }
    this.stats.compositions += 1;
    const work = this.build(key, selection, language, length, guildId, before.memory).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    memo?.set(key, work);
    // A failed composition must not stick in the run's memo: the next subscription retries it.
    work.catch(() => {
      if (memo?.get(key) === work) memo.delete(key);
    });
    return work;
  }

  /** `guildId`: where the articles are looked up (a guild's own feed articles are known only there). */
  private async build(key: string, selection: DigestSelection, language: string, length: SummaryLength, guildId?: string, memory?: PostedMemory): Promise<DigestContent> {
    const plans = planStories(await this.stories(selection), new Set(selection.articles.map((a) => a.id)), memory, length, selection.maxStories);
    // Single-source stories and the articles of new multi-source ones go to the model, all in one
    // batch: one generation per group. Updates show verbatim new sentences and need none.
    const asked = [...new Map(plans.flatMap((plan) => (plan.kind === 'single' ? [plan.article] : plan.kind === 'multi' ? plan.story.articles : [])).map((a) => [a.id, a])).values()];
    const { summaries, notices } = await this.summarize(asked.map((article) => article.id), language, length, guildId);
    const byArticle = new Map(asked.map((article, i) => [article.id, summaries[i]]));
    const posted = new Map<string, readonly string[]>();
    const items = plans.map((plan): DigestItem => {
      if (plan.kind === 'single') {
        const result = byArticle.get(plan.article.id);
        const summary = result?.paragraphs ?? [];
        posted.set(plan.story.id, summary);
        const source = plan.article.source;
        return {
          articleId: result?.article.id ?? plan.article.id,
          headline: result?.article.headline ?? plan.article.headline,
          summary,
          language: result?.language ?? plan.article.language,
          storyId: plan.story.id,
          ...(source ? { url: source.url, ...(source.site ? { site: source.site } : {}) } : {}),
        };
      }
      // A model wrote every article's summary: the story's is merged from them, in the digest's
      // language. Otherwise (no model, or it failed) the articles' central sentences, verbatim.
      const written = plan.kind === 'multi' ? plan.story.articles.map((article) => ({ article, result: byArticle.get(article.id) })) : [];
      const byModel = written.length > 0 && written.every(({ result }) => result !== undefined && !result.model.startsWith('offline/'));
      const lines = byModel ? mergedLines(written.map(({ article, result }) => ({ article, paragraphs: result?.paragraphs ?? [] })), Math.max(SENTENCES_BY_LENGTH[length], written.length)) : plan.lines;
      posted.set(plan.story.id, lines.map((line) => line.text));
      // An update is headed by the newest article that brings something new; a story by its lead.
      const lead = plan.kind === 'update' ? (plan.cited[0] ?? plan.story.articles[0]) : plan.story.articles[0];
      return {
        articleId: lead?.id ?? plan.story.id,
        headline: lead?.headline ?? '',
        // Verbatim sentences in their own language, each followed by the site it is quoted from.
        summary: lines.map((line) => `${line.text} — ${line.site}`),
        language: byModel ? (written[0]?.result?.language ?? language) : (lead?.language ?? language),
        storyId: plan.story.id,
        sources: distinctSources(plan.cited),
        ...(plan.kind === 'update' ? { update: true } : {}),
      };
    });
    const labels = [...new Set(summaries.map((result) => result.model))];
    const model = labels.length > 0 ? labels.join(', ') : 'offline/extractive';
    const distinct = [...new Map(notices.map((notice) => [`${notice.code}:${notice.message}`, notice])).values()];
    return { key, language, length, items, more: selection.more, model, notices: distinct, memory: rememberPosted(memory, posted) };
  }

  /** The stories with a selected article among the selected and recent articles, in digest order. */
  private async stories(selection: DigestSelection): Promise<ReturnType<typeof rankStories>> {
    const articles = new Map([...selection.articles, ...(selection.pool ?? [])].map((article) => [article.id, article]));
    return rankStories(await this.grouper([...articles.values()]));
  }

  /** The articles' summaries in one batch (or one by one without digestSummaries). */
  private async summarize(ids: string[], language: string, length: SummaryLength, guildId?: string): Promise<{ summaries: Array<Pick<BriefingResult, 'article' | 'paragraphs' | 'language' | 'model'>>; notices: BriefingNotice[] }> {
    if (ids.length === 0) return { summaries: [], notices: [] };
    const who = guildId === undefined ? undefined : { guildId };
    const briefing = this.deps.briefing;
    this.stats.summaries += ids.length;
    if (briefing.digestSummaries) {
      this.stats.batches += 1;
      const batch = await briefing.digestSummaries(ids, { length, language }, who);
      return { summaries: batch.items, notices: batch.notices };
    }
    const results = await Promise.all(ids.map((id) => briefing.summarize(id, { length, language }, who)));
    return { summaries: results, notices: results.flatMap((result) => result.notices) };
  }
}

/** Identifies the pool's articles and versions. */
function poolHash(pool: readonly Article[]): string {
  return createHash('sha256').update(pool.map((a) => `${a.id}:${shortHash(a.hash)}`).join(',')).digest('hex').slice(0, 16);
}

/** A story's sources, one per site, in the story's order. */
function distinctSources(articles: readonly Article[]): { site: string; url?: string }[] {
  const bySite = new Map<string, { site: string; url?: string }>();
  for (const article of articles) {
    const site = siteOf(article);
    if (!bySite.has(site)) bySite.set(site, { site, ...(article.source?.url ? { url: article.source.url } : {}) });
  }
  return [...bySite.values()];
}

/** Adds the subscription's date header (in its zone and language) to a shared content. */
export function datedDigest(content: DigestContent, timezone: string, at: Date): Digest {
  return { ...content, timezone, date: formatLocalDate(at, timezone, content.language) };
}
