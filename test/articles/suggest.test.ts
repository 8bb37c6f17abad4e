import { describe, expect, it } from 'vitest';
import { closestIds, editDistance, termMatchesWord } from '../../src/articles/suggest.js';
import type { Article } from '../../src/articles/types.js';

function anArticle(id: string, headline: string): Article {
  return { id, headline, paragraphs: [], hash: id, language: 'en', wordCount: 0, updatedAt: 0 };
}

describe('editDistance', () => {
  it('GIVEN two words THEN counts insertions, deletions and substitutions', () => {
    expect(editDistance('ford', 'ford', 2)).toBe(0);
    expect(editDistance('ford', 'fort', 2)).toBe(1);
    expect(editDistance('xiomi', 'xiaomi', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });

  it('GIVEN two neighbouring letters swapped THEN counts one edit, as for one letter wrong', () => {
    expect(editDistance('frod', 'ford', 2)).toBe(1);
    expect(editDistance('xioami', 'xiaomi', 1)).toBe(1);
    expect(editDistance('ab', 'ba', 0)).toBe(1);
  });

  it('GIVEN words further apart than the bound THEN stops at bound + 1', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('termMatchesWord', () => {
  it('GIVEN the start of a word, or a typo in a long word THEN matches; a typo in a short word THEN does not', () => {
    expect(termMatchesWord('xiao', 'xiaomi')).toBe(true);
    expect(termMatchesWord('xiomi', 'xiaomi')).toBe(true);
    expect(termMatchesWord('gone', 'one')).toBe(false);
  });
});

describe('closestIds', () => {
  const articles = [
    anArticle('ford-xiaomi', 'Ford held talks with Xiaomi'),
    anArticle('storm', 'Storm brings snow to the north'),
    anArticle('budget', 'Council approves budget'),
  ];

  it('GIVEN a misspelled id THEN suggests it', () => {
    expect(closestIds('frod-xiaomi', articles, 3)).toEqual(['ford-xiaomi']);
  });

  it('GIVEN misspelled headline words THEN suggests the article, closest first', () => {
    expect(closestIds('strom snowfall', articles, 3)).toEqual(['storm']);
    expect(closestIds('xaiomi', articles, 3)).toEqual(['ford-xiaomi']);
  });

  it('GIVEN nothing close THEN suggests nothing, and never more than the limit', () => {
    expect(closestIds('quantum computing', articles, 3)).toEqual([]);
    expect(closestIds('o', articles, 0)).toEqual([]);
  });
});
