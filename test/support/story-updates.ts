/**
 * Replays each multi-article event of the story dev set as digests would meet it over time: the
 * earliest article is posted as a story of one (its offline summary), then each later article
 * arrives on its own and the digest's update logic (planStories with the story memory) decides
 * which of its sentences are new. The stories are the gold ones, so the figure measures the update
 * lines alone, not the clustering.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/articles/types.js';
import type { SummaryLength } from '../../src/briefing/types.js';
import { planStories } from '../../src/digests/story-items.js';
import { rememberPosted, type PostedMemory } from '../../src/digests/story-memory.js';
import { summarizeExtractive } from '../../src/offline/summarize.js';
import { byTimeThenKey } from '../../src/stories/cluster.js';
import { articleTime } from '../../src/stories/article-origin.js';
import { articleSite } from '../../src/stories/features.js';
import type { Story } from '../../src/stories/story.js';
import { splitSentences } from '../../src/text/sentences.js';
import { toArticle, type StoryDevItem } from './story-devset.js';

/** One update a digest would post: the later article and the lines it shows as new. */
export interface ReplayedUpdate {
  event: string;
  articleId: string;
  language: string;
  lines: string[];
  /** Every sentence the subscription had posted about the event before this update. */
  postedBefore: string[];
}

function storyOf(event: string, articles: readonly Article[]): Story {
  return { id: event, articles: [...articles], sourceCount: new Set(articles.map(articleSite)).size, latest: Math.max(...articles.map(articleTime)) };
}

/** The updates of every event with two or more articles, in event and time order. */
export function replayUpdates(items: readonly StoryDevItem[], length: SummaryLength): ReplayedUpdate[] {
  const events = new Map<string, StoryDevItem[]>();
  for (const item of items) events.set(item.event, [...(events.get(item.event) ?? []), item]);
  const updates: ReplayedUpdate[] = [];
  for (const [event, members] of events) {
    if (members.length < 2) continue;
    const byId = new Map(members.map((item) => [item.id, item]));
    const articles = members.map((item) => toArticle(item)).sort(byTimeThenKey);
    const [earliest, ...later] = articles;
    if (!earliest) continue;
    const first = summarizeExtractive(earliest, length).flatMap((paragraph) => splitSentences(paragraph, earliest.language));
    let memory: PostedMemory = rememberPosted(undefined, new Map([[event, first]]));
    const posted = [...first];
    for (let k = 0; k < later.length; k++) {
      const article = later[k]!;
      const story = storyOf(event, articles.slice(0, k + 2));
      const [plan] = planStories([story], new Set([article.id]), memory, length);
      const lines = plan && plan.kind === 'update' ? plan.lines.map((line) => line.text) : [];
      updates.push({ event, articleId: article.id, language: byId.get(article.id)?.language ?? article.language, lines, postedBefore: [...posted] });
      memory = rememberPosted(memory, new Map([[event, lines]]));
      posted.push(...lines);
    }
  }
  return updates;
}

/**
 * A hand judgement of one update line (test/devset/story-updates.jsonl): whether it tells the
 * reader something the subscription had not posted about the event, with the reason.
 */
export interface UpdateJudgement {
  event: string;
  /** The line's beginning: enough to identify it among the event's sentences. */
  starts: string;
  new: boolean;
  why: string;
}

const judgementsPath = fileURLToPath(new URL('../devset/story-updates.jsonl', import.meta.url));

export function loadUpdateJudgements(): UpdateJudgement[] {
  return readFileSync(judgementsPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as UpdateJudgement);
}

/** Counts for one language, or all. */
export interface UpdateScores {
  items: number;
  /** Update items whose every judged line is truly new. */
  itemsAllNew: number;
  lines: number;
  linesNew: number;
  /** Lines no judgement covers (the replay changed): left out of the shares, listed for judging. */
  unjudged: string[];
  /** Lines judged not new, for reading the figure. */
  notNew: string[];
}

/** Scores replayed updates against the judgements, overall and per update language. */
export function scoreUpdates(updates: readonly ReplayedUpdate[], judgements: readonly UpdateJudgement[]): Map<string, UpdateScores> {
  const scores = new Map<string, UpdateScores>();
  const bucket = (key: string): UpdateScores => {
    let found = scores.get(key);
    if (!found) scores.set(key, (found = { items: 0, itemsAllNew: 0, lines: 0, linesNew: 0, unjudged: [], notNew: [] }));
    return found;
  };
  for (const update of updates) {
    if (update.lines.length === 0) continue;
    const verdicts = update.lines.map((line) => ({ line, judged: judgements.find((j) => j.event === update.event && line.startsWith(j.starts)) }));
    for (const key of ['all', update.language]) {
      const s = bucket(key);
      s.items++;
      if (verdicts.every(({ judged }) => judged?.new !== false)) s.itemsAllNew++;
      for (const { line, judged } of verdicts) {
        if (!judged) {
          s.unjudged.push(`${update.event}: ${line}`);
          continue;
        }
        s.lines++;
        if (judged.new) s.linesNew++;
        else s.notNew.push(`${update.event} (${update.language}): ${line.slice(0, 90)} — ${judged.why}`);
      }
    }
  }
  return scores;
}
