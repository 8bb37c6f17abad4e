import { describe, expect, it } from 'vitest';
import { ArticleCollection } from '../../src/articles/collection.js';
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
    bodies.update([middle, old]);
    expect(ids(matchBodies([bodies], ['contract', 'worth'], 5))).toEqual(['old', 'middle']);
    bodies.update([newest, middle, old], [], [newest]);
    expect(bodies.size).toBe(2);
    expect(ids(matchBodies([bodies], ['contract', 'worth'], 5))).toEqual(['middle']);
  });

  it('GIVEN an article whose body changed THEN its new words are found and its old ones are not', () => {
    const bodies = new RecentBodies(10);
    bodies.update([article('a', 5, 'The ferry runs on diesel.')]);
    expect(ids(matchBodies([bodies], ['diesel'], 5))).toEqual(['a']);
    const changed = article('a', 5, 'The ferry now runs on batteries.');
    bodies.update([changed], [], [changed]);
    expect(matchBodies([bodies], ['diesel'], 5)).toEqual([]);
    expect(ids(matchBodies([bodies], ['batteries'], 5))).toEqual(['a']);
  });

  it('GIVEN inflected words THEN a question in another form still finds the article, rarer words ranking it first', () => {
    const bodies = new RecentBodies(10);
    bodies.update([
      article('common', 1, 'The council met on Monday about the budget.'),
      article('rare', 2, 'The council approved the new ferries on Monday.'),
      article('also-common', 3, 'The council met again on Monday.'),
      article('german', 4, 'Der Rat genehmigte neue Fähren für den Hafen.'),
    ]);
    expect(ids(matchBodies([bodies], ['council', 'ferry'], 5))[0]).toBe('rare');
    expect(ids(matchBodies([bodies], ['council', 'ferry'], 1))).toEqual(['rare']);
    expect(ids(matchBodies([bodies], ['prices'], 5))).toEqual([]);
    expect(ids(matchBodies([bodies], ['fahre'], 5))).toEqual(['german']);
  });

  it('GIVEN only stop words or nothing THEN nothing is matched', () => {
    const bodies = new RecentBodies(10);
    bodies.update([article('a', 1, 'The ferry is here and it is new.')]);
    expect(matchBodies([bodies], ['the', 'is', 'and'], 5)).toEqual([]);
    expect(matchBodies([bodies], [], 5)).toEqual([]);
    expect(matchBodies([], ['ferry'], 5)).toEqual([]);
  });

  it('GIVEN feeds gaining, changing and losing articles in any order THEN the window is always exactly the newest articles, each as it is now', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    const collection = new ArticleCollection({ bodyWords: 0, idWords: false });
    const bodies = new RecentBodies(5);
    for (let step = 0; step < 300; step++) {
      const present = [...collection.values()];
      const removed = present.filter(() => random() < 0.1).map((a) => a.id);
      const upserted = Array.from({ length: Math.floor(random() * 4) }, () => {
        const id = random() < 0.5 && present.length > 0 ? (present[Math.floor(random() * present.length)]?.id ?? 'x') : `a${step}-${Math.floor(random() * 1000)}`;
        return article(id, Math.floor(random() * 60), `Body ${id} version ${step}.`);
      });
      collection.update(removed, upserted);
      bodies.update(collection.list(), removed, upserted);
      const window = collection.list().slice(0, 5);
      expect([...bodies.values()].map((entry) => entry.article).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([...window].sort((a, b) => (a.id < b.id ? -1 : 1)));
    }
  });
});
