import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { planStories } from '../../src/digests/story-items.js';
import { factsOf, isNew, rememberPosted, storyRecord } from '../../src/digests/story-memory.js';

function aFeedArticle(id: string, site: string, paragraphs: string[]): Article {
  return { id, headline: `${site} report`, paragraphs, hash: `${id}-hash`, language: 'en', wordCount: 40, updatedAt: 0, source: { url: `https://${site}.example/${id}`, site, published: 0 } };
}

describe('what a subscription posted, story by story', () => {
  it('GIVEN sentences THEN facts are numbers (separators dropped) and names, not the word opening the sentence', () => {
    expect(factsOf('Acme paid 2.1 billion to Beta Robotics on Tuesday.').sort()).toEqual(['21', 'beta', 'robotics']);
    expect(factsOf('Der Konzern zahlte 2,1 Milliarden.')).toEqual(expect.arrayContaining(['21', 'konzern', 'milliarden']));
  });

  it('GIVEN a weekday, a month or a name translation changes THEN the fact is the same in English and German, and a weekday or month alone is none', () => {
    expect(factsOf('Die Wahl in Rumänien fand am Sonntag, dem 9. Dezember statt.').sort()).toEqual(['9', 'romania', 'wahl']);
    expect(factsOf('The election in Romania was held on Sunday, 9 December.').sort()).toEqual(['9', 'romania']);
    const memory = rememberPosted(undefined, new Map([['s1', ['Bei dem Erdbeben in Italien starben 299 Menschen.']]]));
    const record = storyRecord(memory, 's1');
    if (!record) throw new Error('the story was remembered');
    expect(isNew('As of November, 299 people had been killed in Italy.', record)).toBe(false);
    expect(isNew('As of November, 301 people had been killed in Italy.', record)).toBe(true);
  });

  it('GIVEN a posted story THEN a reworded sentence with no new fact is not new, a sentence with one is, and the same sentence respaced is not', () => {
    const memory = rememberPosted(undefined, new Map([['s1', ['The Harbor Bridge closed on Monday after cracks were found in 2 pillars.']]]));
    const record = storyRecord(memory, 's1');
    if (!record) throw new Error('the story was remembered');
    expect(isNew('On Monday the Harbor Bridge was shut: 2 pillars have cracks.', record)).toBe(false);
    expect(isNew('The Harbor Bridge will reopen on 3 March.', record)).toBe(true);
    expect(isNew('the harbor bridge  closed on monday after cracks were found in 2 pillars.', record)).toBe(false);
  });

  it('GIVEN more stories than remembered THEN the oldest are forgotten and the rest kept', () => {
    let memory: Record<string, string> = {};
    for (let i = 0; i < 310; i++) memory = rememberPosted(memory, new Map([[`story-${i}`, [`Fact number ${i}.`]]]));
    expect(Object.keys(memory)).toHaveLength(300);
    expect(storyRecord(memory, 'story-0')).toBeUndefined();
    expect(storyRecord(memory, 'story-309')?.facts.has('309')).toBe(true);
  });

  it('GIVEN a new article whose text opens with the tail of an image caption THEN its update shows whole sentences only', () => {
    const first = aFeedArticle('a', 'wire', ['A crane collapsed over the Grand Mosque in Mecca on Friday, killing 107 people.']);
    const later = aFeedArticle('b', 'post', ['pilgrims at the Grand Mosque in Mecca during the Hajj of 2008. A storm toppled the crane, the Civil Defense Authority said.', 'King Salman ordered an inquiry.']);
    const memory = rememberPosted(undefined, new Map([['s', first.paragraphs]]));
    const story = { id: 's', articles: [first, later], sourceCount: 2, latest: 0 };
    const [plan] = planStories([story], new Set(['b']), memory, 'medium');
    if (plan?.kind !== 'update') throw new Error('an update was expected');
    expect(plan.lines.map((line) => line.text)).toEqual(expect.arrayContaining(['A storm toppled the crane, the Civil Defense Authority said.', 'King Salman ordered an inquiry.']));
    expect(plan.lines.map((line) => line.text).join(' ')).not.toContain('pilgrims at the Grand Mosque');
  });
});
