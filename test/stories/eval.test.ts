import { describe, expect, it } from 'vitest';
import { pairwiseScores, type LabelledItem } from '../../src/stories/eval.js';

const items: LabelledItem[] = [
  { id: 'a1', event: 'takeover', topic: 'siemens' },
  { id: 'a2', event: 'takeover', topic: 'siemens' },
  { id: 'a3', event: 'takeover', topic: 'siemens' },
  { id: 'b1', event: 'results', topic: 'siemens' },
  { id: 'c1', event: 'quake', topic: 'quake' },
];

describe('pairwiseScores', () => {
  it('scores a perfect clustering 1/1 with no false merges', () => {
    const storyOf = new Map([['a1', 'A'], ['a2', 'A'], ['a3', 'A'], ['b1', 'B'], ['c1', 'C']]);
    expect(pairwiseScores(items, storyOf)).toMatchObject({ samePairs: 3, joinedPairs: 3, precision: 1, recall: 1, f1: 1, nearMissPairs: 3, nearMissJoined: 0, falseMergeShare: 0 });
  });

  it('counts a near-miss merge against precision and as a false merge', () => {
    const storyOf = new Map([['a1', 'A'], ['a2', 'A'], ['a3', 'A'], ['b1', 'A'], ['c1', 'C']]);
    const scores = pairwiseScores(items, storyOf);
    expect(scores.joinedPairs).toBe(6);
    expect(scores.precision).toBeCloseTo(0.5);
    expect(scores.recall).toBe(1);
    expect(scores.nearMissJoined).toBe(3);
    expect(scores.falseMergeShare).toBe(1);
  });

  it('counts split events against recall only, and treats unassigned items as alone', () => {
    const storyOf = new Map([['a1', 'A'], ['a2', 'A']]);
    const scores = pairwiseScores(items, storyOf);
    expect(scores).toMatchObject({ joinedPairs: 1, correctPairs: 1, precision: 1 });
    expect(scores.recall).toBeCloseTo(1 / 3);
  });

  it('stays defined when nothing is joined or nothing should be', () => {
    expect(pairwiseScores(items, new Map())).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(pairwiseScores([], new Map())).toMatchObject({ precision: 1, recall: 1, falseMergeShare: 0 });
  });
});
