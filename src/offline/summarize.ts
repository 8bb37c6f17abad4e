import { analyzeDocument, ledeOf, selectByMmr, weightsFor, type DocumentAnalysis, type OfflineDocument, type RankingWeights, type ScoredSentence } from './rank.js';

/**
 * The lengths the engine knows. Its own type, not briefing's, so the engine stays a leaf part;
 * briefing's lengths must stay assignable to it, which the compiler checks at the one call site.
 */
export type ExtractiveLength = 'short' | 'medium' | 'long';

/**
 * How many sentences each summary length takes: what the engine picks, and about what the model is
 * asked for (briefing's prompts), so a summary is as long with a model as without one.
 */
export const SENTENCES_BY_LENGTH: Readonly<Record<ExtractiveLength, number>> = Object.freeze({ short: 2, medium: 4, long: 7 });

/**
 * Extractive summary: the most salient sentences, verbatim, in article order.
 *
 * The lede is kept; the other sentences are ranked by salience (LexRank centrality, a position
 * prior and headline similarity) and picked by MMR so the summary does not repeat itself. A
 * document with fewer sentences than asked for is returned whole; an empty one gives [].
 */
export function summarizeExtractive(doc: OfflineDocument, length: ExtractiveLength): string[] {
  return extractSentences(doc, SENTENCES_BY_LENGTH[length]);
}

/** Like {@link summarizeExtractive}, with where each sentence stands in the document. */
export function summarizeExtractiveSentences(doc: OfflineDocument, length: ExtractiveLength): ScoredSentence[] {
  const weights = weightsFor(doc.language);
  const analysis = analyzeDocument(doc, weights);
  return pickSentences(analysis, SENTENCES_BY_LENGTH[length], weights.mmrLambda).map((index) => analysis.sentences[index]!);
}

/** Like {@link summarizeExtractive} with an explicit sentence count (benchmarks compare against lead-k). */
export function extractSentences(doc: OfflineDocument, count: number, weights: RankingWeights = weightsFor(doc.language)): string[] {
  const analysis = analyzeDocument(doc, weights);
  return pickSentences(analysis, count, weights.mmrLambda).map((index) => analysis.sentences[index]!.text);
}

/** Indices, in article order, of the `count` sentences a summary of the analysed document takes. */
export function pickSentences(analysis: DocumentAnalysis, count: number, mmrLambda: number): number[] {
  if (count <= 0) return [];
  if (analysis.sentences.length <= count) return analysis.sentences.map((sentence) => sentence.index);
  return selectByMmr(analysis, count, mmrLambda, { keep: ledeOf(analysis) }).sort((a, b) => a - b);
}
