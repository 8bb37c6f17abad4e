import { foldDiacritics } from '../text/tokens.js';
import { analyzeDocument, type OfflineDocument, type ScoredSentence } from './rank.js';

// A quotation in any of the usual marks: „…“ “…” "…" »…« «…». Three words or more counts on its
// own; a shorter one ("Yes," she said) only together with a reporting verb, so scare quotes don't.
const QUOTATION = /[„“"»«‚]([^„“”"»«]*?\s[^„“”"»«]*?\s[^„“”"»«]*?)[“”"«»‘]/u;
const SHORT_QUOTATION = /[„“"»«‚][^„“”"»«]{2,}[“”"«»‘]/u;

// Reporting verbs and attribution phrases, matched on folded text (lower case, no diacritics).
const REPORTING = new RegExp(
  [
    // English
    String.raw`\b(said|says|say|told|tells|stated|states|added|adds|explained|announced|claimed|argued|noted|warned|wrote|writes|asked|commented|insisted|admitted|described|declared|confirmed|acknowledged|replied|urged)\b`,
    String.raw`\baccording to\b`,
    // German
    String.raw`\b(sagte|sagt|sagten|erklarte|erklart|erklarten|betonte|betont|meinte|berichtete|berichtet|warnte|forderte|lobte|kritisierte|ausserte|bekraftigte|unterstrich|verkundete|bestatigte|schrieb|fugte|zufolge|laut)\b`,
    String.raw`\bteilte\b.*\bmit\b`,
    String.raw`\bhiess es\b`,
    String.raw`,\s*so\s+(der|die|das|ein|eine)?\s*\p{L}+`,
  ].join('|'),
  'iu',
);

/** How strongly a sentence reads as an attributed statement: 1 quoted and attributed, 0 neither. */
export function attributionStrength(sentence: string): number {
  const quoted = QUOTATION.test(sentence);
  const reported = REPORTING.test(foldDiacritics(sentence));
  if (reported && (quoted || SHORT_QUOTATION.test(sentence))) return 1;
  if (quoted) return 0.7;
  if (reported) return 0.5;
  return 0;
}

function normalized(text: string): string {
  return foldDiacritics(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function lengthFit(text: string): number {
  const wordCount = text.split(/\s+/).length;
  if (wordCount < 6) return 0.3;
  if (wordCount > 70) return 0.5;
  if (wordCount > 50) return 0.8;
  return 1;
}

/**
 * The `count` most salient verbatim passages of the document, most salient first. Statements in
 * quotation marks and sentences with a reporting verb ("said", "sagte", "laut", "zufolge") rank
 * above plain sentences; plain sentences only fill up when there are not enough attributed ones.
 * Passages are whole sentences, never rewritten, never repeated, and never one of `exclude`.
 *
 * @param exclude passages already shown (for example returned by an LLM); compared case- and diacritic-insensitively
 */
export function extractQuotes(doc: OfflineDocument, count: number, exclude: string[] = []): string[] {
  const wanted = Math.floor(count);
  if (!(wanted > 0)) return [];
  const analysis = analyzeDocument(doc);
  const excluded = exclude.map(normalized).filter(Boolean);
  const maxScore = Math.max(0, ...analysis.sentences.map((sentence) => sentence.score)) || 1;

  const ranked = analysis.sentences
    .map((sentence) => ({ sentence, value: quoteValue(sentence, maxScore) }))
    .sort((a, b) => b.value - a.value || a.sentence.index - b.sentence.index);

  const picked: ScoredSentence[] = [];
  const seen = new Set<string>();
  for (const { sentence } of ranked) {
    if (picked.length >= wanted) break;
    const key = normalized(sentence.text);
    if (!key || seen.has(key)) continue;
    if (excluded.some((other) => other === key || other.includes(key) || key.includes(other))) continue;
    if (picked.some((other) => analysis.similarity[sentence.index]![other.index]! > 0.8)) continue;
    seen.add(key);
    picked.push(sentence);
  }
  return picked.map((sentence) => sentence.text);
}

function quoteValue(sentence: ScoredSentence, maxScore: number): number {
  const salience = sentence.score / maxScore;
  return (attributionStrength(sentence.text) + 0.35 * salience) * lengthFit(sentence.text) * (0.5 + 0.5 * sentence.quality);
}
