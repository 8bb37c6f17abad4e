import { describe, expect, it } from 'vitest';
import { groupIntoStories } from '../../src/stories/cluster.js';
import { createStoryGrouper } from '../../src/stories/grouper.js';
import { threeEventsAndTwoSingletons } from './fixtures.js';

describe('createStoryGrouper', () => {
  it('answers the StoryGrouper interface with the offline clustering, no model needed', async () => {
    const { articles } = threeEventsAndTwoSingletons();
    const stories = await createStoryGrouper()(articles);
    expect(stories).toEqual(groupIntoStories(articles));
    expect(stories).toHaveLength(5);
  });

  it('passes its options on: a threshold nothing reaches leaves every article a story of its own', async () => {
    const { articles } = threeEventsAndTwoSingletons();
    expect(await createStoryGrouper({ threshold: 2 })(articles)).toHaveLength(articles.length);
  });
});
