import { describe, expect, it } from 'vitest';
import { matchBodies, RecentBodies } from '../../src/articles/recent-bodies.js';
import { feedArticle } from '../../src/sources/feed-store/feed-article.js';
import type { Article } from '../../src/articles/types.js';

function article(id: string, minutesAgo: number, ...paragraphs: string[]): Article {
  return feedArticle({ id, guid: id, feedHash: id, headline: `Headline ${id}`, paragraphs, firstSeen: Date.UTC(2026, 11, 6) - minutesAgo * 60_000 });
}

const ids = (articles: readonly Article[]) => articles.map((a) => a.id);

describe('the newest feed articles\' bodies', () => {
  it('GIVEN more articles than the window THEN only the newest are matched, and one pushed out is forgotten', () => {
    const bodies = new RecentBodies(2);
    const old = article('old', 30, 'The contract is worth 480 million euros.');
    const middle = article('middle', 20, 'The contract runs until 2031.');
    const newest = article('newest', 10, 'Nothing about money here.');
    bodies.sync([middle, old]);
    expect(ids(matchBodies([bodies], ['contract', 'worth'], 5))).toEqual(['old', 'middle']);
    bodies.sync([newest, middle, old]);
    expect(bodies.size).toBe(2);
    expect(ids(matchBodies([bodies], ['contract', 'worth'], 5))).toEqual(['middle']);
  });

  it('GIVEN an article whose body changed THEN its new words are found and its old ones are not', () => {
    const bodies = new RecentBodies(10);
    bodies.sync([article('a', 5, 'The ferry runs on diesel.')]);
    expect(ids(matchBodies([bodies], ['diesel'], 5))).toEqual(['a']);
    bodies.sync([article('a', 5, 'The ferry now runs on batteries.')]);
    expect(matchBodies([bodies], ['diesel'], 5)).toEqual([]);
    expect(ids(matchBodies([bodies], ['batteries'], 5))).toEqual(['a']);
  });

  it('GIVEN inflected words THEN a question in another form still finds the article, rarer words ranking it first', () => {
    const bodies = new RecentBodies(10);
    bodies.sync([
      article('common', 1, 'The council met on Monday about the budget.'),
      article('rare', 2, 'The council approved the new ferries on Monday.'),
      article('also-common', 3, 'The council met again on Monday.'),
    ]);
    expect(ids(matchBodies([bodies], ['council', 'ferry'], 5))[0]).toBe('rare');
    expect(ids(matchBodies([bodies], ['council', 'ferry'], 1))).toEqual(['rare']);
  });

  it('GIVEN only stop words or nothing THEN nothing is matched', () => {
    const bodies = new RecentBodies(10);
    bodies.sync([article('a', 1, 'The ferry is here and it is new.')]);
    expect(matchBodies([bodies], ['the', 'is', 'and'], 5)).toEqual([]);
    expect(matchBodies([bodies], [], 5)).toEqual([]);
    expect(matchBodies([], ['ferry'], 5)).toEqual([]);
  });
});
