import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/stories/entities.js';

const keys = (text: string, language: string): string[] => extractEntities(text, language).keys;

describe('extractEntities', () => {
  it('spells an amount alike in English and German, whatever the scale word or separator', () => {
    expect(keys('Microsoft offered $44.6 billion for the company.', 'en')).toContain('q:44600000000usd');
    expect(keys('Microsoft bot 44,6 Milliarden Dollar für das Unternehmen.', 'de')).toContain('q:44600000000usd');
    expect(keys('It paid 44,600 million dollars.', 'en')).toContain('q:44600000000usd');
    expect(keys('Die Inflation lag bei 3,5 Prozent.', 'de')).toContain('q:3.5%');
    expect(keys('Inflation was 3.5% in May.', 'en')).toContain('q:3.5%');
  });

  it('does not read the German "Billion" (10^12) as the English billion (10^9)', () => {
    expect(keys('Die Schulden stiegen auf 2 Billionen Euro.', 'de')).toContain('q:2000000000000eur');
    expect(keys('Debt rose to 2 billion euros.', 'en')).toContain('q:2000000000eur');
  });

  it('reads dates in either language as one key and keeps years apart from amounts', () => {
    expect(keys('The vote was held on 9 December 2012.', 'en')).toEqual(expect.arrayContaining(['d:12-9', 'y:2012']));
    expect(keys('Die Wahl fand am 9. Dezember 2012 statt.', 'de')).toEqual(expect.arrayContaining(['d:12-9', 'y:2012']));
  });

  it('takes names from capitals inside sentences, not from sentence starts or scale words', () => {
    const english = keys('Yesterday the minister met Angela Merkel in Berlin. Officials said little.', 'en');
    expect(english).toEqual(expect.arrayContaining(['n:angela', 'n:merkel', 'n:berlin']));
    expect(english).not.toContain('n:yesterday');
    expect(english).not.toContain('n:officials');
    expect(keys('Der Konzern zahlt 4,2 Milliarden Euro.', 'de')).not.toContain('n:milliarden');
  });

  it('maps a few names that translation changes to one key', () => {
    expect(keys('Der Kanzler reiste nach Moskau und Peking.', 'de')).toEqual(expect.arrayContaining(['n:moscow', 'n:beijing']));
    expect(keys('The chancellor travelled to Moscow and Beijing.', 'en')).toEqual(expect.arrayContaining(['n:moscow', 'n:beijing']));
  });

  it('returns nothing for text without names or numbers, and ignores bare small numbers', () => {
    expect(extractEntities('', 'en')).toEqual({ keys: [], candidates: [], nouns: [] });
    expect(keys('they had 3 children and it rained.', 'en')).toEqual([]);
  });
});
