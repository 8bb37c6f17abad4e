/**
 * Offline story clustering: articles about one event, from any site and in English or German,
 * become one Story, without a model. Deterministic: the same articles in any order give the same
 * stories with the same ids.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../articles/types.js';
import type { Story } from './story.js';
import { articleTime } from './article-origin.js';
import { articleSite, extractFeatures } from './features.js';
import { DEFAULT_SIMILARITY, scorePairs, type ScoredPair, type SimilarityOptions } from './similarity.js';

export interface ClusterOptions {
  /** Pair score from which two articles are one event (tuned on test/devset/stories.jsonl). */
  threshold?: number;
  /**
   * A story joins another only when the average score over all their article pairs (missing pairs
   * count 0) reaches `threshold × linkage`: one strong pair cannot chain two events together.
   */
  linkage?: number;
  similarity?: Partial<SimilarityOptions>;
}

/** Tuned on the dev set (see test/bench/stories.ts); README "Benchmarks" has the figures. */
export const DEFAULT_THRESHOLD = 0.275;
export const DEFAULT_LINKAGE = 1;

/** What identifies an article across polls: its URL for feed and link articles, its file name for seeds. */
export function articleKey(article: Article): string {
  return article.source?.url ?? `seed:${article.id}`;
}

/** Earliest first; ties by article key, then by content hash. */
export function byTimeThenKey(a: Article, b: Article): number {
  // The hash breaks the last tie, so which copy of a twice-delivered article is kept never depends on input order.
  return articleTime(a) - articleTime(b) || compareText(articleKey(a), articleKey(b)) || compareText(a.hash, b.hash);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable for the same event over time: only the earliest article decides it. */
export function storyId(earliest: Article): string {
  return `story-${createHash('sha256').update(articleKey(earliest)).digest('hex').slice(0, 16)}`;
}

class Clusters {
  private readonly parent: number[];
  readonly members: Map<number, number[]>;

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
    this.members = new Map(this.parent.map((i) => [i, [i]]));
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    const [keep, drop] = a < b ? [a, b] : [b, a];
    this.parent[drop] = keep;
    this.members.get(keep)!.push(...this.members.get(drop)!);
    this.members.delete(drop);
  }
}

function pairKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}

/** Greedy average linkage: strongest pairs first, each merge checked against the clusters' mean score. */
function link(n: number, pairs: readonly ScoredPair[], threshold: number, linkage: number): Clusters {
  const scores = new Map<number, number>();
  for (const pair of pairs) scores.set(pairKey(pair.a, pair.b, n), pair.score);
  const strong = pairs.filter((pair) => pair.score >= threshold).sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const clusters = new Clusters(n);
  for (const pair of strong) {
    const a = clusters.find(pair.a);
    const b = clusters.find(pair.b);
    if (a === b) continue;
    const left = clusters.members.get(a)!;
    const right = clusters.members.get(b)!;
    let sum = 0;
    for (const i of left) for (const j of right) sum += scores.get(pairKey(i, j, n)) ?? 0;
    if (sum / (left.length * right.length) >= threshold * linkage) clusters.union(a, b);
  }
  return clusters;
}

function toStory(indices: readonly number[], sorted: readonly Article[], scores: Map<number, number>, n: number): Story {
  const centrality = (i: number): number => indices.reduce((sum, j) => sum + (i === j ? 0 : (scores.get(pairKey(i, j, n)) ?? 0)), 0);
  // Most central first (it lends the headline); ties go to the earlier article, as the input is sorted.
  const ordered = [...indices].sort((i, j) => centrality(j) - centrality(i) || i - j);
  const articles = ordered.map((i) => sorted[i]!);
  const earliest = sorted[Math.min(...indices)]!;
  return {
    id: storyId(earliest),
    articles,
    sourceCount: new Set(articles.map(articleSite)).size,
    latest: Math.max(...articles.map(articleTime)),
  };
}

/** Stories ranked as a digest would: more sources first, then the more recent, then by id. */
export function compareStories(a: Story, b: Story): number {
  return b.sourceCount - a.sourceCount || b.latest - a.latest || compareText(a.id, b.id);
}

/** Two articles in different stories whose score fell just short of the threshold: a model may judge them. */
export interface BorderlinePair {
  a: Article;
  b: Article;
  score: number;
}

export interface Clustering {
  /** Ranked by distinct sources, then recency. */
  stories: Story[];
  /** Strongest first; only pairs scoring at least half the threshold. */
  borderline: BorderlinePair[];
}

/** What {@link groupIntoStories} does, also returning the near-threshold pairs it left apart. */
export function clusterArticles(articles: readonly Article[], options: ClusterOptions = {}): Clustering {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const linkage = options.linkage ?? DEFAULT_LINKAGE;
  const similarity = { ...DEFAULT_SIMILARITY, ...options.similarity };
  const unique = new Map<string, Article>();
  for (const article of [...articles].sort(byTimeThenKey)) if (!unique.has(articleKey(article))) unique.set(articleKey(article), article);
  const sorted = [...unique.values()];
  const n = sorted.length;
  const floor = threshold * Math.min(linkage, 1) * 0.5;
  const pairs = scorePairs(extractFeatures(sorted), similarity, floor);
  const scores = new Map<number, number>();
  for (const pair of pairs) scores.set(pairKey(pair.a, pair.b, n), pair.score);
  const clusters = link(n, pairs, threshold, linkage);
  const borderline = pairs
    .filter((pair) => pair.score < threshold && clusters.find(pair.a) !== clusters.find(pair.b))
    .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b)
    .map((pair) => ({ a: sorted[pair.a]!, b: sorted[pair.b]!, score: pair.score }));
  const stories = [...clusters.members.values()].map((indices) => toStory(indices, sorted, scores, n)).sort(compareStories);
  return { stories, borderline };
}

/**
 * Groups articles into stories, offline. An article reported twice (same URL or seed name) counts once.
 * @returns stories ranked by distinct sources, then recency
 */
export function groupIntoStories(articles: readonly Article[], options: ClusterOptions = {}): Story[] {
  return clusterArticles(articles, options).stories;
}
