import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/requests/parse-request.js';
import { parseSlash } from '../../src/requests/parse-slash.js';
import { parseWords } from '../../src/requests/parse-words.js';
import { parseDigestPreview } from '../../src/requests/parse-digest.js';

describe('parseWords', () => {
  it.each([
    ['summarize ford in english', { kind: 'summarize', article: 'ford', length: 'medium', language: 'english' }],
    ['summarize the Ford article in English', { kind: 'summarize', article: 'ford', length: 'medium', language: 'english' }],
    ['Summarise ford xiaomi short', { kind: 'summarize', article: 'ford xiaomi', length: 'short' }],
    ['summary of ford, long, in German please', { kind: 'summarize', article: 'ford', length: 'long', language: 'german' }],
    ['fasse den Ford Artikel kurz auf Englisch zusammen', { kind: 'summarize', article: 'ford', length: 'short', language: 'englisch' }],
    ['translate xiaomi to french', { kind: 'translate', article: 'xiaomi', language: 'french' }],
    ['Translate the xiaomi story into French!', { kind: 'translate', article: 'xiaomi', language: 'french' }],
    ['translate ford english', { kind: 'translate', article: 'ford', language: 'english' }],
    ['übersetze ford ins Englische', { kind: 'translate', article: 'ford', language: 'englisch' }],
    ['summarize solar boom in europe', { kind: 'summarize', article: 'solar boom in europe', length: 'medium' }],
    ['summarize the elections in Germany short', { kind: 'summarize', article: 'elections in germany', length: 'short' }],
    ['fasse die Wahl in Deutschland zusammen', { kind: 'summarize', article: 'wahl in deutschland', length: 'medium' }],
    ['summarize ford in englsh', { kind: 'summarize', article: 'ford', length: 'medium', language: 'englsh' }],
    ['summarize ford in german short', { kind: 'summarize', article: 'ford', length: 'short', language: 'german' }],
    ['quotes ford in german 5', { kind: 'quote', article: 'ford', count: 5, language: 'german' }],
    ['quotes ford', { kind: 'quote', article: 'ford', count: 3 }],
    ['quote ford 5 in english', { kind: 'quote', article: 'ford', count: 5, language: 'english' }],
    ['quotes ford 99', { kind: 'quote', article: 'ford', count: 99 }],
    ['articles', { kind: 'articles' }],
    ['articles about xiaomi', { kind: 'articles', query: 'xiaomi' }],
    ['articles page 2', { kind: 'articles', page: 2 }],
    ['artikel über ford seite 3', { kind: 'articles', query: 'ford', page: 3 }],
    ['help', { kind: 'help' }],
  ])('GIVEN "%s" THEN reads the request', (text, expected) => {
    expect(parseWords(text)).toEqual(expected);
  });

  it.each(['hello there', '', '   ', 'what is the weather', '🙂'])('GIVEN unknown text "%s" THEN asks for help and keeps the text', (text) => {
    expect(parseWords(text)).toEqual({ kind: 'help', unrecognized: text });
  });

  it('GIVEN a misspelled command or length word THEN reads a mistake that suggests the corrected request', () => {
    expect(parseWords('sumarize ford')).toMatchObject({ kind: 'mistake', error: { params: { request: 'sumarize ford'.replace('sumarize', 'summarize') } } });
    expect(parseWords('Summarize Ford shrt')).toMatchObject({ kind: 'mistake', error: { params: { request: 'Summarize Ford short' } } });
    // A one-word reference is an article, however close to a length word it is.
    expect(parseWords('summarize shrt')).toEqual({ kind: 'summarize', article: 'shrt', length: 'medium' });
    // Short words are never "corrected": "make" is no typo of "take".
    expect(parseWords('make coffee')).toEqual({ kind: 'help', unrecognized: 'make coffee' });
  });

  it('GIVEN a verb without an article THEN returns help for that command', () => {
    expect(parseWords('summarize')).toMatchObject({ kind: 'help', topic: 'summarize' });
    expect(parseWords('translate ford')).toMatchObject({ kind: 'help', topic: 'translate' });
    // "to" is the marker of a missing language, not Tongan's ISO code.
    expect(parseWords('translate ford to')).toMatchObject({ kind: 'help', topic: 'translate' });
    expect(parseWords('quotes')).toMatchObject({ kind: 'help', topic: 'quote' });
  });
});

describe('parseSlash', () => {
  it('GIVEN slash syntax with options THEN reads each option until the next one', () => {
    expect(parseSlash('/summarize article:ford xiaomi length:short language:en')).toEqual({
      kind: 'summarize', article: 'ford xiaomi', length: 'short', language: 'en',
    });
    expect(parseSlash('/translate article:ford language:English')).toEqual({ kind: 'translate', article: 'ford', language: 'English' });
    expect(parseSlash('/quote article:ford count:2')).toEqual({ kind: 'quote', article: 'ford', count: 2 });
    expect(parseSlash('/articles query:xiaomi')).toEqual({ kind: 'articles', query: 'xiaomi' });
  });

  it('GIVEN a missing required option or an unknown command THEN asks for help on that command', () => {
    expect(parseSlash('/translate article:ford')).toMatchObject({ kind: 'help', topic: 'translate' });
    expect(parseSlash('/launch rockets:yes')).toMatchObject({ kind: 'help', topic: 'launch' });
  });

  it('GIVEN a wrong option value or name THEN reads a mistake with the slash commands’ error code', () => {
    expect(parseSlash('/summarize article:ford length:huge')).toMatchObject({ kind: 'mistake', error: { code: 'invalid_choice', params: { option: 'length', input: 'huge' } } });
    expect(parseSlash('/summarize article:ford extra:1')).toMatchObject({ kind: 'mistake', error: { code: 'unknown_option', params: { option: 'extra' } } });
    // The count is the service's to refuse, as it refuses the slash command's.
    expect(parseSlash('/quote article:ford count:11')).toEqual({ kind: 'quote', article: 'ford', count: 11 });
  });

  it('GIVEN plain words THEN is not slash syntax', () => {
    expect(parseSlash('summarize ford')).toBeUndefined();
  });
});

describe('parseRequest on arbitrary input', () => {
  const kinds = ['summarize', 'translate', 'quote', 'articles', 'help', 'mistake'];

  it('GIVEN any text THEN never throws and always returns a request or help', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const request = parseRequest(text);
        expect(kinds).toContain(request.kind);
      }),
      { numRuns: 2_000 },
    );
  });

  it('GIVEN command-like text with random words THEN the article is never empty', () => {
    const verb = fc.constantFrom('summarize', 'translate', 'quotes', '/summarize', '/quote', '/translate');
    const word = fc.string({ minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(verb, fc.array(word, { maxLength: 8 }), (v, words) => {
        const request = parseRequest([v, ...words].join(' '));
        if (request.kind === 'summarize' || request.kind === 'translate' || request.kind === 'quote') {
          expect(request.article.trim()).not.toBe('');
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('parseDigestPreview', () => {
  it.each([
    ['digest preview', { kind: 'digest_preview' }],
    ['digest preview in german short', { kind: 'digest_preview', language: 'german', length: 'short' }],
    ['Digest Vorschau auf Deutsch kurz', { kind: 'digest_preview', language: 'deutsch', length: 'short' }],
    ['digest preview french long', { kind: 'digest_preview', language: 'french', length: 'long' }],
    ['/digest preview language:de length:medium', { kind: 'digest_preview', language: 'de', length: 'medium' }],
  ])('GIVEN "%s" THEN reads the preview request', (text, expected) => {
    expect(parseDigestPreview(text)).toEqual(expected);
  });

  it('GIVEN other requests THEN leaves them to the other readers', () => {
    expect(parseDigestPreview('summarize ford')).toBeUndefined();
    expect(parseDigestPreview('/summarize article:ford')).toBeUndefined();
    expect(parseDigestPreview('digest subscribe')).toBeUndefined();
  });

  it('GIVEN a wrong length THEN reads a mistake', () => {
    expect(parseDigestPreview('/digest preview length:huge')).toMatchObject({ kind: 'mistake', error: { params: { option: 'length' } } });
    expect(parseDigestPreview('digest preview shrt')).toMatchObject({ kind: 'mistake', error: { params: { request: 'digest preview short' } } });
  });
});
