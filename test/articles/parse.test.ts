import { describe, expect, it } from 'vitest';
import { decodeArticleBytes } from '../../src/articles/decode.js';
import { detectLanguage } from '../../src/articles/language.js';
import { countWords, layoutArticle } from '../../src/articles/layout.js';
import { parseArticle } from '../../src/articles/parse.js';
import { anArticleText, ENGLISH_BODY, GERMAN_BODY } from '../support/articles.js';

describe('decodeArticleBytes', () => {
  it('GIVEN UTF-8 with a BOM and CRLF line ends THEN yields clean text', () => {
    const decoded = decodeArticleBytes(Buffer.from('\uFEFFTitel\r\nText über Öl\r\n', 'utf8'));
    expect(decoded).toEqual({ ok: true, text: 'Titel\nText über Öl\n', encoding: 'utf-8' });
  });

  it('GIVEN a NUL byte THEN calls the file binary', () => {
    expect(decodeArticleBytes(Buffer.from([0x48, 0x69, 0x00, 0x21]))).toEqual({ ok: false, reason: 'binary' });
  });

  it('GIVEN mostly invalid UTF-8 THEN calls the file binary', () => {
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 0x40)));
    expect(decodeArticleBytes(noise)).toEqual({ ok: false, reason: 'binary' });
  });

  it('GIVEN many control characters THEN calls the file binary', () => {
    const bytes = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeArticleBytes(bytes)).toEqual({ ok: false, reason: 'binary' });
  });

  it('GIVEN German text saved as Windows-1252 THEN reads its umlauts', () => {
    const bytes = Buffer.from('Gespr\xe4che \xfcber \xd6l und Stra\xdfe\nText', 'latin1');
    const decoded = decodeArticleBytes(bytes);
    expect(decoded).toMatchObject({ ok: true, encoding: 'windows-1252', text: 'Gespräche über Öl und Straße\nText' });
  });

  it('GIVEN UTF-16 with a BOM THEN decodes it', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Schlagzeile\nText', 'utf16le')]);
    expect(decodeArticleBytes(bytes)).toMatchObject({ ok: true, text: 'Schlagzeile\nText', encoding: 'utf-16le' });
  });

  it('GIVEN no bytes or only whitespace THEN calls the file empty', () => {
    expect(decodeArticleBytes(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    expect(decodeArticleBytes(Buffer.from(' \n\n\t \n'))).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('layoutArticle', () => {
  it('GIVEN leading blank lines and one paragraph per line THEN the first non-empty line is the headline', () => {
    expect(layoutArticle('\n\n  Headline  \nFirst paragraph.\n\nSecond paragraph.\n')).toEqual({
      headline: 'Headline',
      paragraphs: ['First paragraph.', 'Second paragraph.'],
    });
  });

  it('GIVEN blank-line separated blocks of hard-wrapped lines THEN joins each block into one paragraph', () => {
    const text = '# Headline\n\nThe first paragraph is wrapped\nat a short width by an editor.\n\nThe second one\nis wrapped too.\n';
    expect(layoutArticle(text)).toEqual({
      headline: 'Headline',
      paragraphs: ['The first paragraph is wrapped at a short width by an editor.', 'The second one is wrapped too.'],
    });
  });

  it('GIVEN long lines without blank lines (the seed format) THEN each line stays a paragraph', () => {
    const long = 'x'.repeat(150);
    expect(layoutArticle(`H\n${long}\n${long}`).paragraphs).toEqual([long, long]);
  });

  it('GIVEN a list THEN keeps its items apart', () => {
    expect(layoutArticle('H\n- one\n- two').paragraphs).toEqual(['- one', '- two']);
  });
});

describe('countWords', () => {
  it('GIVEN hyphenated words, decimals and apostrophes THEN counts each once', () => {
    expect(countWords('Die EV-Partnerschaft kostet 3,5 Mrd. Euro, Xiaomi’s Plan.')).toBe(8);
  });
});

describe('detectLanguage', () => {
  it('GIVEN German text THEN says de', () => {
    expect(detectLanguage(GERMAN_BODY.join(' '))).toBe('de');
  });

  it('GIVEN English text THEN says en', () => {
    expect(detectLanguage(ENGLISH_BODY.join(' '))).toBe('en');
  });

  it('GIVEN English with markdown around the words THEN still English (markup is not language)', () => {
    expect(detectLanguage('**Breaking** markets ||rally|| as `bonds` fall\nThe markets moved a lot today. Traders were surprised by it.')).toBe('en');
  });

  it('GIVEN too few letters to tell THEN says und', () => {
    expect(detectLanguage('Ford Xiaomi')).toBe('und');
    expect(detectLanguage('12345 678 — 90')).toBe('und');
  });
});

describe('parseArticle', () => {
  it('GIVEN an article file THEN fills every field and freezes the result', () => {
    const parsed = parseArticle('council', Buffer.from(anArticleText('Council approves budget')), 1_700_000_000_123.7);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { article } = parsed;
    expect(article).toMatchObject({ id: 'council', headline: 'Council approves budget', paragraphs: ENGLISH_BODY, language: 'en', updatedAt: 1_700_000_000_123 });
    expect(article.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(article.wordCount).toBe(3 + countWords(ENGLISH_BODY.join(' ')));
    expect(Object.isFrozen(article)).toBe(true);
    expect(Object.isFrozen(article.paragraphs)).toBe(true);
  });

  it('GIVEN the same text with other line endings THEN the hash is the same; other words THEN it differs', () => {
    const hashOf = (text: string): string => {
      const parsed = parseArticle('a', Buffer.from(text), 0);
      return parsed.ok ? parsed.article.hash : '';
    };
    expect(hashOf('Title\nBody text.\n')).toBe(hashOf('Title\r\nBody text.\r\n'));
    expect(hashOf('Title\nBody text.\n')).not.toBe(hashOf('Title\nBody text!\n'));
  });
});
