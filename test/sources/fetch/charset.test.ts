import { describe, expect, it } from 'vitest';
import { decodeBody, detectEncoding } from '../../../src/sources/fetch/charset.js';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const utf16le = (text: string, bom = true): Buffer => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string, bom = true): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), be]);
};

// "Café – naïve €5": the dash (0x96) and euro (0x80) exist in windows-1252 but not in ISO-8859-1.
const cp1252Text = latin1('Caf\xe9 \x96 na\xefve \x805');
const cp1252Decoded = 'Café – naïve €5';

describe('detectEncoding', () => {
  it.each([
    ['text/xml; charset=windows-1252', 'windows-1252'],
    ['text/html; charset="ISO-8859-2"', 'iso-8859-2'],
    ["application/rss+xml;charset='utf-8'", 'utf-8'],
    ['text/html; Charset=latin1', 'windows-1252'],
    ['text/plain; format=flowed; charset=utf-16le', 'utf-16le'],
  ])('GIVEN Content-Type %j THEN its charset is used (%s)', (contentType, encoding) => {
    expect(detectEncoding(latin1('<rss/>'), contentType)).toBe(encoding);
  });

  it('GIVEN no header charset THEN the XML declaration decides', () => {
    const body = latin1('<?xml version="1.0" encoding="ISO-8859-15"?><rss/>');
    expect(detectEncoding(body, 'application/xml')).toBe('iso-8859-15');
  });

  it('GIVEN an XML declaration with single quotes and leading whitespace THEN it is read', () => {
    expect(detectEncoding(latin1("\n  <?xml version='1.0' encoding='windows-1252' ?><rss/>"), undefined)).toBe('windows-1252');
  });

  it.each([
    ['<html><head><meta charset="windows-1252"><title>x</title>', 'windows-1252'],
    ['<html><head><META CHARSET=iso-8859-7>', 'iso-8859-7'],
    ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', 'windows-1252'],
  ])('GIVEN an HTML page %j THEN its meta charset decides', (html, encoding) => {
    expect(detectEncoding(latin1(html), 'text/html')).toBe(encoding);
  });

  it.each([
    ['UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x3c]), 'utf-8'],
    ['UTF-16LE BOM', utf16le('<rss/>'), 'utf-16le'],
    ['UTF-16BE BOM', utf16be('<rss/>'), 'utf-16be'],
    ['UTF-16LE without BOM, starting with "<?"', utf16le('<?xml version="1.0"?><rss/>', false), 'utf-16le'],
    ['UTF-16BE without BOM, starting with "<?"', utf16be('<?xml version="1.0"?><rss/>', false), 'utf-16be'],
  ])('GIVEN a %s THEN the bytes decide', (_what, body, encoding) => {
    expect(detectEncoding(body, undefined)).toBe(encoding);
  });

  it('GIVEN a BOM that contradicts the header THEN the BOM wins (the bytes cannot lie about their order)', () => {
    expect(detectEncoding(utf16le('<rss/>'), 'text/xml; charset=iso-8859-1')).toBe('utf-16le');
  });

  it('GIVEN an unknown or bogus charset label THEN the next clue is used, then UTF-8', () => {
    expect(detectEncoding(latin1('<?xml version="1.0" encoding="windows-1252"?>'), 'text/xml; charset=klingon')).toBe('windows-1252');
    expect(detectEncoding(latin1('<p>hi</p>'), 'text/html; charset=klingon')).toBe('utf-8');
  });

  it('GIVEN an ASCII document that claims utf-16 in its declaration THEN it is read as UTF-8 (it cannot be UTF-16)', () => {
    expect(detectEncoding(latin1('<?xml version="1.0" encoding="UTF-16"?><rss/>'), undefined)).toBe('utf-8');
  });

  it('GIVEN no clue at all THEN UTF-8', () => {
    expect(detectEncoding(Buffer.from('plain words'), undefined)).toBe('utf-8');
  });
});

describe('decodeBody', () => {
  it('GIVEN windows-1252 bytes named in the header THEN dashes, euro and accents come out right', () => {
    expect(decodeBody(cp1252Text, 'text/plain; charset=windows-1252')).toBe(cp1252Decoded);
  });

  it('GIVEN ISO-8859-1 named in the header THEN it is read as windows-1252, as browsers do', () => {
    expect(decodeBody(cp1252Text, 'text/plain; charset=iso-8859-1')).toBe(cp1252Decoded);
  });

  it('GIVEN UTF-16LE and UTF-16BE bodies with BOMs THEN the text comes out without the BOM', () => {
    expect(decodeBody(utf16le('Grüße 日本'), undefined)).toBe('Grüße 日本');
    expect(decodeBody(utf16be('Grüße 日本'), undefined)).toBe('Grüße 日本');
  });

  it('GIVEN a UTF-8 BOM THEN it is dropped', () => {
    expect(decodeBody(Buffer.from('\ufeffhello', 'utf8'), undefined)).toBe('hello');
  });

  it('GIVEN invalid UTF-8 THEN it decodes with replacement characters instead of failing', () => {
    expect(decodeBody(Buffer.from([0x61, 0xff, 0x62]), 'text/plain; charset=utf-8')).toBe('a\ufffdb');
  });

  it('GIVEN ISO-8859-7 (Greek) THEN it decodes', () => {
    expect(decodeBody(Buffer.from([0xc1, 0xe8, 0xde, 0xed, 0xe1]), 'text/plain; charset=iso-8859-7')).toBe('Αθήνα');
  });
});

describe('windows-1252 bytes 0x80–0x9F', () => {
  it('GIVEN every byte of the C1 range THEN each maps to the WHATWG windows-1252 character', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeBody(bytes, 'text/plain; charset=windows-1252')).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });

  it('GIVEN a slice of a larger buffer THEN only the slice is decoded', () => {
    const whole = Buffer.from('xx\x93quoted\x94yy', 'latin1');
    expect(decodeBody(whole.subarray(2, 10), 'text/plain; charset=cp1252')).toBe('“quoted”');
  });
});
