import type { Article } from '../articles/types.js';
import type { SummaryLength } from '../briefing/types.js';
import { analyzeDocument, weightsFor } from '../offline/rank.js';
import { pickSentences, SENTENCES_BY_LENGTH } from '../offline/summarize.js';
import { siteOf } from '../stories/singletons.js';
import type { Story } from '../stories/story.js';
import { splitSentences } from '../text/sentences.js';
import { factsOf, isNew, sentenceKey, storyRecord, type PostedMemory } from './story-memory.js';

/** A sentence shown verbatim, with the site it is quoted from. */
export interface AttributedLine {
  text: string;
  site: string;
}

/**
 * How one story enters a digest: `single` (one article: summarized like any article), `multi`
 * (several sources: their most central sentences, each attributed), or `update` (posted before:
 * only the sentences with facts not posted yet).
 */
export type StoryPlan =
  | { kind: 'single'; story: Story; article: Article }
  | { kind: 'multi' | 'update'; story: Story; lines: AttributedLine[]; cited: Article[] };

/**
 * The digest's plan: one entry per story with a new or changed article, in ranking order, at most
 * `limit`; a story posted before with nothing new is left out (nothing is repeated as if new).
 */
export function planStories(stories: readonly Story[], selected: ReadonlySet<string>, memory: PostedMemory | undefined, length: SummaryLength, limit = Infinity): StoryPlan[] {
  const plans: StoryPlan[] = [];
  for (const story of stories) {
    if (plans.length >= limit) break;
    const fresh = story.articles.filter((article) => selected.has(article.id));
    if (fresh.length === 0) continue;
    const record = storyRecord(memory, story.id);
    const budget = SENTENCES_BY_LENGTH[length];
    if (record) {
      // Central sentences first, so an update says the most important new thing first.
      const lines = centralLines(fresh, 40).filter((line) => isNew(line.text, record)).slice(0, budget);
      if (lines.length > 0) plans.push({ kind: 'update', story, lines, cited: citedBy(fresh, lines) });
      continue;
    }
    const lead = story.articles[0];
    if (!lead) continue;
    if (story.articles.length === 1) {
      plans.push({ kind: 'single', story, article: lead });
      continue;
    }
    const lines = centralLines(story.articles, Math.max(budget, story.articles.length));
    plans.push({ kind: 'multi', story, lines, cited: story.articles });
  }
  return plans;
}

/**
 * Up to `count` sentences over `articles`, taken in turns (each article's most central first), so
 * every source is quoted before any is quoted twice; verbatim, attributed, without repeats.
 */
function centralLines(articles: readonly Article[], count: number): AttributedLine[] {
  const ranked = articles.map((article) => {
    const weights = weightsFor(article.language);
    const analysis = analyzeDocument(article, weights);
    const order = pickSentences(analysis, analysis.sentences.length, weights.mmrLambda);
    const byScore = [...order].sort((a, b) => (analysis.sentences[b]?.score ?? 0) - (analysis.sentences[a]?.score ?? 0));
    return { site: siteOf(article), sentences: byScore.map((index) => analysis.sentences[index]?.text ?? '').filter(startsLikeSentence) };
  });
  const lines: AttributedLine[] = [];
  const seen = new Set<string>();
  for (let turn = 0; lines.length < count && ranked.some((r) => r.sentences.length > turn); turn++) {
    for (const { site, sentences } of ranked) {
      const text = sentences[turn];
      if (text === undefined || seen.has(text) || lines.length >= count) continue;
      seen.add(text);
      lines.push({ text, site });
    }
  }
  return lines;
}

/**
 * A sentence opens with a capital, a digit or a quote; one opening in lower case is a fragment (the
 * tail of an image caption, a split after an abbreviation) and says nothing on its own.
 */
function startsLikeSentence(text: string): boolean {
  const first = /[\p{L}\p{N}]/u.exec(text)?.[0];
  return first !== undefined && first === first.toUpperCase();
}

/** The articles an update quotes, in the order of their first line. */
function citedBy(articles: readonly Article[], lines: readonly AttributedLine[]): Article[] {
  const sites = new Set(lines.map((line) => line.site));
  return articles.filter((article) => sites.has(siteOf(article)));
}

/**
 * A multi-source story's summary from its articles' model summaries (written in the digest's one
 * generation): each article's sentences in story order, kept when they add a fact the story's
 * summary does not state yet (or, for an article's first sentence, are not already there),
 * attributed to the article's site. Up to `count` sentences.
 */
export function mergedLines(parts: ReadonlyArray<{ article: Article; paragraphs: readonly string[] }>, count: number): AttributedLine[] {
  const lines: AttributedLine[] = [];
  const facts = new Set<string>();
  const keys = new Set<string>();
  for (const { article, paragraphs } of parts) {
    const sentences = paragraphs.flatMap((paragraph) => splitSentences(paragraph));
    sentences.forEach((text, index) => {
      const key = sentenceKey(text);
      const stated = factsOf(text);
      const adds = stated.some((fact) => !facts.has(fact)) || (index === 0 && stated.length === 0);
      if (lines.length >= count || keys.has(key) || !adds) return;
      keys.add(key);
      for (const fact of stated) facts.add(fact);
      lines.push({ text, site: siteOf(article) });
    });
  }
  return lines;
}
