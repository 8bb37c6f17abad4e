/**
 * Joining stories a model judged to be one event (see grouper.ts): the offline clustering stays the
 * first answer, the model only adds joins it is asked about.
 */
import type { Article } from '../articles/types.js';
import { articleKey, byTimeThenKey, compareStories, storyId } from './cluster.js';
import { articleTime } from './article-origin.js';
import { articleSite } from './features.js';
import type { Story } from './story.js';

/**
 * Joins the stories that hold the two articles of each pair (a model judged them one event). The
 * joined story keeps the bigger story's order first and takes its id from its earliest article.
 */
export function joinStories(stories: readonly Story[], joins: ReadonlyArray<readonly [Article, Article]>): Story[] {
  const storyIndex = new Map<string, number>();
  stories.forEach((story, index) => story.articles.forEach((article) => storyIndex.set(articleKey(article), index)));
  const parent = stories.map((_, index) => index);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const [a, b] of joins) {
    const x = storyIndex.get(articleKey(a));
    const y = storyIndex.get(articleKey(b));
    if (x === undefined || y === undefined) continue;
    const [rx, ry] = [root(x), root(y)];
    if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry);
  }
  const groups = new Map<number, Story[]>();
  stories.forEach((story, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), story]));
  return [...groups.values()]
    .map((group) => {
      if (group.length === 1) return group[0]!;
      const ordered = [...group].sort((x, y) => y.articles.length - x.articles.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const articles = ordered.flatMap((story) => story.articles);
      const earliest = [...articles].sort(byTimeThenKey)[0]!;
      return { id: storyId(earliest), articles, sourceCount: new Set(articles.map(articleSite)).size, latest: Math.max(...articles.map(articleTime)) };
    })
    .sort(compareStories);
}
