/**
 * The StoryGrouper the digest uses: offline clustering with the tuned threshold, and, when a model
 * is configured, the model's verdict on the few pairs that fell just short of it. The offline
 * answer never waits for or depends on the model: a failing model leaves it as it was.
 */
import type { Article } from '../articles/types.js';
import { callModel } from '../briefing/model-call.js';
import { cacheKey } from '../cache/key.js';
import { transient, type ResultCache, type Transient } from '../cache/result-cache.js';
import type { LanguageModel } from '../llm/types.js';
import { silentLogger, type Logger } from '../log.js';
import { articleKey, clusterArticles, type BorderlinePair, type ClusterOptions } from './cluster.js';
import { joinStories } from './join.js';
import { parseSameEvent, sameEventPrompt, SAME_EVENT_PROMPT_VERSION } from './same-event-prompt.js';
import type { Story, StoryGrouper } from './story.js';

export interface StoryRefinement {
  model: LanguageModel;
  /** Verdicts are kept here per article pair and model, so each pair is asked about once. */
  cache?: ResultCache;
  /** Most borderline pairs put to the model per grouping, strongest first. Default 8. */
  maxQuestions?: number;
  logger?: Logger;
}

export interface StoryGrouperOptions extends ClusterOptions {
  refine?: StoryRefinement;
}

const DEFAULT_MAX_QUESTIONS = 8;

/** "yes" → true; "no", an unreadable answer or a failed call → false (the offline answer stands). */
async function askSameEvent(pair: BorderlinePair, refine: StoryRefinement): Promise<boolean> {
  const ask = async (): Promise<boolean | Transient<boolean>> => {
    const answer = await callModel(refine.model, { messages: sameEventPrompt(pair.a, pair.b), maxTokens: 3, temperature: 0 });
    const verdict = parseSameEvent(answer.text);
    // An answer that is neither yes nor no is not remembered: the next grouping asks again.
    return verdict ?? transient(false);
  };
  try {
    if (!refine.cache) {
      const verdict = await ask();
      return typeof verdict === 'boolean' ? verdict : verdict.value;
    }
    const key = cacheKey({
      op: 'same-event',
      articleHash: [pair.a.hash, pair.b.hash].sort().join(':'),
      options: {},
      model: `${refine.model.provider}/${refine.model.model}`,
      promptVersion: SAME_EVENT_PROMPT_VERSION,
    });
    return (await refine.cache.getOrCompute(key, ask)).value;
  } catch (error) {
    (refine.logger ?? silentLogger).warn({ err: error, model: refine.model.model }, 'Story merge check failed; the offline grouping stands');
    return false;
  }
}

/** Pairs to ask about: at most `max`, skipping pairs whose stories an earlier "yes" already joined. */
async function confirmedJoins(stories: readonly Story[], borderline: readonly BorderlinePair[], refine: StoryRefinement): Promise<Array<[Article, Article]>> {
  const group = new Map<string, number>();
  stories.forEach((story, index) => story.articles.forEach((article) => group.set(articleKey(article), index)));
  const joins: Array<[Article, Article]> = [];
  let asked = 0;
  for (const pair of borderline) {
    if (asked >= (refine.maxQuestions ?? DEFAULT_MAX_QUESTIONS)) break;
    const x = group.get(articleKey(pair.a));
    const y = group.get(articleKey(pair.b));
    if (x === undefined || y === undefined || x === y) continue;
    asked++;
    // One at a time: a handful of short calls, and the provider's rate limit is shared with summaries.
    if (!(await askSameEvent(pair, refine))) continue;
    joins.push([pair.a, pair.b]);
    for (const [key, value] of group) if (value === y) group.set(key, x);
  }
  return joins;
}

/** A grouper with fixed options; without `refine` it never calls a model. */
export function createStoryGrouper(options: StoryGrouperOptions = {}): StoryGrouper {
  return async (articles: readonly Article[]): Promise<Story[]> => {
    const { stories, borderline } = clusterArticles(articles, options);
    if (!options.refine || borderline.length === 0) return stories;
    const joins = await confirmedJoins(stories, borderline, options.refine);
    return joins.length === 0 ? stories : joinStories(stories, joins);
  };
}
