import type { Article } from '../articles/types.js';
import { articleTime, sourceSite } from './article-origin.js';
import type { Story, StoryGrouper } from './story.js';

/**
 * Every article a story of its own (id = the article's id). The digest's grouper until story
 * clustering is configured: digests then read as before, one item per article.
 */
export const singletonStories: StoryGrouper = (articles) =>
  Promise.resolve(articles.map((article): Story => ({ id: article.id, articles: [article], sourceCount: 1, latest: articleTime(article) })));

/** Stories in digest order: covered by more distinct sources first, then the most recent. */
export function rankStories(stories: readonly Story[]): Story[] {
  return [...stories].sort((a, b) => b.sourceCount - a.sourceCount || b.latest - a.latest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The name a story cites an article's source by: its site, else the page's host, else the article id (a seed file). */
export function siteOf(article: Article): string {
  return sourceSite(article) ?? article.id;
}
