import { describe, expect, it } from 'vitest';
import { joinUnits, splitParagraphs, toChunks, toUnits } from '../../src/briefing/chunks.js';
import { estimateTokens } from '../../src/briefing/tokens.js';

const sentence = (i: number) => `This is sentence number ${i} and it carries a little meaning.`;

describe('toUnits / toChunks / joinUnits', () => {
  it('GIVEN paragraphs that fit THEN each is one unit and they pack into chunks within the budget', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => sentence(i));
    const units = toUnits(paragraphs, 100);
    expect(units.map((u) => u.text)).toEqual(paragraphs);
    const chunks = toChunks(units, 40);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.reduce((sum, u) => sum + estimateTokens(u.text) + 2, 0)).toBeLessThanOrEqual(40);
    expect(chunks.flat()).toEqual(units);
  });

  it('GIVEN a paragraph longer than the budget THEN it is cut between sentences and joined back into one paragraph', () => {
    const long = Array.from({ length: 10 }, (_, i) => sentence(i)).join(' ');
    const units = toUnits(['Short intro paragraph here.', long], 40);
    expect(units.length).toBeGreaterThan(2);
    expect(units.every((u) => estimateTokens(u.text) <= 40)).toBe(true);
    const joined = joinUnits(units, units.map((u) => u.text), 2);
    expect(joined).toEqual(['Short intro paragraph here.', long]);
  });

  it('GIVEN one sentence longer than the budget THEN it is cut between words, losing nothing', () => {
    const monster = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const units = toUnits([monster], 20);
    expect(units.length).toBeGreaterThan(1);
    expect(joinUnits(units, units.map((u) => u.text), 1)).toEqual([monster]);
  });

  it('GIVEN a word longer than the budget (no spaces, CJK) THEN it is cut by characters', () => {
    const cjk = '新闻'.repeat(100);
    const units = toUnits([cjk], 30);
    expect(units.every((u) => estimateTokens(u.text) <= 30)).toBe(true);
    expect(units.map((u) => u.text).join('')).toBe(cjk);
  });
});

describe('splitParagraphs', () => {
  it('GIVEN a model answer THEN paragraphs are split at blank lines (with stray spaces) and trimmed', () => {
    expect(splitParagraphs('  One.\n\nTwo.\n   \nThree\nstill three.\r\n\r\n')).toEqual(['One.', 'Two.', 'Three\nstill three.']);
  });
});

describe('estimateTokens', () => {
  it('GIVEN Latin, Cyrillic and CJK text THEN the estimate grows with the cost per character', () => {
    expect(estimateTokens('abcd'.repeat(10))).toBe(10);
    expect(estimateTokens('абвг'.repeat(10))).toBe(20);
    expect(estimateTokens('新闻'.repeat(10))).toBe(20);
  });
});

describe('estimateTokens', () => {
  it.each([
    ['Hello world, this is text.', 7],
    ['Привет мир', 5],
    ['新闻报道', 4],
    ['𠀀𠀁 and 😀😀 emoji', 6],
    ['lone \uD800 high and \uDC00 low', 6],
    ['', 0],
    ['Grüße — «ok» ﬁ', 4],
  ])('GIVEN %j THEN %i tokens: Latin by 4, other alphabets by 2, CJK one each, a surrogate pair as one character', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });
});
