/**
 * Property: the stories depend on which articles are grouped, never on the order they arrive in;
 * and a story's id survives any later article joining it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupIntoStories } from '../../src/stories/cluster.js';
import type { Story } from '../../src/stories/story.js';
import { loadStoryDevset, toArticle } from '../support/story-devset.js';
import { sameCompanyResults, threeEventsAndTwoSingletons } from './fixtures.js';

const RUNS = 40;
const fixtures = [...threeEventsAndTwoSingletons().articles, ...sameCompanyResults()];
const devset = loadStoryDevset().map((item) => toArticle(item));

const shape = (stories: readonly Story[]): Array<[string, string[]]> => stories.map((story) => [story.id, story.articles.map((article) => article.id)]);

describe('story grouping is order-independent (property)', () => {
  it(`GIVEN ${RUNS} shuffles of the fixtures and of the 60-item dev set THEN the stories, their ids and their order are the same`, () => {
    const fixtureShape = shape(groupIntoStories(fixtures));
    const devShape = shape(groupIntoStories(devset));
    fc.assert(
      fc.property(fc.shuffledSubarray(fixtures, { minLength: fixtures.length }), fc.shuffledSubarray(devset, { minLength: devset.length }), (someFixtures, someDev) => {
        expect(shape(groupIntoStories(someFixtures))).toEqual(fixtureShape);
        expect(shape(groupIntoStories(someDev))).toEqual(devShape);
      }),
      { numRuns: RUNS },
    );
  });

  it(`GIVEN every cut in time of the fixtures THEN a story of the articles so far keeps its id once later articles join it`, () => {
    const byTime = [...fixtures].sort((a, b) => a.source!.published! - b.source!.published!);
    const full = groupIntoStories(byTime);
    let checked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: byTime.length }), (cut) => {
        for (const story of groupIntoStories(byTime.slice(0, cut))) {
          const later = full.find((candidate) => candidate.articles.includes(story.articles[0]!))!;
          if (!story.articles.every((article) => later.articles.includes(article))) continue;
          checked++;
          expect(story.id).toBe(later.id);
        }
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThan(0);
  });
});
