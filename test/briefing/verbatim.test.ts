import { describe, expect, it } from 'vitest';
import { findVerbatim, keepVerbatim, overlaps } from '../../src/briefing/verbatim.js';

const ARTICLE = [
  '„Wir haben viel zu lange auf diese Reparaturen gewartet“, sagte Bürgermeisterin Anna Berg. Die ersten Busse kommen im März.',
  "The mayor’s office said the plan was \u201cthe best we could do\u201d under the circumstances.",
  'Line one of a paragraph\nthat was wrapped   with odd spacing.',
];

describe('findVerbatim', () => {
  it('GIVEN other quote marks and whitespace THEN it matches and returns the article’s exact text', () => {
    expect(findVerbatim('"Wir haben viel zu lange auf diese Reparaturen gewartet", sagte Bürgermeisterin Anna Berg.', ARTICLE)).toBe(
      '„Wir haben viel zu lange auf diese Reparaturen gewartet“, sagte Bürgermeisterin Anna Berg.',
    );
    expect(findVerbatim('The mayor\'s office said the plan was "the best we could do"', ARTICLE)).toBe(
      'The mayor’s office said the plan was \u201cthe best we could do\u201d',
    );
    expect(findVerbatim('paragraph that was wrapped with odd spacing.', ARTICLE)).toBe('paragraph\nthat was wrapped   with odd spacing.');
  });

  it('GIVEN a passage wrapped in quote marks by the model THEN the wrapping is ignored', () => {
    expect(findVerbatim('“Die ersten Busse kommen im März.”', ARTICLE)).toBe('Die ersten Busse kommen im März.');
  });

  it('GIVEN a paraphrase, a changed word or different case THEN it is not verbatim', () => {
    expect(findVerbatim('Wir haben zu lange auf diese Reparaturen gewartet', ARTICLE)).toBeUndefined();
    expect(findVerbatim('die ersten Busse kommen im März.', ARTICLE)).toBeUndefined();
    expect(findVerbatim('The Busse kommen im März.', ARTICLE)).toBeUndefined();
  });

  it('GIVEN a passage that runs across two paragraphs THEN it is not verbatim', () => {
    expect(findVerbatim('kommen im März. The mayor’s office said', ARTICLE)).toBeUndefined();
  });

  it('GIVEN a fragment of fewer than three words THEN it is not worth quoting', () => {
    expect(findVerbatim('Anna Berg', ARTICLE)).toBeUndefined();
  });
});

describe('keepVerbatim', () => {
  it('GIVEN candidates THEN it keeps the verbatim ones in order, drops the rest, and skips repeats and contained passages', () => {
    const { kept, dropped } = keepVerbatim(
      [
        'Die ersten Busse kommen im März.',
        'Die Busse sind kostenlos für alle Einwohner.',
        'Die ersten Busse kommen im März.',
        'ersten Busse kommen',
        'The mayor’s office said the plan was “the best we could do”',
      ],
      ARTICLE,
    );
    expect(kept).toEqual(['Die ersten Busse kommen im März.', 'The mayor’s office said the plan was “the best we could do”']);
    expect(dropped).toEqual(['Die Busse sind kostenlos für alle Einwohner.']);
  });
});

describe('overlaps', () => {
  it('GIVEN one passage inside another, whatever the quote marks THEN they overlap', () => {
    expect(overlaps('„Wir haben“ gesagt', '"Wir haben"')).toBe(true);
    expect(overlaps('first thing', 'second thing')).toBe(false);
  });
});
