import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { sourceOfArticle, summaryLanguage } from '../../src/briefing/sources.js';

/** An article whose language getter counts its reads, as parseArticle's detects on first read. */
function anArticleCountingLanguageReads(language: string): { article: Article; reads: () => number } {
  let reads = 0;
  const article: Article = {
    id: 'ford',
    headline: 'Ford und Xiaomi sprechen über Zusammenarbeit',
    paragraphs: ['Ford verhandelt mit Xiaomi.'],
    hash: 'a'.repeat(64),
    get language() {
      reads += 1;
      return language;
    },
    wordCount: 9,
    updatedAt: 0,
  };
  return { article, reads: () => reads };
}

describe('sourceOfArticle', () => {
  it('leaves the article language undetected while a request names its own', () => {
    const { article, reads } = anArticleCountingLanguageReads('de');
    const source = sourceOfArticle(article);
    expect(summaryLanguage(source, 'fr')).toBe('fr');
    expect(reads()).toBe(0);
  });

  it('reads the article language when it is needed, and gives the article’s', () => {
    const { article, reads } = anArticleCountingLanguageReads('de');
    const source = sourceOfArticle(article);
    expect(summaryLanguage(source, undefined)).toBe('de');
    expect(source.language).toBe('de');
    expect(reads()).toBeGreaterThan(0);
  });

  it('keeps the language in copies of the source', () => {
    const { article } = anArticleCountingLanguageReads('und');
    expect({ ...sourceOfArticle(article) }).toMatchObject({ id: 'ford', language: 'und' });
    expect(summaryLanguage({ ...sourceOfArticle(article) }, undefined)).toBe('en');
  });
});
