import { extractQuotes } from '../llm/offline/quotes.js';
import { summarizeExtractive } from '../llm/offline/summarize.js';
import type { Source } from './sources.js';
import type { SummaryLength } from './types.js';
import { overlaps } from './verbatim.js';

/**
 * The offline engine's summary as paragraphs: its sentences (verbatim, in article order) stay
 * together when they come from the same paragraph of the article. An article that is only a
 * headline (a news flash) is summed up by its headline.
 */
export function offlineSummary(source: Source, length: SummaryLength): string[] {
  const sentences = summarizeExtractive(source, length);
  if (sentences.length === 0) return source.headline.trim() ? [source.headline.trim()] : [];
  const groups: Array<{ paragraph: number; sentences: string[] }> = [];
  let searchFrom = 0;
  for (const sentence of sentences) {
    const found = source.paragraphs.findIndex((text, index) => index >= searchFrom && text.includes(sentence));
    const paragraph = found === -1 ? -1 : found;
    if (found !== -1) searchFrom = found;
    const last = groups.at(-1);
    if (last && paragraph !== -1 && last.paragraph === paragraph) last.sentences.push(sentence);
    else groups.push({ paragraph, sentences: [sentence] });
  }
  return groups.map((group) => group.sentences.join(' '));
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
