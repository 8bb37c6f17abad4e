import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, splitText, takeChunk, truncate } from '../../src/discord/split.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const squash = (text: string) => text.replace(/\s+/g, '');

/** Text built from words and separators, so boundaries of every kind occur. */
const textArbitrary = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9@#]{1,12}$/),
        fc.constantFrom('Ford', 'Xiaomi', '@everyone', 'z.B.', 'U.S.', '😀', '“Zitat”', 'https://example.com/a/b'),
      ),
      fc.constantFrom(' ', ' ', ' ', '. ', '! ', '\n', '\n\n', ', ', '? ', '\n\n\n'),
    ),
    { maxLength: 400 },
  )
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

describe('splitText', () => {
  it('GIVEN any text and limit THEN concatenating the chunks keeps every word in order and no chunk is over the limit', () => {
    fc.assert(
      fc.property(textArbitrary, fc.integer({ min: 30, max: 600 }), (text, max) => {
        const chunks = splitText(text, max);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk).toBe(chunk.trim());
        }
        expect(words(chunks.join(' '))).toEqual(words(text));
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN words longer than the limit THEN they are cut inside but no character is lost', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 3000 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
        const chunks = splitText(text, max);
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(max);
        expect(squash(chunks.join(''))).toBe(squash(text));
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN paragraphs THEN it cuts at a paragraph break rather than inside a paragraph', () => {
    const first = 'A'.repeat(60) + ' ends here.';
    const second = 'Second paragraph starts. ' + 'b '.repeat(30);
    const chunks = splitText(`${first}\n\n${second}`, 100);
    expect(chunks[0]).toBe(first);
  });

  it('GIVEN one long paragraph THEN it cuts after a sentence rather than mid-sentence', () => {
    const text = 'This is the first sentence of a story. This is the second sentence, which is longer than the rest.';
    const chunks = splitText(text, 60);
    expect(chunks[0]).toBe('This is the first sentence of a story.');
  });

  it('GIVEN no sentence end THEN it cuts at a word boundary', () => {
    const chunks = splitText('alpha beta gamma delta epsilon zeta eta theta', 20);
    for (const chunk of chunks) expect(chunk.split(' ').every((word) => word.length > 0)).toBe(true);
    expect(chunks.join(' ')).toBe('alpha beta gamma delta epsilon zeta eta theta');
  });

  it('GIVEN emoji at the cut THEN a surrogate pair is never split', () => {
    const text = '😀'.repeat(50);
    const chunks = splitText(text, 7);
    for (const chunk of chunks) expect(() => encodeURIComponent(chunk)).not.toThrow();
    expect(chunks.join('')).toBe(text);
  });

  it('GIVEN an empty text THEN there are no chunks', () => {
    expect(splitText('   \n\n ', 10)).toEqual([]);
  });

  it('GIVEN a limit below 1 THEN it refuses', () => {
    expect(() => splitText('abc', 0)).toThrow(RangeError);
  });
});

describe('takeChunk', () => {
  it('GIVEN text within the limit THEN it is the whole text', () => {
    expect(takeChunk('  short text  ', 100)).toEqual({ head: 'short text', tail: '' });
  });
});

describe('truncate', () => {
  it('GIVEN text over the limit THEN it ends with an ellipsis and fits', () => {
    const cut = truncate('x'.repeat(300), LIMITS.title);
    expect(cut.length).toBeLessThanOrEqual(LIMITS.title);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('GIVEN text within the limit THEN it is unchanged', () => {
    expect(truncate('Ford', 100)).toBe('Ford');
  });
});
