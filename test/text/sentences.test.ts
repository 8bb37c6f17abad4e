import { describe, expect, it } from 'vitest';
import { splitSentences, splitSentenceSpans } from '../../src/text/sentences.js';

function expectVerbatim(text: string, sentences: string[]): void {
  for (const sentence of sentences) {
    expect(text).toContain(sentence);
    expect(sentence).toBe(sentence.trim());
  }
}

describe('splitSentences (German)', () => {
  it.each([
    ['GIVEN "z. B." THEN it does not end a sentence', 'Das gilt z. B. für Autos. Danach kam nichts.', ['Das gilt z. B. für Autos.', 'Danach kam nichts.']],
    ['GIVEN "u. a." and "bzw." THEN they do not end a sentence', 'Es sprachen u. a. Ford bzw. Xiaomi. Dann war Schluss.', ['Es sprachen u. a. Ford bzw. Xiaomi.', 'Dann war Schluss.']],
    ['GIVEN titles "Prof. Dr." THEN the name stays attached', 'Prof. Dr. Schmidt sagte das. Er ging.', ['Prof. Dr. Schmidt sagte das.', 'Er ging.']],
    ['GIVEN "Nr." before a number THEN no break', 'Er trägt die Nr. 10 im Team. Gut so.', ['Er trägt die Nr. 10 im Team.', 'Gut so.']],
    ['GIVEN "ca." and "St." THEN no break', 'Es kamen ca. 300 Gäste nach St. Gallen. Alle blieben.', ['Es kamen ca. 300 Gäste nach St. Gallen.', 'Alle blieben.']],
    ['GIVEN "3,5 Mrd. Euro" THEN the amount stays in one sentence', 'Der Umsatz stieg auf 3,5 Mrd. Euro im Jahr. Das freute alle.', ['Der Umsatz stieg auf 3,5 Mrd. Euro im Jahr.', 'Das freute alle.']],
    ['GIVEN "Mio." at the real end of a sentence THEN it still breaks', 'Der Gewinn betrug 2 Mio. Die Aktie stieg.', ['Der Gewinn betrug 2 Mio.', 'Die Aktie stieg.']],
    ['GIVEN an ordinal date "3. Oktober" THEN no break', 'Am 3. Oktober feiert Deutschland. Es ist ein Feiertag.', ['Am 3. Oktober feiert Deutschland.', 'Es ist ein Feiertag.']],
    ['GIVEN "19. Jahrhundert" and "2. Bundesliga" THEN no break', 'Im 19. Jahrhundert gab es keine 2. Bundesliga. Heute schon.', ['Im 19. Jahrhundert gab es keine 2. Bundesliga.', 'Heute schon.']],
    ['GIVEN a decimal "3,5" THEN it is not split', 'Das Wachstum lag bei 3,5 Prozent. Im Vorjahr bei 2,1.', ['Das Wachstum lag bei 3,5 Prozent.', 'Im Vorjahr bei 2,1.']],
    ['GIVEN a „…“ quote ending with a full stop inside and attribution THEN one sentence', '„Wir schaffen das.“, sagte Merkel. Danach ging sie.', ['„Wir schaffen das.“, sagte Merkel.', 'Danach ging sie.']],
    ['GIVEN a „…“ quote with two sentences inside THEN it stays with its attribution', '„Das ist gut. Wir machen weiter“, sagte die Ministerin. Dann folgten Fragen.', ['„Das ist gut. Wir machen weiter“, sagte die Ministerin.', 'Dann folgten Fragen.']],
    ['GIVEN »…« with "!" inside THEN the attribution stays attached', '»Nein!« rief er laut. Alle schwiegen.', ['»Nein!« rief er laut.', 'Alle schwiegen.']],
    ['GIVEN a straight-quoted statement THEN one sentence', '"Hiervon ist die Wikipedia noch frei", betonte der Forscher. Er lachte.', ['"Hiervon ist die Wikipedia noch frei", betonte der Forscher.', 'Er lachte.']],
  ])('%s', (_name, text, expected) => {
    const sentences = splitSentences(text, 'de');
    expect(sentences).toEqual(expected);
    expectVerbatim(text, sentences);
  });

  it('GIVEN a quote that closes a sentence followed by a new sentence THEN it breaks after the closing mark', () => {
    expect(splitSentences('Sie sagte: „Wir gehen.“ Danach war Ruhe.', 'de')).toEqual(['Sie sagte: „Wir gehen.“', 'Danach war Ruhe.']);
  });

  it('GIVEN newlines THEN every line break ends a sentence, even without punctuation', () => {
    expect(splitSentences('Überschrift ohne Punkt\nErster Satz. Zweiter Satz.', 'de')).toEqual(['Überschrift ohne Punkt', 'Erster Satz.', 'Zweiter Satz.']);
  });
});

describe('splitSentences (English)', () => {
  it.each([
    ['GIVEN "Mr." and "Mrs." THEN no break', 'Mr. and Mrs. Smith arrived. They sat down.', ['Mr. and Mrs. Smith arrived.', 'They sat down.']],
    ['GIVEN "U.S." before a noun THEN no break', 'The U.S. President spoke. He left.', ['The U.S. President spoke.', 'He left.']],
    ['GIVEN "D.C." at the end of a sentence THEN it breaks', 'The team arrived in Washington D.C. The contest began.', ['The team arrived in Washington D.C.', 'The contest began.']],
    ['GIVEN "Inc." and "Jan." THEN no break', 'Apple Inc. reported results on Jan. 5 in California. Shares rose.', ['Apple Inc. reported results on Jan. 5 in California.', 'Shares rose.']],
    ['GIVEN initials THEN no break', 'John F. Kennedy was president. He was young.', ['John F. Kennedy was president.', 'He was young.']],
    ['GIVEN a decimal "3.5" THEN no break', 'Sales rose 3.5 percent. Costs fell.', ['Sales rose 3.5 percent.', 'Costs fell.']],
    ['GIVEN "said no." THEN "No." is not taken for an abbreviation', 'The minister said no. Talks ended.', ['The minister said no.', 'Talks ended.']],
    ['GIVEN a multi-sentence quote with attribution THEN one sentence', '"It is great. We love it," she said. He left.', ['"It is great. We love it," she said.', 'He left.']],
    ['GIVEN “curly” quotes ending in a question mark THEN the attribution stays attached', '“Why now?” asked the reporter. Nobody knew.', ['“Why now?” asked the reporter.', 'Nobody knew.']],
  ])('%s', (_name, text, expected) => {
    const sentences = splitSentences(text, 'en');
    expect(sentences).toEqual(expected);
    expectVerbatim(text, sentences);
  });
});

describe('splitSentences (edge cases)', () => {
  it('GIVEN empty or blank text THEN no sentences', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n\n  ')).toEqual([]);
  });

  it('GIVEN text without final punctuation THEN one sentence', () => {
    expect(splitSentences('just a fragment', 'en')).toEqual(['just a fragment']);
  });

  it('GIVEN an unknown or invalid language tag THEN it still splits', () => {
    expect(splitSentences('One. Two.', 'xx-invalid-!!')).toEqual(['One.', 'Two.']);
    expect(splitSentences('One. Two.', 'und')).toEqual(['One.', 'Two.']);
  });

  it('GIVEN spans THEN they index the original text', () => {
    const text = '  Erster Satz.   Zweiter Satz.  ';
    const spans = splitSentenceSpans(text, 'de');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Erster Satz.', 'Zweiter Satz.']);
  });

  it('GIVEN an unclosed quotation THEN sentences are not glued together to the end', () => {
    const text = '„Das ist offen. Wirklich offen. Und weiter. Noch ein Satz. ' + 'Noch mehr Text folgt hier. '.repeat(20);
    expect(splitSentences(text, 'de').length).toBeGreaterThan(5);
  });
});

describe('splitSentences (no break without whitespace)', () => {
  it.each([
    ['GIVEN "Yahoo!Japan" THEN the name is not a sentence end', 'Shares of Yahoo!Japan rose 5%. Analysts cheered.', 'en', ['Shares of Yahoo!Japan rose 5%.', 'Analysts cheered.']],
    ['GIVEN "?" glued to the next word THEN no break', 'Who?Nobody knew the answer. Then rain came.', 'en', ['Who?Nobody knew the answer.', 'Then rain came.']],
    ['GIVEN "!" glued to a closing quote and a word THEN no break', 'Er rief „Halt!“Danach war es still. Niemand kam.', 'de', ['Er rief „Halt!“Danach war es still.', 'Niemand kam.']],
    ['GIVEN "!?" glued to a digit THEN no break', 'Ein Plus von 5!?3 Prozent wurde gemeldet. Das überraschte.', 'de', ['Ein Plus von 5!?3 Prozent wurde gemeldet.', 'Das überraschte.']],
  ])('%s', (_name, text, language, expected) => {
    const sentences = splitSentences(text, language);
    expect(sentences).toEqual(expected);
    expectVerbatim(text, sentences);
  });

  it('GIVEN "!" followed by a space THEN it still ends a sentence', () => {
    expect(splitSentences('Yahoo! Japan rose. It was big.', 'en')).toEqual(['Yahoo!', 'Japan rose.', 'It was big.']);
  });

  it('GIVEN any split THEN every sentence end is followed by whitespace or the end of the text', () => {
    const text = 'Wow!Really?Yes!!No. Done?!Ok… Fine.Then end';
    for (const span of splitSentenceSpans(text, 'en')) {
      expect(span.end === text.length || /\s/u.test(text[span.end] ?? '')).toBe(true);
    }
  });
});
