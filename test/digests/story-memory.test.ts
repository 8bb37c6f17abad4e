import { describe, expect, it } from 'vitest';
import { factsOf, isNew, rememberPosted, storyRecord } from '../../src/digests/story-memory.js';

describe('what a subscription posted, story by story', () => {
  it('GIVEN sentences THEN facts are numbers (separators dropped) and names, not the word opening the sentence', () => {
    expect(factsOf('Acme paid 2.1 billion to Beta Robotics on Tuesday.').sort()).toEqual(['21', 'beta', 'robotics', 'tuesday']);
    expect(factsOf('Der Konzern zahlte 2,1 Milliarden.')).toEqual(expect.arrayContaining(['21', 'konzern', 'milliarden']));
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
});
