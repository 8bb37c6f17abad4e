import type { Article } from '../articles/types.js';

/**
 * Coverage of one event: the articles (from one or several sites, in any language) that report it.
 * A digest posts one item per story; an article covered by nobody else is a story of one.
 */
export interface Story {
  /** Stable over time for the same event: derived from its earliest article, so an update keeps the id. */
  id: string;
  /** The story's articles, most central first (the first one lends the headline offline). */
  articles: Article[];
  /** Distinct sites (or seed folder) covering the story: the ranking's first key. */
  sourceCount: number;
  /** Newest publication (or first-seen) time of its articles, ms since the epoch: the ranking's second key. */
  latest: number;
}

/** Groups articles into stories; model refinement is optional and never required. */
export type StoryGrouper = (articles: readonly Article[]) => Promise<Story[]>;
