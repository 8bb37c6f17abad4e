import { splitSentenceSpans } from '../text/sentences.js';
import { contentTerms, expandCompounds } from '../text/tokens.js';

/** The part of an article the offline engine reads. */
export interface OfflineDocument {
  /** May be '' (message-menu text has no headline). */
  headline: string;
  paragraphs: string[];
  /** ISO 639-1 code or 'und'. */
  language: string;
}

/** One sentence of the document with the signals the ranking combines. */
export interface ScoredSentence {
  /** Verbatim sentence text. */
  text: string;
  /** Position in the document, 0-based, across paragraphs. */
  index: number;
  /** Paragraph the sentence belongs to. */
  paragraph: number;
  /** Where the sentence stands in its paragraph: `paragraphs[paragraph].slice(start, end) === text`. */
  start: number;
  end: number;
  /** LexRank centrality, scaled to 0..1. */
  centrality: number;
  /** Position prior, 1 for the first sentence, decaying. */
  position: number;
  /** Cosine similarity to the headline, scaled to 0..1 (0 without headline). */
  headline: number;
  /** Penalty factor in 0..1 for captions, credits and fragments. */
  form: number;
  /** `form` times the brevity prior: how fit the sentence is for a short summary. */
  quality: number;
  /** Combined salience. */
  score: number;
}

/**
 * Weights of the ranking. The defaults are the best setting of the grid in test/bench/offline.ts
 * (`--tune`) on its TUNE split (English items and the first four German ones); the later German
 * items are held out and reported separately.
 */
export interface RankingWeights {
  centrality: number;
  position: number;
  headline: number;
  /** Sentence index at which the position prior has fallen to 1/e. */
  positionDecay: number;
  /** MMR trade-off: 1 = salience only, 0 = novelty only. */
  mmrLambda: number;
  /** LexRank damping factor. */
  damping: number;
  /** Brevity prior: past 20 words salience shrinks as (20 / words)^brevity (0 = off). */
  brevity: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = {
  centrality: 0.5,
  position: 0.5,
  headline: 0.2,
  positionDecay: 8,
  mmrLambda: 0.5,
  damping: 0.85,
  brevity: 0.6,
};

/** Ranking weights for a language (one shared set today; the hook keeps callers language-aware). */
export function weightsFor(_language: string): RankingWeights {
  return DEFAULT_WEIGHTS;
}

/** Sparse TF-IDF vector with its norm. */
interface TermVector {
  weights: Map<string, number>;
  norm: number;
}

/** A document prepared for ranking: sentences, their vectors and pairwise similarities. */
export interface DocumentAnalysis {
  sentences: ScoredSentence[];
  similarity: number[][];
}

// Image credits and captions that news pages leave in the text ("Image: NASA.", "Foto: dpa").
const CAPTION = /(^|\s)(image|photo|video|audio|file photo|bild|foto|grafik|quelle|source)s?:\s*\S+/iu;

// Similarity is computed between every pair of sentences, and synchronously: a 1 MB file (10,000
// sentences) would block the event loop for half a minute, past Discord's 3 s deadline. News puts
// what matters first, so only the opening sentences are ranked (a few milliseconds).
const MAX_RANKED_SENTENCES = 300;
// The same bound in characters, for text without paragraph breaks (sentence splitting costs too).
const MAX_RANKED_CHARS = 60_000;

// Brevity prior: past 20 words a sentence's salience shrinks as (20 / words)^brevity. Long run-on
// sentences and name lists crowd a 2-4 sentence chat summary.
const BREVITY_AT = 20;

/** Penalty for captions and fragments, independent of the tunable weights. */
function formOf(text: string, termCount: number): number {
  let form = 1;
  if (CAPTION.test(text)) form *= 0.25;
  const wordCount = wordCountOf(text);
  if (wordCount < 6) form *= 0.4;
  else if (wordCount < 10) form *= 0.8;
  if (termCount < 3) form *= 0.5;
  if (!/[.!?…"“”«»)]$/u.test(text)) form *= 0.7; // headings, list items, captions without punctuation
  if (text.endsWith('?')) form *= 0.8;
  return form;
}

function wordCountOf(text: string): number {
  return text.split(/\s+/).length;
}

function vectorize(terms: string[], idf: Map<string, number>): TermVector {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * (idf.get(term) ?? 1);
    weights.set(term, weight);
    sum += weight * weight;
  }
  return { weights, norm: Math.sqrt(sum) };
}

function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small.weights) {
    const other = large.weights.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return dot / (a.norm * b.norm);
}

/** Continuous LexRank: PageRank over the cosine-similarity graph. */
function lexRank(similarity: number[][], damping: number): number[] {
  const n = similarity.length;
  if (n === 0) return [];
  const rowSums = similarity.map((row, i) => row.reduce((sum, value, j) => (i === j ? sum : sum + value), 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < 30; iteration++) {
    const next = new Array<number>(n).fill((1 - damping) / n);
    for (let j = 0; j < n; j++) {
      const share = rowSums[j]! > 0 ? (damping * rank[j]!) / rowSums[j]! : (damping * rank[j]!) / n;
      for (let i = 0; i < n; i++) {
        if (rowSums[j]! > 0) {
          if (i !== j) next[i]! += share * similarity[j]![i]!;
        } else {
          next[i]! += share;
        }
      }
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - rank[i]!);
    rank = next;
    if (delta < 1e-6) break;
  }
  return rank;
}

function scaleToMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return max > 0 ? values.map((value) => value / max) : values.map(() => 0);
}

/** Weight-independent measurements of a document; {@link scoreDocument} combines them. */
export interface DocumentMeasures {
  sentences: Omit<ScoredSentence, 'position' | 'quality' | 'score'>[];
  /** Words per sentence (for the brevity prior). */
  wordCounts: number[];
  similarity: number[][];
}

/**
 * Splits the document into sentences (the first {@link MAX_RANKED_SENTENCES}) and measures each one: centrality (LexRank over TF-IDF
 * cosine with stop words removed, diacritics folded, suffixes stripped and, for German, compounds
 * split against the document's own vocabulary), similarity to the headline, and a form factor
 * for captions and fragments.
 */
export function measureDocument(doc: OfflineDocument, damping: number = DEFAULT_WEIGHTS.damping): DocumentMeasures {
  const raw: { text: string; paragraph: number; start: number; end: number }[] = [];
  let chars = 0;
  for (const [p, paragraph] of doc.paragraphs.entries()) {
    if (raw.length >= MAX_RANKED_SENTENCES || chars >= MAX_RANKED_CHARS) break;
    const cut = paragraph.length > MAX_RANKED_CHARS - chars;
    const spans = splitSentenceSpans(cut ? paragraph.slice(0, MAX_RANKED_CHARS - chars) : paragraph, doc.language);
    // A cut paragraph ends in the middle of a sentence, which must not be shown as if whole.
    if (cut) spans.pop();
    for (const { start, end } of spans) raw.push({ text: paragraph.slice(start, end), paragraph: p, start, end });
    chars += paragraph.length;
  }
  raw.length = Math.min(raw.length, MAX_RANKED_SENTENCES);
  const plainTerms = raw.map((sentence) => contentTerms(sentence.text, doc.language));
  const plainHeadline = contentTerms(doc.headline, doc.language);
  const [headlineTerms, ...termLists] = expandCompounds([plainHeadline, ...plainTerms], doc.language);
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const n = raw.length;
  const idf = new Map<string, number>();
  for (const [term, df] of documentFrequency) idf.set(term, Math.log((n + 1) / df) + 1);

  const vectors = termLists.map((terms) => vectorize(terms, idf));
  const similarity = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 1 : cosine(a, b))));
  const centrality = scaleToMax(lexRank(similarity, damping));
  const headlineVector = vectorize(headlineTerms ?? [], idf);
  const headline = scaleToMax(vectors.map((vector) => cosine(vector, headlineVector)));

  const sentences = raw.map((sentence, index) => ({
    text: sentence.text,
    index,
    paragraph: sentence.paragraph,
    start: sentence.start,
    end: sentence.end,
    centrality: centrality[index]!,
    headline: headline[index]!,
    form: formOf(sentence.text, plainTerms[index]!.length),
  }));
  return { sentences, wordCounts: raw.map((sentence) => wordCountOf(sentence.text)), similarity };
}

/** Combines the measures with `weights` into one salience score per sentence. */
export function scoreDocument(measures: DocumentMeasures, weights: RankingWeights = DEFAULT_WEIGHTS): DocumentAnalysis {
  const sentences = measures.sentences.map((sentence, index): ScoredSentence => {
    const position = Math.exp(-index / weights.positionDecay);
    const wordCount = measures.wordCounts[index]!;
    const brevity = wordCount > BREVITY_AT ? (BREVITY_AT / wordCount) ** weights.brevity : 1;
    const quality = sentence.form * brevity;
    const score = quality * (weights.centrality * sentence.centrality + weights.position * position + weights.headline * sentence.headline);
    return { ...sentence, position, quality, score };
  });
  return { sentences, similarity: measures.similarity };
}

/** {@link measureDocument} then {@link scoreDocument}. */
export function analyzeDocument(doc: OfflineDocument, weights: RankingWeights = DEFAULT_WEIGHTS): DocumentAnalysis {
  return scoreDocument(measureDocument(doc, weights.damping), weights);
}

// Below this form (captions, credits, fragments of under six words) the first sentence is no lede.
const LEDE_FORM = 0.5;

/**
 * The lede: the first sentence, unless it is a caption, credit or fragment. News is written as an
 * inverted pyramid, so the first sentence carries the who, what, when and where; keeping it and
 * ranking only the rest beat free ranking under cross-validation on the dev set in English and
 * German (test/bench/offline.ts).
 */
export function ledeOf(analysis: DocumentAnalysis): number[] {
  const first = analysis.sentences[0];
  return first && first.form >= LEDE_FORM ? [first.index] : [];
}

/**
 * Picks `count` sentences by Maximal Marginal Relevance: salience minus redundancy with what is
 * already picked, so two near-identical sentences (a pull quote repeated in the body) are not both
 * chosen. `keep` are taken first, in their order; `candidates` limits the pool. Returns indices in
 * the order picked.
 */
export function selectByMmr(
  analysis: DocumentAnalysis,
  count: number,
  lambda: number,
  { candidates, keep = [] }: { candidates?: number[]; keep?: number[] } = {},
): number[] {
  const pool = new Set(candidates ?? analysis.sentences.map((sentence) => sentence.index));
  const maxScore = Math.max(0, ...[...pool].map((i) => analysis.sentences[i]!.score)) || 1;
  const picked: number[] = [];
  for (const index of keep) {
    if (picked.length >= count || !pool.has(index)) continue;
    picked.push(index);
    pool.delete(index);
  }
  while (picked.length < count && pool.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of pool) {
      const redundancy = picked.reduce((max, j) => Math.max(max, analysis.similarity[i]![j]!), 0);
      const value = lambda * (analysis.sentences[i]!.score / maxScore) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    picked.push(best);
    pool.delete(best);
  }
  return picked;
}
