import { describe, expect, it } from 'vitest';
import { attributionStrength, extractQuotes } from '../../src/offline/quotes.js';
import { aDocument, isVerbatim, seedDocument } from './fixtures.js';

describe('extractQuotes', () => {
  it('GIVEN a quoted, attributed statement THEN it comes first', () => {
    const doc = aDocument();
    const quotes = extractQuotes(doc, 2);
    expect(quotes[0]).toBe('"This bridge connects our neighbourhoods," she said.');
    for (const quote of quotes) expect(isVerbatim(doc, quote)).toBe(true);
  });

  it('GIVEN German attribution („…“, sagte, laut, zufolge) THEN attributed sentences outrank plain ones', () => {
    const doc = aDocument({
      language: 'de',
      headline: 'Stadtrat beschließt neue Brücke',
      paragraphs: [
        'Der Stadtrat hat am Montag den Bau einer neuen Brücke über den Fluss beschlossen. Die Brücke soll 40 Millionen Euro kosten.',
        '„Diese Brücke verbindet unsere Stadtteile“, sagte die Bürgermeisterin. Der Bau beginnt im nächsten Jahr.',
        'Laut dem Verkehrsamt sinken die Fahrzeiten deutlich. Die Abstimmung endete sieben zu zwei.',
      ],
    });
    const quotes = extractQuotes(doc, 2);
    expect(quotes).toEqual([
      '„Diese Brücke verbindet unsere Stadtteile“, sagte die Bürgermeisterin.',
      'Laut dem Verkehrsamt sinken die Fahrzeiten deutlich.',
    ]);
  });

  it('GIVEN the real seed THEN three distinct verbatim passages, attributed ones first', () => {
    const doc = seedDocument();
    const quotes = extractQuotes(doc, 3);
    expect(quotes).toHaveLength(3);
    expect(new Set(quotes).size).toBe(3);
    for (const quote of quotes) expect(isVerbatim(doc, quote)).toBe(true);
    expect(attributionStrength(quotes[0]!)).toBeGreaterThan(0);
  });

  it('GIVEN exclusions THEN excluded passages are skipped, case- and diacritic-insensitively', () => {
    const doc = aDocument();
    const first = extractQuotes(doc, 1)[0]!;
    const next = extractQuotes(doc, 2, [first.toUpperCase()]);
    expect(next).not.toContain(first);
    expect(next).toHaveLength(2);
  });

  it('GIVEN a repeated pull quote THEN it is returned once', () => {
    const quote = '"We will build it," the mayor said.';
    const doc = aDocument({ paragraphs: [quote, ...aDocument().paragraphs, quote] });
    expect(extractQuotes(doc, 5).filter((q) => q === quote)).toHaveLength(1);
  });

  it('GIVEN more wanted than sentences THEN every sentence once and no more', () => {
    const doc = aDocument({ paragraphs: ['One short line here today.', 'Another line said nothing new.'] });
    expect(extractQuotes(doc, 10)).toHaveLength(2);
  });

  it('GIVEN count 0, a negative or NaN count, or an empty document THEN no quotes', () => {
    expect(extractQuotes(aDocument(), 0)).toEqual([]);
    expect(extractQuotes(aDocument(), -3)).toEqual([]);
    expect(extractQuotes(aDocument(), Number.NaN)).toEqual([]);
    expect(extractQuotes(aDocument({ paragraphs: [] }), 3)).toEqual([]);
  });
});

describe('attributionStrength', () => {
  it.each([
    ['"Yes," she said.', 1],
    ['„Ja“, sagte sie.', 1],
    ['»Das stimmt«, so der Sprecher.', 1],
    ['Dem Bericht zufolge wächst der Markt.', 0.5],
    ['According to police, two people died.', 0.5],
    ['He called it "a very big deal" yesterday.', 0.7],
    ['The bridge is long.', 0],
  ])('GIVEN %j THEN %d', (sentence, expected) => {
    expect(attributionStrength(sentence)).toBe(expected);
  });
});
