/**
 * The StoryGrouper the digest uses: offline clustering with the tuned threshold. A model, when one
 * is configured, may later refine borderline merges; the offline answer never needs it.
 */
import type { Article } from '../articles/types.js';
import { groupIntoStories, type ClusterOptions } from './cluster.js';
import type { Story, StoryGrouper } from './story.js';

/** A grouper with fixed options; the promise resolves on the next tick's worth of CPU, never on I/O. */
export function createStoryGrouper(options: ClusterOptions = {}): StoryGrouper {
  return (articles: readonly Article[]): Promise<Story[]> => Promise.resolve(groupIntoStories(articles, options));
}
