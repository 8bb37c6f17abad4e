/**
 * The labelled story set (test/devset/stories.jsonl, sources in test/devset/SOURCES.md) as Herald
 * Articles: each item becomes a feed article from its site, published at noon UTC of its date.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/articles/types.js';
import type { LabelledItem } from '../../src/stories/eval.js';

export interface StoryDevItem extends LabelledItem {
  language: string;
  site: string;
  /** ISO date (YYYY-MM-DD) as printed by the source: a Wikinews dateline, a Wikipedia event date. */
  date: string;
  headline: string;
  text: string;
}

const path = fileURLToPath(new URL('../devset/stories.jsonl', import.meta.url));

export function loadStoryDevset(): StoryDevItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StoryDevItem);
}

/** Noon UTC of the item's date, shifted by `offsetMs` (the bench moves copies in time). */
export function itemTime(item: Pick<StoryDevItem, 'date'>, offsetMs = 0): number {
  return Date.parse(`${item.date}T12:00:00Z`) + offsetMs;
}

/** The item as a feed article; `overrides` lets the bench make recombined copies. */
export function toArticle(item: StoryDevItem, overrides: Partial<Pick<Article, 'id' | 'paragraphs' | 'headline'>> & { time?: number } = {}): Article {
  const paragraphs = overrides.paragraphs ?? item.text.split(/\n{2,}/);
  const headline = overrides.headline ?? item.headline;
  const id = overrides.id ?? item.id;
  const time = overrides.time ?? itemTime(item);
  const text = [headline, ...paragraphs].join('\n');
  return {
    id,
    headline,
    paragraphs,
    hash: createHash('sha256').update(text).digest('hex'),
    language: item.language,
    wordCount: text.split(/\s+/).length,
    updatedAt: time,
    source: { url: `https://${item.site}/${id}`, site: item.site, published: time },
  };
}
