import { describe, expect, it } from 'vitest';
import { foldText, foldedVariants, queryTerms } from '../../src/articles/normalize.js';

describe('foldText', () => {
  it('GIVEN German umlauts and capitals THEN folds to plain lower-case letters', () => {
    expect(foldText('Führte GESPRÄCHE über Öl')).toBe('fuhrte gesprache uber ol');
  });

  it('GIVEN ß and the capital ẞ THEN spells them ss', () => {
    expect(foldText('Straße STRAẞE')).toBe('strasse strasse');
  });

  it('GIVEN accents of other languages and decomposed input THEN removes every mark', () => {
    expect(foldText('Café Ångström naïve Łódź Søren')).toBe('cafe angstrom naive lodz soren');
    expect(foldText('fu\u0308hrte')).toBe('fuhrte');
  });

  it('GIVEN plain ASCII THEN only lower-cases it', () => {
    expect(foldText('Xiaomi Ford EV')).toBe('xiaomi ford ev');
  });
});

describe('foldedVariants', () => {
  it('GIVEN a word with umlauts THEN yields the folded and the ae/oe/ue spellings', () => {
    expect(foldedVariants('Führte')).toEqual(['fuhrte', 'fuehrte']);
    expect(foldedVariants('Ford')).toEqual(['ford']);
  });
});

describe('queryTerms', () => {
  it('GIVEN stop words, punctuation and repeats THEN keeps each meaningful folded word once', () => {
    expect(queryTerms('The Ford–Xiaomi talks, the FORD deal!')).toEqual(['ford', 'xiaomi', 'talks', 'deal']);
  });

  it('GIVEN only stop words THEN yields nothing', () => {
    expect(queryTerms('der die das')).toEqual([]);
  });
});
