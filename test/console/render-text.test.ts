import { describe, expect, it } from 'vitest';
import type { BriefingResult } from '../../src/briefing/types.js';
import { renderOutcome } from '../../src/console/render-text.js';

/** Quotation passages as articles write them: their own marks, the attribution inside. */
const ENGLISH = '"We are pouring money into this," Reyes said.';
const GERMAN = '„Wir wollen weiter investieren“, sagte Reyes.';

function quotes(overrides: Partial<BriefingResult> = {}): BriefingResult {
  return {
    kind: 'quote',
    article: { id: 'budget', headline: 'The city doubles its budget', language: 'en' },
    language: 'en',
    paragraphs: [ENGLISH, GERMAN],
    model: 'offline/extractive',
    cached: false,
    notices: [],
    ...overrides,
  };
}

describe('console source line', () => {
  it('GIVEN a fetched article THEN a Source line names its page and site; a seed article has none', () => {
    const result = quotes({ article: { id: 'ferry', headline: 'Ferry', language: 'en', source: { url: 'https://harbour.example/ferry.html', site: 'Harbour Times' } } });
    expect(renderOutcome({ kind: 'briefing', result }).split('\n')).toContain('Source: https://harbour.example/ferry.html (Harbour Times)');
    expect(renderOutcome({ kind: 'briefing', result: quotes() })).not.toContain('Source:');
  });
});

describe('console quotes', () => {
  it('GIVEN quotes that carry their own quotation marks THEN each is printed as it stands in the article, under the headline, with no marks added', () => {
    const lines = renderOutcome({ kind: 'briefing', result: quotes() }).split('\n');
    expect(lines[0]).toBe('# The city doubles its budget');
    expect(lines).toContain(`1. ${ENGLISH}`);
    expect(lines).toContain(`2. ${GERMAN}`);
    expect(lines.join('\n')).not.toMatch(/[“”]["„]|["“]”/u);
  });

  it('GIVEN translated quotes THEN the original passage comes first, as it stands, and its translation under it', () => {
    const result = quotes({ language: 'en', paragraphs: ['"We want to keep investing," Reyes said.'], originals: [GERMAN] });
    const lines = renderOutcome({ kind: 'briefing', result }).split('\n');
    const at = lines.indexOf(`1. ${GERMAN}`);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('   → "We want to keep investing," Reyes said.');
  });
});
