import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digests/compose.js';
import { digestEmbeds, digestMessages, packEmbeds } from '../../../src/discord/digest/messages.js';
import { LIMITS } from '../../../src/discord/split.js';

function aDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    key: 'k',
    language: 'en',
    length: 'short',
    items: [{ articleId: 'a1', headline: 'Headline', summary: ['One.', 'Two.'], language: 'en' }],
    more: 0,
    model: 'fake/model',
    notices: [],
    date: 'Thursday, 15 January 2026',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

describe('digest messages', () => {
  it('GIVEN a digest THEN a dated header comes first and each article has headline, summary and its id', () => {
    const embeds = digestEmbeds(aDigest());
    expect(embeds[0]?.title).toContain('Thursday, 15 January 2026');
    expect(embeds[1]).toMatchObject({ title: 'Headline', description: 'One.\n\nTwo.' });
    expect(embeds[1]?.footer?.text).toContain('a1');
  });

  it('GIVEN 30 articles with long summaries THEN every message is within Discord limits and nothing is lost', () => {
    const long = 'A sentence that goes on for a while to fill the embed. '.repeat(60);
    const items = Array.from({ length: 30 }, (_, i) => ({ articleId: `a${i}`, headline: `H${i} ${'x'.repeat(300)}`, summary: [long, long], language: 'en' }));
    const bodies = digestMessages(aDigest({ items }), 'seed');
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) {
      const embeds = body.embeds ?? [];
      expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
      expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
      for (const e of embeds) {
        expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      }
    }
    const shown = bodies.flatMap((b) => b.embeds ?? []).map((e) => e.description ?? '').join(' ').replace(/\s+/g, ' ');
    expect(shown.split('A sentence').length - 1).toBe(30 * 2 * 60);
    // Each article's id stands under its last part in every message that shows a part of it.
    for (const body of bodies) {
      const embeds = body.embeds ?? [];
      const footers = embeds.flatMap((e) => (e.footer?.text.startsWith('a') ? [e.footer.text] : []));
      expect(new Set(footers).size).toBe(footers.length);
      expect(embeds.filter((e) => e.description?.includes('A sentence')).length).toBeGreaterThanOrEqual(footers.length);
    }
    const named = new Set(bodies.flatMap((b) => b.embeds ?? []).flatMap((e) => (e.footer?.text.startsWith('a') ? [e.footer.text.split(' · ')[0]] : [])));
    expect(named.size).toBe(30);
  });

  it('GIVEN an article whose summary needs two messages THEN each of them names the article in a footer, once, under its last part there (a reply to either finds it)', () => {
    const summary = 'The council debated the harbour budget for hours. '.repeat(130);
    const bodies = digestMessages(aDigest({ items: [{ articleId: 'a1', headline: 'Harbour budget', summary: [summary], language: 'en' }] }), 'seed');
    const holding = bodies.filter((body) => (body.embeds ?? []).some((e) => e.description?.includes('harbour budget')));
    expect(holding.length).toBe(2);
    for (const body of holding) {
      const embeds = body.embeds ?? [];
      const named = embeds.filter((e) => e.footer?.text.includes('a1'));
      expect(named).toHaveLength(1);
      expect(embeds.at(-1)?.footer?.text).toContain('a1');
    }
  });

  it('GIVEN notices THEN the header shows them in the digest’s language, in the catalog’s words, without set-up hints', () => {
    const notices = [
      { code: 'language_fallback' as const, message: 'No language model is configured, so this summary is in English. Set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.' },
      { code: 'llm_fallback' as const, message: 'The language model is not available right now, so this summary was made offline.' },
    ];
    const german = digestEmbeds(aDigest({ language: 'de', notices }))[0]?.description ?? '';
    expect(german).toContain('Es ist kein Sprachmodell eingerichtet');
    expect(german).toContain('Das Sprachmodell ist gerade nicht erreichbar');
    const english = digestEmbeds(aDigest({ language: 'en', notices }))[0]?.description ?? '';
    expect(english).toContain('No language model is configured');
    for (const text of [german, english]) expect(text).not.toMatch(/OPENAI|Ollama/);
  });

  it('GIVEN article text with @everyone THEN every body forbids mentions', () => {
    const bodies = digestMessages(aDigest({ items: [{ articleId: 'a', headline: '@everyone look', summary: ['<@123> @here'], language: 'en' }] }), 's');
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN the same seed THEN nonces are equal, ≤ 25 chars, and differ per message and per slot', () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ articleId: `a${i}`, headline: `H${i}`, summary: ['x'], language: 'en' }));
    const a = digestMessages(aDigest({ items }), 'sub|2026-01-15T08:00');
    const b = digestMessages(aDigest({ items }), 'sub|2026-01-15T08:00');
    const c = digestMessages(aDigest({ items }), 'sub|2026-01-16T08:00');
    expect(a.map((m) => m.nonce)).toEqual(b.map((m) => m.nonce));
    expect(new Set(a.map((m) => m.nonce)).size).toBe(a.length);
    expect(a[0]?.nonce).not.toBe(c[0]?.nonce);
    for (const m of a) {
      expect(String(m.nonce).length).toBeLessThanOrEqual(25);
      expect(m.enforce_nonce).toBe(true);
    }
  });

  it('GIVEN 11 small embeds THEN they are packed as 10 + 1', () => {
    expect(packEmbeds(Array.from({ length: 11 }, () => ({ title: 't' }))).map((m) => m.length)).toEqual([10, 1]);
  });
});
