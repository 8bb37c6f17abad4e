import { createHash } from 'node:crypto';
import { isMonthName, sharedName } from '../stories/entities.js';
import { foldText } from '../text/fold.js';
import { splitSentences } from '../text/sentences.js';

/**
 * What a subscription has posted, story by story: story id → the keys of the sentences and the
 * facts (numbers, names) it showed. Kept as a shared snapshot like the article snapshot
 * (SubscriptionStore.saveSnapshot): subscriptions with the same history share one record.
 */
export type PostedMemory = Readonly<Record<string, string>>;

/** What was posted about one story. */
export interface StoryRecord {
  sentences: Set<string>;
  facts: Set<string>;
}

/** Stories remembered per subscription; older ones are forgotten (a story that old is not updated). */
const REMEMBERED_STORIES = 300;

/** A sentence's identity: its folded words, so spacing and case do not make it new. */
export function sentenceKey(text: string): string {
  return createHash('sha256').update(foldText(text).replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 10);
}

// A weekday or a month alone is no news: "as of November" restates a toll, "am Sonntag" a known
// event. The date's day and year are numbers, and count.
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag']);

/**
 * The facts a sentence states, in a comparable spelling: numbers (separators dropped) and names
 * (capitalized words of 3+ letters that do not open the sentence, spelled as in English where
 * translation changes them: "Rumänien" is "romania"). New information is a new fact.
 */
export function factsOf(text: string): string[] {
  const facts = new Set<string>();
  for (const number of text.match(/\d+(?:[.,]\d+)*/g) ?? []) facts.add(number.replace(/[.,]/g, ''));
  const words = text.match(/[\p{L}][\p{L}\p{M}'’-]*/gu) ?? [];
  words.forEach((word, index) => {
    if (index === 0 || word.length < 3 || !/^\p{Lu}/u.test(word)) return;
    const folded = foldText(word);
    if (!WEEKDAYS.has(folded) && !isMonthName(folded)) facts.add(sharedName(folded));
  });
  return [...facts];
}

/** The record of one story, or undefined when it was never posted. */
export function storyRecord(memory: PostedMemory | undefined, storyId: string): StoryRecord | undefined {
  const stored = memory?.[storyId];
  if (stored === undefined) return undefined;
  const [sentences = '', facts = ''] = stored.split('|');
  return { sentences: new Set(sentences.split(',').filter(Boolean)), facts: new Set(facts.split('\u001f').filter(Boolean)) };
}

/** True when `sentence` tells the reader something `record` did not: an unseen sentence with an unseen fact. */
export function isNew(sentence: string, record: StoryRecord): boolean {
  if (record.sentences.has(sentenceKey(sentence))) return false;
  return factsOf(sentence).some((fact) => !record.facts.has(fact));
}

/** The memory after posting `posted` (story id → the texts shown): older stories first, trimmed to the bound. */
export function rememberPosted(memory: PostedMemory | undefined, posted: ReadonlyMap<string, readonly string[]>): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [id, value] of Object.entries(memory ?? {})) if (!posted.has(id)) next[id] = value;
  for (const [id, texts] of posted) {
    const record = storyRecord(memory, id) ?? { sentences: new Set<string>(), facts: new Set<string>() };
    for (const sentence of texts.flatMap((text) => splitSentences(text))) {
      record.sentences.add(sentenceKey(sentence));
      for (const fact of factsOf(sentence)) record.facts.add(fact);
    }
    next[id] = `${[...record.sentences].join(',')}|${[...record.facts].join('\u001f')}`;
  }
  const ids = Object.keys(next);
  for (const id of ids.slice(0, Math.max(0, ids.length - REMEMBERED_STORIES))) delete next[id];
  return next;
}
