/**
 * Pairwise clustering quality against a labelled set: of all article pairs the clustering puts in
 * one story, how many report one event (precision); of all same-event pairs, how many it joined
 * (recall); and of the near-miss pairs (same topic, different events), how many it wrongly joined.
 */

/** A labelled article: which event it reports, and its topic (events sharing a topic are near misses). */
export interface LabelledItem {
  id: string;
  event: string;
  topic: string;
}

export interface PairwiseScores {
  /** Pairs reporting one event. */
  samePairs: number;
  /** Pairs the clustering put in one story. */
  joinedPairs: number;
  /** Pairs both reporting one event and joined. */
  correctPairs: number;
  /** correct / joined; 1 when nothing was joined (no false merge was made). */
  precision: number;
  /** correct / same; 1 when the set has no same-event pairs. */
  recall: number;
  f1: number;
  /** Pairs on one topic but about different events. */
  nearMissPairs: number;
  /** Near-miss pairs the clustering joined: false merges where they are most likely. */
  nearMissJoined: number;
  /** nearMissJoined / nearMissPairs (0 without near-miss pairs). */
  falseMergeShare: number;
}

/**
 * @param items the labelled set
 * @param storyOf each item's story id, as the clustering assigned it (items missing count as alone)
 */
export function pairwiseScores(items: readonly LabelledItem[], storyOf: ReadonlyMap<string, string>): PairwiseScores {
  let samePairs = 0;
  let joinedPairs = 0;
  let correctPairs = 0;
  let nearMissPairs = 0;
  let nearMissJoined = 0;
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    const storyA = storyOf.get(a.id);
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j]!;
      const storyB = storyOf.get(b.id);
      const same = a.event === b.event;
      const joined = storyA !== undefined && storyA === storyB;
      if (same) samePairs++;
      if (joined) joinedPairs++;
      if (same && joined) correctPairs++;
      if (!same && a.topic === b.topic) {
        nearMissPairs++;
        if (joined) nearMissJoined++;
      }
    }
  }
  const precision = joinedPairs === 0 ? 1 : correctPairs / joinedPairs;
  const recall = samePairs === 0 ? 1 : correctPairs / samePairs;
  return {
    samePairs,
    joinedPairs,
    correctPairs,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    nearMissPairs,
    nearMissJoined,
    falseMergeShare: nearMissPairs === 0 ? 0 : nearMissJoined / nearMissPairs,
  };
}
