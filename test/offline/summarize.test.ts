import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENTENCES_BY_LENGTH, summarizeExtractive } from '../../src/offline/summarize.js';
import { splitSentences } from '../../src/text/sentences.js';
import { aDocument, isVerbatim, offsetOf, seedDocument } from './fixtures.js';

const LENGTHS = ['short', 'medium', 'long'] as const;

describe('summarizeExtractive', () => {
  it('GIVEN the lengths THEN short is 2, medium 4 and long 7 sentences', () => {
    expect(SENTENCES_BY_LENGTH).toEqual({ short: 2, medium: 4, long: 7 });
  });

  it('GIVEN the real German seed THEN each length has the right count of verbatim sentences in article order', () => {
    const doc = seedDocument();
    const total = doc.paragraphs.flatMap((p) => splitSentences(p, 'de')).length;
    expect(total).toBeGreaterThan(7);
    for (const length of LENGTHS) {
      const summary = summarizeExtractive(doc, length);
      expect(summary).toHaveLength(SENTENCES_BY_LENGTH[length]);
      for (const sentence of summary) expect(isVerbatim(doc, sentence)).toBe(true);
      const offsets = summary.map((sentence) => offsetOf(doc, sentence));
      expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
      expect(new Set(summary).size).toBe(summary.length);
    }
  });

  it('GIVEN the seed THEN the summaries grow: short < medium < long in characters', () => {
    const doc = seedDocument();
    const sizes = LENGTHS.map((length) => summarizeExtractive(doc, length).join(' ').length);
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });

  it('GIVEN the seed THEN the short summary names the parties of the story', () => {
    const text = summarizeExtractive(seedDocument(), 'short').join(' ');
    expect(text).toContain('Ford');
    expect(text).toContain('Xiaomi');
  });

  it('GIVEN fewer sentences than asked THEN all sentences are returned in order', () => {
    const doc = aDocument({ paragraphs: ['Only one sentence here.', 'And a second one.'] });
    expect(summarizeExtractive(doc, 'long')).toEqual(['Only one sentence here.', 'And a second one.']);
  });

  it('GIVEN an empty document THEN the summary is empty', () => {
    expect(summarizeExtractive(aDocument({ paragraphs: [] }), 'short')).toEqual([]);
    expect(summarizeExtractive(aDocument({ paragraphs: ['', '   '] }), 'medium')).toEqual([]);
  });

  it('GIVEN arbitrary text without headline (message menu) THEN it still summarizes', () => {
    const doc = aDocument({ headline: '', language: 'und' });
    const summary = summarizeExtractive(doc, 'short');
    expect(summary).toHaveLength(2);
    for (const sentence of summary) expect(isVerbatim(doc, sentence)).toBe(true);
  });

  it('GIVEN a caption line like "Image: NASA." THEN it is not chosen for a short summary', () => {
    const doc = aDocument({ paragraphs: ['Image: NASA.', ...aDocument().paragraphs] });
    expect(summarizeExtractive(doc, 'short')).not.toContain('Image: NASA.');
  });

  it('GIVEN a long lede that shares no words with a body of two tight topics THEN the short summary still keeps it', () => {
    // Ranked freely, one sentence of each body topic outscores this lede; the lede is kept anyway.
    const lede =
      'Storms that swept across the northern counties overnight left thousands of households without electricity or heating on Sunday, emergency services reported after a long and difficult night for many families.';
    const body = [
      'Engineers repaired power lines across the region through the night.',
      'The power lines had been cut in many places, engineers said.',
      'Engineers expect all power lines to be repaired by Tuesday.',
      'Crews also cleared roads blocked by fallen trees.',
      'Fallen trees still block several roads near the coast, crews said.',
      'Crews hope to clear the last roads of fallen trees on Monday.',
    ];
    const doc = aDocument({ headline: 'Engineers repair power lines as crews clear fallen trees from roads', paragraphs: [lede, ...body] });
    const summary = summarizeExtractive(doc, 'short');
    expect(summary[0]).toBe(lede);
    expect(body).toContain(summary[1]);
  });

  it('GIVEN a caption or a fragment first THEN it is not taken for the lede', () => {
    for (const first of ['Image: NASA.', 'Updated.', 'By Jane Doe']) {
      const doc = aDocument({ paragraphs: [first, ...aDocument().paragraphs] });
      expect(summarizeExtractive(doc, 'short')).not.toContain(first);
    }
  });

  it('GIVEN a 1 MB article THEN only its opening sentences are ranked (bounded work), and a paragraph cut short never yields half a sentence', () => {
    const sentence = (i: number) => `Sentence ${i} is about the council budget and the river bridge.`;
    const paragraphs = Array.from({ length: 2_000 }, (_, p) => Array.from({ length: 5 }, (_, s) => sentence(p * 5 + s)).join(' '));
    // The headline's words appear only at the very end: free ranking over everything would go there.
    paragraphs.push('Late news: the zoo elephant Mala gave birth to twins at dawn.');
    const doc = aDocument({ headline: 'Zoo elephant Mala gives birth to twins', paragraphs });
    const summary = summarizeExtractive(doc, 'long');
    expect(summary).toHaveLength(7);
    for (const picked of summary) expect(offsetOf(doc, picked)).toBeLessThan(60_000);

    const single = aDocument({ paragraphs: [paragraphs.join(' ')] });
    const fromSingle = summarizeExtractive(single, 'long');
    expect(fromSingle).toHaveLength(7);
    for (const picked of fromSingle) expect(picked).toMatch(/^Sentence \d+ is about the council budget and the river bridge\.$/);
  });

  it('GIVEN a sentence repeated verbatim (pull quote) THEN the summary does not repeat it', () => {
    const quote = 'The bridge will change how people move through the city every single day.';
    const doc = aDocument({ paragraphs: [quote, quote, ...aDocument().paragraphs, quote] });
    const summary = summarizeExtractive(doc, 'medium');
    expect(summary.filter((s) => s === quote).length).toBeLessThanOrEqual(1);
  });

  it('GIVEN any text THEN every summary sentence is a verbatim substring, at most the requested count', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 6 }), fc.constantFrom(...LENGTHS), fc.constantFrom('de', 'en', 'und'), (paragraphs, length, language) => {
        const doc = { headline: 'Headline', paragraphs, language };
        const summary = summarizeExtractive(doc, length);
        expect(summary.length).toBeLessThanOrEqual(SENTENCES_BY_LENGTH[length]);
        for (const sentence of summary) expect(isVerbatim(doc, sentence)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
