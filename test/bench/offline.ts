/**
 * Offline engine benchmark: ROUGE-1/2/L F1 of Herald's extractive summaries against lead-k and the
 * npm `lexrank` package on the dev set (test/devset/news.jsonl), per language; then summaries per
 * second on the real seed and on 1,000 generated articles.
 *
 * The dev set is split so the figures are honest: the ranking weights are tuned only on the TUNE
 * split (all English items and the four German items of the first release); the twelve German
 * items added later (test/devset/SOURCES.md, addendum) are HELD-OUT and were never used to choose
 * weights or features. `--tune` reruns the grid search on TUNE and estimates its generalization by
 * 5-fold cross-validation over the whole set.
 *
 *   node --import tsx test/bench/offline.ts [--tune]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { l as rougeL, n as rougeN } from 'js-rouge';
import { DEFAULT_WEIGHTS, measureDocument, scoreDocument, weightsFor, type DocumentMeasures, type OfflineDocument, type RankingWeights } from '../../src/offline/rank.js';
import { extractSentences, pickSentences, summarizeExtractive } from '../../src/offline/summarize.js';
import { extractQuotes } from '../../src/offline/quotes.js';
import { splitSentences } from '../../src/text/sentences.js';

interface DevItem {
  id: string;
  language: string;
  headline: string;
  text: string;
  reference: string;
}

type Summarizer = (item: DevItem, k: number) => string;

const root = fileURLToPath(new URL('../..', import.meta.url));
const devset: DevItem[] = readFileSync(`${root}test/devset/news.jsonl`, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as DevItem);

function toDocument(item: DevItem): OfflineDocument {
  return { headline: item.headline, paragraphs: item.text.split(/\n{2,}/), language: item.language };
}

// The German items of the first release; all later German items are held out from tuning.
const TUNE_GERMAN = new Set(['de-wikinews-rumaenien-wahl-2012', 'de-wikinews-weihnachtsstuerme-2011', 'de-wikinews-chinesische-ausgabe-2006', 'de-wikinews-forscher-wikipedia-2005']);
const isTuning = (item: DevItem): boolean => item.language === 'en' || TUNE_GERMAN.has(item.id);

// Measures do not depend on the tunable weights (damping is fixed), so compute them once.
const measured = new Map<string, DocumentMeasures>();
function measuresOf(item: DevItem): DocumentMeasures {
  let measures = measured.get(item.id);
  if (!measures) {
    measures = measureDocument(toDocument(item));
    measured.set(item.id, measures);
  }
  return measures;
}

/** Herald's pick with given weights: sentence indices in article order (summarize.ts's logic). */
function heraldPick(item: DevItem, k: number, weights: RankingWeights): number[] {
  return pickSentences(scoreDocument(measuresOf(item), weights), k, weights.mmrLambda);
}
const heraldWith = (weights: (language: string) => RankingWeights): Summarizer => (item, k) => {
  const sentences = measuresOf(item).sentences;
  return heraldPick(item, k, weights(item.language)).map((index) => sentences[index]!.text).join(' ');
};
const herald: Summarizer = heraldWith(weightsFor);
const lead: Summarizer = (item, k) =>
  toDocument(item).paragraphs.flatMap((paragraph) => splitSentences(paragraph, item.language)).slice(0, k).join(' ');

// The npm peer: `lexrank` (LexRank with its own sentence tokenizer), CommonJS with a callback API.
interface LexRankModule {
  summarize(text: string, lines: number, callback: (error: unknown, top: unknown, text: string) => void): void;
}
const lexrankModule = createRequire(import.meta.url)('lexrank') as LexRankModule;
const lexrank: Summarizer = (item, k) => {
  let output = '';
  lexrankModule.summarize(item.text, k, (error, _top, text) => {
    if (error) throw error instanceof Error ? error : new Error('lexrank failed');
    output = text.trim();
  });
  return output;
};

const SYSTEMS: [string, Summarizer][] = [
  ['herald', herald],
  ['lead-k', lead],
  ['lexrank (npm)', lexrank],
];

function rouge(candidate: string, reference: string): [number, number, number] {
  if (!candidate.trim()) return [0, 0, 0];
  const options = { caseSensitive: false };
  return [rougeN(candidate, reference, { ...options, n: 1 }), rougeN(candidate, reference, { ...options, n: 2 }), rougeL(candidate, reference, options)];
}

function mean(rows: [number, number, number][]): [number, number, number] {
  const sum = rows.reduce<[number, number, number]>((acc, row) => [acc[0] + row[0], acc[1] + row[1], acc[2] + row[2]], [0, 0, 0]);
  return sum.map((value) => value / Math.max(1, rows.length)) as [number, number, number];
}

const pct = (value: number): string => (value * 100).toFixed(1).padStart(5);

const GROUPS: { label: string; note: string; items: DevItem[] }[] = [
  { label: 'en', note: 'tune, in-sample', items: devset.filter((item) => item.language === 'en') },
  { label: 'de', note: 'tune, in-sample', items: devset.filter((item) => item.language === 'de' && isTuning(item)) },
  { label: 'de', note: 'HELD-OUT', items: devset.filter((item) => item.language === 'de' && !isTuning(item)) },
  { label: 'de', note: 'all', items: devset.filter((item) => item.language === 'de') },
];

function rougeTable(): void {
  console.log('ROUGE F1 (x100) on test/devset — summaries of k sentences; lead-k = first k sentences');
  console.log('lang split            n   k  system          R-1    R-2    R-L   | herald/lead R-1  R-2  R-L');
  for (const group of GROUPS) {
    for (const k of [2, 3, 4]) {
      const scores = new Map<string, [number, number, number]>();
      for (const [name, summarize] of SYSTEMS) {
        scores.set(name, mean(group.items.map((item) => rouge(summarize(item, k), item.reference))));
      }
      const h = scores.get('herald')!;
      const b = scores.get('lead-k')!;
      for (const [name] of SYSTEMS) {
        const [r1, r2, rl] = scores.get(name)!;
        const ratio = name === 'herald' ? `| ${[0, 1, 2].map((i) => (b[i]! > 0 ? (h[i]! / b[i]!).toFixed(2) : ' n/a')).join(' ')}` : '';
        console.log(`${group.label.padEnd(4)} ${group.note.padEnd(16)} ${String(group.items.length).padStart(2)}  ${k}  ${name.padEnd(14)} ${pct(r1)}  ${pct(r2)}  ${pct(rl)}  ${ratio}`);
      }
    }
  }
}

/**
 * Herald against lead-k item by item (ROUGE-1 F1): wins, losses and ties, and a 95% paired
 * bootstrap interval of the ratio of means. Short German bodies make many ties (a 4-sentence body
 * leaves only one sentence to choose at k = 3), so an interval spanning 1 means "no difference shown".
 */
function pairedTable(): void {
  console.log('paired R-1, herald vs lead-k: wins/losses/ties and 95% bootstrap interval of herald/lead (2,000 resamples)');
  for (const group of GROUPS.filter((entry) => entry.items.length >= 10)) {
    for (const k of [2, 3, 4]) {
      const pairs = group.items.map((item) => [rouge(herald(item, k), item.reference)[0], leadRouge1(item, k)] as const);
      const wins = pairs.filter(([h, l]) => h > l + 1e-9).length;
      const losses = pairs.filter(([h, l]) => h < l - 1e-9).length;
      const random = mulberry32(k * 1_000 + pairs.length);
      const ratios: number[] = [];
      for (let sample = 0; sample < 2_000; sample++) {
        let h = 0;
        let l = 0;
        for (let i = 0; i < pairs.length; i++) {
          const pair = pairs[Math.floor(random() * pairs.length)]!;
          h += pair[0];
          l += pair[1];
        }
        ratios.push(h / l);
      }
      ratios.sort((a, b) => a - b);
      const [low, high] = [ratios[Math.floor(0.025 * ratios.length)]!, ratios[Math.floor(0.975 * ratios.length)]!];
      console.log(`${group.label.padEnd(4)} ${group.note.padEnd(16)} ${String(pairs.length).padStart(2)}  k=${k}  ${String(wins).padStart(2)} / ${String(losses).padStart(2)} / ${String(pairs.length - wins - losses).padStart(2)}   [${low.toFixed(2)}, ${high.toFixed(2)}]`);
    }
  }
}

// ROUGE-1 of one pick, cached: most weight settings pick the same sentences.
const rougeCache = new Map<string, number>();
function pickRouge1(item: DevItem, picked: number[]): number {
  const key = `${item.id}:${picked.join(',')}`;
  let value = rougeCache.get(key);
  if (value === undefined) {
    const text = picked.map((index) => measuresOf(item).sentences[index]!.text).join(' ');
    value = rouge(text, item.reference)[0];
    rougeCache.set(key, value);
  }
  return value;
}
const leadRouge1 = (item: DevItem, k: number): number => rouge(lead(item, k), item.reference)[0];

/** The tuning objective: mean ROUGE-1 F1 over items and k = 2, 3, 4 (items pooled, so noisy small groups weigh little). */
function objective(items: DevItem[], weights: RankingWeights): number {
  let sum = 0;
  for (const item of items) for (const k of [2, 3, 4]) sum += pickRouge1(item, heraldPick(item, k, weights));
  return sum / (items.length * 3);
}

function* grid(): Generator<RankingWeights> {
  // Only ratios of the three salience weights matter, so position stays at 0.5.
  for (const centrality of [0.2, 0.35, 0.5])
    for (const headline of [0, 0.1, 0.2, 0.3])
      for (const positionDecay of [2, 3, 4, 6, 8])
        for (const mmrLambda of [0.5, 0.6, 0.7, 0.8])
          for (const brevity of [0.3, 0.6, 0.9]) yield { ...DEFAULT_WEIGHTS, centrality, position: 0.5, headline, positionDecay, mmrLambda, brevity };
}

function bestWeights(items: DevItem[]): { weights: RankingWeights; score: number } {
  let best = { weights: DEFAULT_WEIGHTS, score: -Infinity };
  for (const weights of grid()) {
    const score = objective(items, weights);
    if (score > best.score + 1e-9) best = { weights, score };
  }
  return best;
}

const describe = (w: RankingWeights): string =>
  `centrality ${w.centrality}, position ${w.position}, headline ${w.headline}, positionDecay ${w.positionDecay}, mmrLambda ${w.mmrLambda}, brevity ${w.brevity}`;

/** Grid search on TUNE, then 5-fold cross-validation of the same search over every item. */
function tune(): void {
  const tuning = devset.filter(isTuning);
  const best = bestWeights(tuning);
  console.log(`grid search on TUNE (${tuning.length} items, ${[...grid()].length} settings), objective mean R-1 over k=2,3,4:`);
  console.log(`  best   ${(best.score * 100).toFixed(2)}  ${describe(best.weights)}`);
  console.log(`  shipped ${(objective(tuning, DEFAULT_WEIGHTS) * 100).toFixed(2)}  ${describe(DEFAULT_WEIGHTS)}`);

  // Folds stratified by language: every fold holds about a fifth of each language.
  const folds = 5;
  const foldOf = new Map<string, number>();
  for (const language of ['en', 'de']) devset.filter((item) => item.language === language).forEach((item, i) => foldOf.set(item.id, i % folds));
  const out = new Map<string, number[]>(); // `${language}:${k}` -> [herald sum, lead sum, count]
  for (let fold = 0; fold < folds; fold++) {
    const train = devset.filter((item) => foldOf.get(item.id) !== fold);
    const { weights } = bestWeights(train);
    console.log(`  fold ${fold + 1}: ${describe(weights)}`);
    for (const item of devset.filter((entry) => foldOf.get(entry.id) === fold)) {
      for (const k of [2, 3, 4]) {
        const row = out.get(`${item.language}:${k}`) ?? [0, 0, 0];
        row[0]! += pickRouge1(item, heraldPick(item, k, weights));
        row[1]! += leadRouge1(item, k);
        row[2]! += 1;
        out.set(`${item.language}:${k}`, row);
      }
    }
  }
  console.log('5-fold cross-validated R-1 (weights chosen on the other four folds):');
  for (const [key, [h, l, n]] of out) {
    const [language, k] = key.split(':');
    console.log(`  ${language} k=${k}  n=${n}  herald ${pct(h! / n!)}  lead ${pct(l! / n!)}  herald/lead ${(h! / l!).toFixed(2)}`);
  }
}

/** Deterministic pseudo-random numbers so every run measures the same 1,000 articles. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = {
  de: 'Regierung Unternehmen Gespräche Markt Elektroauto Partnerschaft Bericht Analysten Ziel Strategie Investition Kunden Zukunft Entwicklung Technologie Software Batterie Preis Wachstum Millionen'.split(' '),
  en: 'government company talks market vehicle partnership report analysts goal strategy investment customers future development technology software battery price growth millions'.split(' '),
};
const FRAMES = {
  de: ['Laut einem Bericht führte die {0} Gespräche über {1} und {2}.', 'Die {0} will den {1} bis 2030 um 3,5 Mrd. Euro ausbauen.', '„Die {0} ist entscheidend für die {1}“, sagte der Sprecher.', 'Am 3. Oktober stellte Dr. Weber die {0} vor, z. B. im Bereich {1}.', 'Dem Bericht zufolge bleibt die {0} unklar.'],
  en: ['According to a report, the {0} held talks about {1} and {2}.', 'The {0} plans to expand the {1} by $3.5 billion by 2030.', '"The {0} is crucial for the {1}," the spokesman said.', 'On Jan. 5 Dr. Weber presented the {0}, e.g. in {1}.', 'The U.S. {0} remains unclear, officials said.'],
};

function generateArticles(count: number): OfflineDocument[] {
  const random = mulberry32(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const articles: OfflineDocument[] = [];
  for (let a = 0; a < count; a++) {
    const language = a % 2 === 0 ? 'de' : 'en';
    const words = VOCABULARY[language];
    const paragraphs: string[] = [];
    const paragraphCount = 4 + Math.floor(random() * 5);
    for (let p = 0; p < paragraphCount; p++) {
      const sentences: string[] = [];
      const sentenceCount = 2 + Math.floor(random() * 3);
      for (let s = 0; s < sentenceCount; s++) {
        sentences.push(pick(FRAMES[language]).replace(/\{(\d)\}/g, () => pick(words)));
      }
      paragraphs.push(sentences.join(' '));
    }
    articles.push({ headline: `${pick(words)} ${pick(words)} ${pick(words)}`, paragraphs, language });
  }
  return articles;
}

function throughput(label: string, documents: OfflineDocument[], minimumMs: number): void {
  const lengths = ['short', 'medium', 'long'] as const;
  let done = 0;
  const started = performance.now();
  do {
    for (const document of documents) {
      summarizeExtractive(document, lengths[done % 3]!);
      done++;
    }
  } while (performance.now() - started < minimumMs);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(46)} ${(done / seconds).toFixed(0).padStart(7)} summaries/s  (${done} in ${seconds.toFixed(2)} s)`);
}

function seedDocument(): OfflineDocument {
  const lines = readFileSync(`${root}seeds/000_c6212945af6057c2.txt`, 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return { headline: lines[0] ?? '', paragraphs: lines.slice(1), language: 'de' };
}

const benchStarted = performance.now();
console.log(`Herald offline engine benchmark (Node ${process.version})`);
console.log(`dev set: ${devset.filter((i) => i.language === 'en').length} en + ${devset.filter((i) => i.language === 'de').length} de articles (sources: test/devset/SOURCES.md)\n`);
// The bench's fast path must pick exactly what the product picks.
for (const item of devset) for (const k of [2, 3, 4]) {
  if (herald(item, k) !== extractSentences(toDocument(item), k).join(' ')) throw new Error(`bench and summarize.ts disagree on ${item.id}`);
}
rougeTable();
console.log('');
pairedTable();
console.log('');
if (process.argv.includes('--tune')) {
  tune();
  console.log('');
}
const seed = seedDocument();
throughput('seed article (German, 7 paragraphs), lengths cycled', [seed], 1500);
const generated = generateArticles(1000);
throughput('1,000 generated articles (de/en, 8-32 sentences)', generated, 1500);
const quotesStarted = performance.now();
for (const document of generated) extractQuotes(document, 3);
console.log(`${'quotes (3 each) on the 1,000 generated articles'.padEnd(46)} ${(1000 / ((performance.now() - quotesStarted) / 1000)).toFixed(0).padStart(7)} articles/s`);
console.log(`\ndone in ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
