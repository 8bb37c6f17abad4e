import { describe, expect, it } from 'vitest';
import { groupIntoStories } from '../../src/stories/cluster.js';
import type { Story } from '../../src/stories/story.js';
import { aFeedArticle, sameCompanyResults, threeEventsAndTwoSingletons } from './fixtures.js';

/** Each story as the sorted ids of its articles, the stories sorted: a partition to compare. */
function partition(stories: readonly Story[]): string[][] {
  return stories.map((story) => story.articles.map((article) => article.id).sort()).sort((a, b) => a.join().localeCompare(b.join()));
}

function expectedPartition(events: Record<string, string>): string[][] {
  const byEvent = new Map<string, string[]>();
  for (const [id, event] of Object.entries(events)) byEvent.set(event, [...(byEvent.get(event) ?? []), id]);
  return [...byEvent.values()].map((ids) => ids.sort()).sort((a, b) => a.join().localeCompare(b.join()));
}

describe('groupIntoStories', () => {
  it('groups three events reported three times each (one report German) and keeps two singletons apart: 5 stories', () => {
    const { articles, events } = threeEventsAndTwoSingletons();
    const stories = groupIntoStories(articles);
    expect(partition(stories)).toEqual(expectedPartition(events));
    const multi = stories.filter((story) => story.articles.length > 1);
    expect(multi.map((story) => story.sourceCount)).toEqual([3, 3, 3]);
    expect(multi.every((story) => story.articles.some((article) => article.language === 'de'))).toBe(true);
  });

  it('ranks stories by distinct sources, then by their newest article', () => {
    const stories = groupIntoStories(threeEventsAndTwoSingletons().articles);
    expect(stories.map((story) => story.sourceCount)).toEqual([3, 3, 3, 1, 1]);
    expect(stories[0]!.articles[0]!.id).toMatch(/marathon|kiptum|weltrekord|berlin/);
    for (let i = 1; i < 3; i++) expect(stories[i - 1]!.latest).toBeGreaterThanOrEqual(stories[i]!.latest);
  });

  it('keeps a takeover and the same company\'s quarterly results of the same week apart, in either language', () => {
    const { articles, events } = threeEventsAndTwoSingletons();
    const results = sameCompanyResults();
    const stories = groupIntoStories([...articles, ...results]);
    const takeover = stories.find((story) => story.articles.some((article) => events[article.id] === 'takeover'))!;
    expect(takeover.articles.map((article) => article.id).sort()).toEqual(Object.keys(events).filter((id) => events[id] === 'takeover').sort());
    const resultStory = stories.find((story) => story.articles.some((article) => article.id === results[0]!.id))!;
    expect(resultStory.articles.map((article) => article.id).sort()).toEqual(results.map((article) => article.id).sort());
  });

  it('gives the same stories, ids and order whatever order the articles come in', () => {
    const { articles } = threeEventsAndTwoSingletons();
    const all = [...articles, ...sameCompanyResults()];
    const reference = groupIntoStories(all);
    const shuffles = [[...all].reverse(), [...all.slice(5), ...all.slice(0, 5)], [...all].sort((a, b) => a.hash.localeCompare(b.hash))];
    for (const shuffled of shuffles) {
      const stories = groupIntoStories(shuffled);
      expect(stories.map((story) => story.id)).toEqual(reference.map((story) => story.id));
      expect(stories.map((story) => story.articles.map((article) => article.id))).toEqual(reference.map((story) => story.articles.map((article) => article.id)));
    }
  });

  it('keeps a story\'s id when a later article joins it the next day', () => {
    const { articles } = threeEventsAndTwoSingletons();
    const before = groupIntoStories(articles);
    const followUp = aFeedArticle('later.example', 'quake-aftershock', 'en', 26, 'Aftershock rattles Antofagasta as Chile quake toll rises', [
      'A strong aftershock hit Antofagasta on Tuesday, a day after the magnitude 7.1 earthquake in northern Chile killed 12 people.',
      'Interior minister Carolina Toha said the search in Calama had ended.',
    ]);
    const after = groupIntoStories([...articles, followUp]);
    const grown = after.find((story) => story.articles.some((article) => article.id === followUp.id))!;
    expect(grown.articles).toHaveLength(4);
    const quakeBefore = before.find((story) => story.articles.some((article) => article.id === 'daily.example-quake-chile'))!;
    expect(grown.id).toBe(quakeBefore.id);
    expect(new Set(after.map((story) => story.id))).toEqual(new Set(before.map((story) => story.id)));
  });

  it('keeps the instalments of a series apart: one site\'s "report number 7" and "number 8" read alike but differ in their headline numbers', () => {
    const report = (n: number, hours: number) =>
      aFeedArticle('harbour.example', `report-${n}`, 'en', hours, `Harbour report number ${n} on the new ferry line`, [
        `The city council approved the ferry line number ${n} on Tuesday after a long debate. Officials said the boats would start running before the winter. Critics argued the costs were too high.`,
      ]);
    const stories = groupIntoStories([report(7, 0), report(8, 1), report(9, 2)]);
    expect(stories).toHaveLength(3);
  });

  it('never joins reports of one event published weeks apart', () => {
    const first = aFeedArticle('a.example', 'x', 'en', 0, 'Siemens agrees to buy Nordwind Energy for €4.2 billion', ['Siemens will pay €4.2 billion for Nordwind Energy, Roland Busch said.']);
    const much = aFeedArticle('b.example', 'y', 'en', 24 * 30, 'Siemens agrees to buy Nordwind Energy for €4.2 billion', ['Siemens will pay €4.2 billion for Nordwind Energy, Roland Busch said.']);
    expect(groupIntoStories([first, much])).toHaveLength(2);
  });

  it('copes with nothing, one article, and articles without words, names or dates', () => {
    expect(groupIntoStories([])).toEqual([]);
    const lone = aFeedArticle('a.example', 'only', 'en', 0, 'A headline', ['One sentence.']);
    expect(groupIntoStories([lone]).map((story) => story.articles.length)).toEqual([1]);
    const blank = aFeedArticle('b.example', 'blank', 'und', 0, '', []);
    const punct = aFeedArticle('c.example', 'punct', 'und', 0, '…', ['— — —']);
    expect(groupIntoStories([blank, punct])).toHaveLength(2);
  });

  it('counts an article delivered twice (same URL) once', () => {
    const { articles } = threeEventsAndTwoSingletons();
    const stories = groupIntoStories([...articles, articles[0]!]);
    expect(stories.reduce((sum, story) => sum + story.articles.length, 0)).toBe(articles.length);
  });
});
