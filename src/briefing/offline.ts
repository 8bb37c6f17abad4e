import { extractQuotes } from '../offline/quotes.js';
import { summarizeExtractiveSentences } from '../offline/summarize.js';
import type { Source } from './sources.js';
import type { SummaryLength } from './types.js';
import { overlaps } from './verbatim.js';

/**
 * The offline engine's summary as paragraphs, each a slice of the article's text: sentences that
 * follow one another in the article stay together, cut out with the spacing between them as it is.
 * Sentences are never re-joined, so what is shown is always verbatim. An article that is only a
 * headline (a news flash) is summed up by its headline.
 */
export function offlineSummary(source: Source, length: SummaryLength): string[] {
  const sentences = summarizeExtractiveSentences(source, length);
  if (sentences.length === 0) return source.headline.trim() ? [source.headline.trim()] : [];
  const runs: Array<{ paragraph: number; start: number; end: number; last: number }> = [];
  for (const sentence of sentences) {
    const run = runs.at(-1);
    if (run && run.paragraph === sentence.paragraph && run.last + 1 === sentence.index) {
      run.end = sentence.end;
      run.last = sentence.index;
    } else {
      runs.push({ paragraph: sentence.paragraph, start: sentence.start, end: sentence.end, last: sentence.index });
    }
  }
  return runs.map((run) => (source.paragraphs[run.paragraph] ?? '').slice(run.start, run.end));
}

/** Up to `count` offline-picked passages that neither repeat nor overlap the ones in `kept`. */
export function offlineQuotes(source: Source, count: number, kept: readonly string[] = []): string[] {
  if (count <= 0) return [];
  // Ask for spares: a passage the offline ranking likes may overlap one the model already chose.
  const picked = extractQuotes(source, count + kept.length, [...kept]);
  const out: string[] = [];
  for (const passage of picked) {
    if (out.length >= count) break;
    if (kept.some((other) => overlaps(other, passage)) || out.some((other) => overlaps(other, passage))) continue;
    out.push(passage);
  }
  return out;
}
