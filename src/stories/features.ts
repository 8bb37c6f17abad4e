/**
 * What the clustering compares articles by: weighted content words (TF-IDF over the batch), weighted
 * entities (names, numbers, dates; IDF over the batch), publication time and site.
 */
import type { Article } from '../articles/types.js';
import { articleTime, sourceSite } from './article-origin.js';
import { contentTerms } from '../text/tokens.js';
import { extractEntities, type ArticleEntities } from './entities.js';

/** A sparse unit vector: feature → weight, with the norm already divided out. */
export type SparseVector = Map<string, number>;

export interface ArticleFeatures {
  article: Article;
  /** Publication time (else first seen), ms since the epoch. */
  time: number;
  language: string;
  terms: SparseVector;
  entities: SparseVector;
  /**
   * Sums of money: the facts that tell a takeover price from quarterly results. Death tolls and
   * percentages are left out on purpose: they change as a story develops, or differ between sources.
   */
  amounts: ReadonlySet<string>;
  /** Numbers in the headline ("report number 7", "Q3"): one site's instalments of a series differ in them. */
  headlineNumbers: ReadonlySet<string>;
  /** The article's site (articleSite). */
  site: string;
}

/** The digit runs of a headline, separators removed ("1,200" and "1.200" are one number). */
export function headlineNumbers(headline: string): ReadonlySet<string> {
  return new Set((headline.match(/\d[\d.,]*/g) ?? []).map((number) => number.replace(/[.,]+$/, '').replace(/[.,]/g, '')));
}

/** Distinct site of an article for counting sources: its named site, else "seed" (the operator's folder). */
export function articleSite(article: Article): string {
  return sourceSite(article) ?? 'seed';
}

function counts(items: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

/**
 * German genitives ("Microsofts", "Merkels") are the name plus "s": when the batch also has the
 * name without it, both count as one entity.
 */
function mergeGenitives(lists: Map<string, number>[]): void {
  const vocabulary = new Set(lists.flatMap((list) => [...list.keys()]));
  for (const list of lists) {
    for (const [key, count] of [...list]) {
      if (!key.startsWith('n:') || !key.endsWith('s') || key.length < 6) continue;
      const base = key.slice(0, -1);
      if (!vocabulary.has(base)) continue;
      list.delete(key);
      list.set(base, (list.get(base) ?? 0) + count);
    }
  }
}

const NONE: ReadonlySet<string> = new Set();
/** Weight of a German capitalized word no other-language article shares: most are common nouns. */
const NOUN_WEIGHT = 0.3;

function documentFrequencies(lists: readonly Map<string, number>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const list of lists) for (const key of list.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  return df;
}

// Sublinear term frequency times smoothed IDF, normalized to unit length: the classic TF-IDF cosine.
function weigh(list: Map<string, number>, df: Map<string, number>, total: number, damped: ReadonlySet<string> = NONE): SparseVector {
  const vector: SparseVector = new Map();
  let norm = 0;
  for (const [key, count] of list) {
    const idf = Math.log((1 + total) / (1 + (df.get(key) ?? 0))) + 1;
    const weight = (1 + Math.log(count)) * idf * (damped.has(key) ? NOUN_WEIGHT : 1);
    vector.set(key, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [key, weight] of vector) vector.set(key, weight / norm);
  return vector;
}

// The headline says what the event is; counting its words twice tilts the vector towards it.
function articleText(article: Article): string {
  return `${article.headline}\n${article.headline}\n${article.paragraphs.join('\n')}`;
}

function isGerman(article: Article): boolean {
  return article.language.toLowerCase().startsWith('de');
}

interface RawFeatures {
  terms: Map<string, number>;
  entities: ArticleEntities;
}

// Digests cluster mostly the same articles again and again (every run, every personal briefing):
// what depends on one article alone is kept, keyed by its content hash, and only weighted afresh.
const RAW_CACHE_SIZE = 20_000;
const rawCache = new Map<string, RawFeatures>();

function rawFeatures(article: Article): RawFeatures {
  const key = `${article.hash}\u0000${article.language}`;
  let raw = rawCache.get(key);
  if (!raw) {
    if (rawCache.size >= RAW_CACHE_SIZE) rawCache.clear();
    raw = {
      terms: counts(contentTerms(articleText(article), article.language)),
      entities: extractEntities(`${article.headline}.\n${article.paragraphs.join('\n')}`, article.language),
    };
    rawCache.set(key, raw);
  }
  return raw;
}

/** Features of every article, weighted against the batch they are clustered in. */
export function extractFeatures(articles: readonly Article[]): ArticleFeatures[] {
  const raws = articles.map(rawFeatures);
  const termLists = raws.map((raw) => raw.terms);
  const extracted = raws.map((raw) => raw.entities);
  const names = new Set(extracted.flatMap((entities) => entities.keys));
  // What articles in other languages than German call names: a German noun found there is a name too.
  const foreign = new Set(extracted.flatMap((entities, i) => (isGerman(articles[i]!) ? [] : [...entities.keys, ...entities.candidates])));
  const damped = extracted.map((entities) => new Set(entities.nouns.filter((key) => !foreign.has(key))));
  const entityLists = extracted.map((entities) => counts([...entities.keys, ...entities.nouns, ...entities.candidates.filter((key) => names.has(key) || foreign.has(key))]));
  mergeGenitives(entityLists);
  const termDf = documentFrequencies(termLists);
  const entityDf = documentFrequencies(entityLists);
  return articles.map((article, index) => ({
    article,
    time: articleTime(article),
    language: article.language.slice(0, 2).toLowerCase(),
    terms: weigh(termLists[index]!, termDf, articles.length),
    entities: weigh(entityLists[index]!, entityDf, articles.length, damped[index]),
    amounts: new Set([...entityLists[index]!.keys()].filter((key) => /^q:[\d.e+]+(?:usd|eur|gbp)$/.test(key))),
    headlineNumbers: headlineNumbers(article.headline),
    site: articleSite(article),
  }));
}
