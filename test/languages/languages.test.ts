import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../src/errors.js';
import { languageFromLocale, languageName, resolveLanguage, searchLanguages } from '../../src/languages/index.js';

function unknownLanguage(input: string): UserError<'language_unknown'> {
  try {
    resolveLanguage(input);
  } catch (error) {
    if (isUserError(error, 'language_unknown')) return error;
    throw error;
  }
  throw new Error(`expected "${input}" to be unknown`);
}

describe('resolveLanguage', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['English', 'en'],
    ['english', 'en'],
    ['Englisch', 'en'],
    ['englisch', 'en'],
    ['  anglais ', 'en'],
    ['German', 'de'],
    ['Deutsch', 'de'],
    ['deutsch', 'de'],
    ['allemand', 'de'],
    ['tedesco', 'de'],
    ['français', 'fr'],
    ['francais', 'fr'],
    ['fr-FR', 'fr'],
    ['pt-BR', 'pt'],
    ['Brazilian Portuguese', 'pt'],
    ['zh_CN', 'zh'],
    ['中文', 'zh'],
    ['Chinese (Simplified)', 'zh'],
    ['日本語', 'ja'],
    ['Japanisch', 'ja'],
    ['Español', 'es'],
    ['deu', 'de'],
    ['ger', 'de'],
    ['Farsi', 'fa'],
    ['svenska', 'sv'],
    ['Norsk', 'no'],
    ['English (UK)', 'en'],
    ['Tagalog', 'tl'],
    ['Gaelic', 'gd'],
    ['Sinhalese', 'si'],
    ['Bahasa Indonesia', 'id'],
    ['Holländisch', 'nl'],
  ])('GIVEN "%s" THEN %s', (input, code) => {
    expect(resolveLanguage(input).code).toBe(code);
  });

  it('GIVEN a code THEN the English name comes with it', () => {
    expect(resolveLanguage('de')).toEqual({ code: 'de', name: 'German' });
  });

  it('GIVEN a typo THEN language_unknown suggesting the close match', () => {
    const error = unknownLanguage('Englsh');
    expect(error.code).toBe('language_unknown');
    expect(error.params).toEqual({ input: 'Englsh', suggestions: ['English'] });
    expect(error.message).toBe('I do not know the language “Englsh”. Try an ISO code like `en` or a name like `German`.\nDid you mean: English');
  });

  it.each([
    ['Germn', 'German'],
    ['Japnese', 'Japanese'],
    ['Spansh', 'Spanish'],
    ['portu', 'Portuguese'],
  ])('GIVEN "%s" THEN %s is suggested', (input, suggestion) => {
    expect(unknownLanguage(input).params.suggestions).toContain(suggestion);
  });

  it('GIVEN something far from any language THEN no suggestions but a hint on what works', () => {
    const error = unknownLanguage('Klingon');
    expect(error.params.suggestions).toEqual([]);
    expect(error.message).toMatch(/ISO code like `en`/);
  });

  it('GIVEN an empty input THEN language_unknown asking for a language', () => {
    expect(unknownLanguage('  ').message).toMatch(/Please name a language/);
  });

  it('GIVEN a very long input with control characters THEN the message shows a short, clean version', () => {
    const error = unknownLanguage(`x\u0000${'y'.repeat(200)}`);
    expect(error.message).not.toContain('\u0000');
    expect(error.message.length).toBeLessThan(160);
  });
});

describe('languageName', () => {
  it('GIVEN a code and display locale THEN the Intl name, capitalised', () => {
    expect(languageName('de')).toBe('German');
    expect(languageName('en', 'de')).toBe('Englisch');
    expect(languageName('de', 'fr')).toBe('Allemand');
  });

  it('GIVEN an unknown code or a broken locale THEN no exception', () => {
    expect(languageName('qq')).toBe('qq');
    expect(languageName('de', 'not a locale!')).toBe('German');
  });
});

describe('languageFromLocale', () => {
  it.each([
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de', 'de'],
    ['pt-BR', 'pt'],
    ['zh-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['es-ES', 'es'],
    ['es-419', 'es'],
    ['sv-SE', 'sv'],
    ['no', 'no'],
  ])('GIVEN the Discord locale %s THEN %s', (locale, code) => {
    expect(languageFromLocale(locale)?.code).toBe(code);
  });

  it('GIVEN no locale or nonsense THEN undefined', () => {
    expect(languageFromLocale(undefined)).toBeUndefined();
    expect(languageFromLocale('')).toBeUndefined();
    expect(languageFromLocale('not-a-locale!')).toBeUndefined();
  });
});

describe('searchLanguages', () => {
  const codes = (query: string, locale?: string, limit?: number) => searchLanguages(query, locale, limit).map((l) => l.code);

  it('GIVEN an empty query THEN the user locale language first, then the popular ones, within the limit', () => {
    const found = codes('', 'de', 5);
    expect(found[0]).toBe('de');
    expect(found).toHaveLength(5);
    expect(found).toContain('en');
  });

  it('GIVEN a prefix of the name in the display locale THEN that language', () => {
    expect(codes('eng', 'de')).toEqual(['en']);
    expect(codes('deu', 'de')[0]).toBe('de');
    expect(codes('fran', 'en')).toEqual(['fr']);
  });

  it('GIVEN a prefix of the English name while the display locale is German THEN it still matches', () => {
    expect(codes('germ', 'de')[0]).toBe('de');
  });

  it('GIVEN a code THEN that language first', () => {
    expect(codes('ja')[0]).toBe('ja');
  });

  it('GIVEN a word inside a name THEN it matches', () => {
    expect(codes('bokm')).toContain('nb');
  });

  it('GIVEN any query THEN never more than Discord\'s 25 choices', () => {
    expect(searchLanguages('a').length).toBeLessThanOrEqual(25);
  });
});
