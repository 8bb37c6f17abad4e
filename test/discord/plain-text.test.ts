import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asPlainText, asShownByDiscord } from '../../src/discord/plain-text.js';
import { splitText, takeChunk, truncate } from '../../src/discord/split.js';
import { HOSTILE, markdownLeaks, unescapeMarkdown } from './markdown-leaks.js';

/** Random inputs per property; the report quotes this figure. */
const FUZZ_RUNS = 2_000;

/** Pieces of markup and text, so hostile combinations (and plain letters between them) are common. */
const piece = fc.oneof(
  fc.constantFrom(
    '[', ']', '(', ')', '](', '[x](https://e.example)', '`', '```', '|', '||', '#', '# ', '-# ', '>', '> ', '>>> ',
    '-', '- ', '+ ', '* ', '1. ', '12. ', '\n', '\n\n', '\r\n', ' ', '  ', '\t', '\\', '\\\\', '*', '**', '_', '__',
    '~', '~~', ':', '://', 'https://', 'http://x.y', '<', '<@1>', '<#1>', '<t:0:R>', '@everyone', '.', 'a', 'Zoë', '😀', '\u2028',
  ),
  fc.string({ maxLength: 4 }),
);
const hostileText = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('asPlainText', () => {
  it.each(Object.entries(HOSTILE))('GIVEN %s THEN Discord renders no markup and shows the text as written', (_name, text) => {
    const plain = asPlainText(text);
    expect(markdownLeaks(text)).not.toEqual([]);
    expect(markdownLeaks(plain)).toEqual([]);
    expect(unescapeMarkdown(plain)).toBe(text);
  });

  it('GIVEN a masked link THEN its opening bracket is escaped (escaping only "]" would still render a link)', () => {
    expect(asPlainText('[claim](https://evil.example/login)')).toBe('\\[claim](https\\://evil.example/login)');
  });

  it('GIVEN ordinary news text THEN it is left as it is', () => {
    const text = 'Ford, Xiaomi & Co. rose 5% on Monday (up from 4.5%); "We are pouring money in," Reyes said.';
    expect(asPlainText(text)).toBe(text);
  });

  it('GIVEN dashes and numbers THEN those that could start a list are escaped, wherever a split may put them, and the rest stay', () => {
    expect(asPlainText('EV-Partnerschaft - 2024. Ende\n- Punkt\n  3. Punkt\n2024.')).toBe('EV-Partnerschaft \\- 2024\\. Ende\n\\- Punkt\n  3\\. Punkt\n2024.');
  });

  it(`GIVEN ${FUZZ_RUNS} random hostile strings THEN the output renders no markup and unescaping restores the input`, () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const plain = asPlainText(text);
        expect(markdownLeaks(plain)).toEqual([]);
        expect(unescapeMarkdown(plain)).toBe(text);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`GIVEN ${FUZZ_RUNS} random hostile strings THEN the text Discord shows for the escaped output is the input (what the console's digest preview prints)`, () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(asShownByDiscord(asPlainText(text))).toBe(text);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`GIVEN ${FUZZ_RUNS} random hostile strings split or cut anywhere THEN no piece ends inside an escape or renders markup`, () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 2, max: 80 }), (text, max) => {
        const plain = asPlainText(text);
        const pieces = [...splitText(plain, max), truncate(plain, max), takeChunk(plain, max).head];
        for (const part of pieces) {
          expect(part.length).toBeLessThanOrEqual(max);
          expect(/(?<!\\)(?:\\\\)*\\$/u.test(part), JSON.stringify(part)).toBe(false);
          expect(markdownLeaks(part)).toEqual([]);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
