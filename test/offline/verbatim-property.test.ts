/**
 * Property: whatever an article file holds ("!" and "?" glued to words, tabs and double spaces
 * between sentences, bidi overrides, C0/C1 controls), every offline summary paragraph and every
 * offline quote is a byte-for-byte substring of the article as loaded, and holds no control.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/parse.js';
import type { Article } from '../../src/articles/types.js';
import { offlineQuotes, offlineSummary } from '../../src/briefing/offline.js';
import { sourceOfArticle } from '../../src/briefing/sources.js';
import { isInvisibleControl } from '../../src/text/controls.js';

/** Articles tried per run; each is summarized at three lengths and quoted. */
export const RUNS = 300;

const WORDS = ['Yahoo', 'Japan', 'shares', 'rose', 'Der', 'Stadtrat', 'beschloss', 'den', 'Haushalt', 'Ford', 'Xiaomi', 'talks', '5%', '3,5', 'U.S.', 'Dr.', '„Wir', 'gehen“', '"Yes,"', 'said', 'she'];
const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u0007', '\u001B', '\u0085', '\u009B', '\u007F', '\u000B', '\u000C', '\r'];
const GLUE = ['!', '?', '!?', '?!', '!!', '.', '…'];
const GAPS = [' ', ' ', ' ', '  ', '\t', ' \u00A0'];

const token = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE), fc.constantFrom(...WORDS)).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...CONTROLS), fc.constantFrom(...WORDS)).map((parts) => parts.join('')) },
);
const sentence = fc
  .tuple(fc.array(fc.tuple(token, fc.constantFrom(...GAPS)), { minLength: 2, maxLength: 12 }), fc.constantFrom('.', '!', '?', '!"', '?“', ''))
  .map(([words, end]) => words.map(([word, gap], i) => (i === words.length - 1 ? word : word + gap)).join('') + end);
const paragraph = fc.array(fc.tuple(sentence, fc.constantFrom(...GAPS)), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([s, gap]) => s + gap).join(''));
const articleText = fc
  .tuple(sentence, fc.array(paragraph, { maxLength: 6 }), fc.constantFrom('\n', '\n\n', '\r\n'))
  .map(([headline, paragraphs, breakWith]) => [headline, ...paragraphs].join(breakWith));

function loaded(text: string): Article | undefined {
  const parsed = parseArticle('fuzz', new TextEncoder().encode(text), 0);
  return parsed.ok ? parsed.article : undefined;
}

/** Where `passage` stands in the loaded article: a substring of its headline or of one paragraph. */
function isSliceOf(article: Article, passage: string): boolean {
  return [article.headline, ...article.paragraphs].some((text) => text.includes(passage));
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isInvisibleControl(text.charCodeAt(i)) && text[i] !== '\n') return true;
  return false;
}

describe('offline answers are slices of the loaded article (property)', () => {
  it(`GIVEN ${RUNS} random articles with glued "!"/"?", odd spacing, bidi and controls THEN every summary paragraph and quote is a substring of the loaded text, without controls`, () => {
    let tried = 0;
    fc.assert(
      fc.property(articleText, (text) => {
        const article = loaded(text);
        if (!article) return; // too many controls: skipped as binary, which is also fine
        tried++;
        const source = sourceOfArticle(article);
        const answers = [...offlineSummary(source, 'short'), ...offlineSummary(source, 'medium'), ...offlineSummary(source, 'long'), ...offlineQuotes(source, 3)];
        for (const passage of answers) {
          expect(isSliceOf(article, passage), passage).toBe(true);
          expect(hasControl(passage), passage).toBe(false);
        }
        for (const quote of offlineQuotes(source, 3)) {
          // A quote ends where a sentence ends: before whitespace or at the end of its paragraph.
          const ends = article.paragraphs.some((p) => {
            const at = p.indexOf(quote);
            return at !== -1 && (at + quote.length === p.length || /\s/u.test(p[at + quote.length] ?? ''));
          });
          expect(ends, quote).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    // Most inputs must really be loaded, or the property proves little.
    expect(tried).toBeGreaterThan(RUNS * 0.8);
  });
});
