import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { discordFormat } from '../../src/discord/failure-format.js';
import { parseTimeOfDay } from '../../src/time/slots.js';
import { StorageUnavailableError, UserError, isUserError, type UserErrorCode } from '../../src/errors.js';
import { userErrorText } from '../../src/failures.js';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/en.js';
import { resolveLanguage } from '../../src/languages/index.js';
import { cooldownError } from '../../src/ops/cooldown.js';
import { resolveTimeZone } from '../../src/time/timezones.js';
import { parseSlash } from '../../src/requests/parse-slash.js';
import { parseWords } from '../../src/requests/parse-words.js';

/** The error a function throws (the real services' errors, not hand-made copies). */
function thrownBy(work: () => unknown): UserError {
  try {
    work();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

/** The mistake a request parser read. */
function mistakeOf(request: ReturnType<typeof parseWords> | ReturnType<typeof parseSlash>): UserError {
  if (request?.kind !== 'mistake') throw new Error('expected a mistake');
  return request.error;
}

const RESETS_AT = '2026-01-16T00:00:00.000Z';
const RESETS_UNIX = Date.parse(RESETS_AT) / 1000;

interface Case {
  error: UserError;
  /** Values from the params that must appear, per locale. */
  en: string[];
  de: string[];
}

/** One case per code; typed as a full Record so a new code without a case fails to compile. */
const CASES: Record<UserErrorCode, Case> = {
  article_not_found: {
    error: new UserError('article_not_found', { query: 'fort', suggestions: ['ford-xiaomi'] }),
    en: ['“fort”', '`ford-xiaomi` – Ford held talks'],
    de: ['„fort“', '`ford-xiaomi` – Ford held talks'],
  },
  article_ambiguous: {
    error: new UserError('article_ambiguous', { query: 'ford', candidates: ['ford-xiaomi', 'ford-recall'] }),
    en: ['“ford”', '`ford-xiaomi`', '`ford-recall`'],
    de: ['„ford“', '`ford-xiaomi`', '`ford-recall`'],
  },
  language_unknown: { error: thrownBy(() => resolveLanguage('Franzözisch')), en: ['“Franzözisch”', 'French'], de: ['„Franzözisch“', 'Meintest du: Französisch'] },
  translation_unavailable: {
    error: new UserError('translation_unavailable', { language: 'fr' }),
    en: ['French'],
    de: ['Französisch'],
  },
  llm_unavailable: { error: new UserError('llm_unavailable'), en: ['not available right now'], de: ['nicht erreichbar'] },
  llm_rate_limited: { error: new UserError('llm_rate_limited'), en: ['busy'], de: ['ausgelastet'] },
  budget_exhausted: {
    error: new UserError('budget_exhausted', { budget: 1000, resetsAt: RESETS_AT }),
    en: [`<t:${RESETS_UNIX}:R>`],
    de: [`<t:${RESETS_UNIX}:R>`],
  },
  cooldown: { error: cooldownError(30_000), en: ['try again in 30 seconds'], de: ['in 30 Sekunden'] },
  quote_count: {
    error: new UserError('quote_count', { min: 1, max: 10 }),
    en: ['from 1 to 10'],
    de: ['von 1 bis 10'],
  },
  invalid_choice: { error: mistakeOf(parseSlash('/summarize article:ford length:huge')), en: ['short, medium, or long', '“huge”'], de: ['short, medium oder long', '„huge“'] },
  unknown_option: { error: mistakeOf(parseSlash('/summarize article:ford extra:1')), en: ['unknown option extra', '/summarize'], de: ['Unbekannte Option extra', '/summarize'] },
  did_you_mean_request: { error: mistakeOf(parseWords('sumarize ford')), en: ['“summarize ford”'], de: ['„summarize ford“'] },
  empty_message: { error: new UserError('empty_message'), en: ['no text'], de: ['keinen Text'] },
  question_empty: { error: new UserError('question_empty'), en: ['ask a question'], de: ['stelle eine Frage'] },
  question_too_long: { error: new UserError('question_too_long', { length: 612, max: 500 }), en: ['612', '500'], de: ['612', '500'] },
  unknown_command: { error: new UserError('unknown_command'), en: ['`/help`'], de: ['`/help`'] },
  guild_only: { error: new UserError('guild_only', { command: '/digest' }), en: ['/digest works in servers only'], de: ['/digest funktioniert nur auf Servern'] },
  subscription_duplicate: { error: new UserError('subscription_duplicate', { id: 'abc123' }), en: ['`abc123`'], de: ['`abc123`'] },
  no_subscriptions: { error: new UserError('no_subscriptions'), en: ['no digest subscriptions yet'], de: ['noch keine Übersichten'] },
  missing_permission: {
    error: new UserError('missing_permission', { permission: 'Manage Server' }),
    en: ['**Manage Server**'],
    de: ['**Server verwalten**'],
  },
  subscription_limit: {
    error: new UserError('subscription_limit', { limit: 25 }),
    en: ['25 digest subscriptions'],
    de: ['25 Übersichten'],
  },
  subscription_not_found: {
    error: new UserError('subscription_not_found', { input: 'zzzzzz' }),
    en: ['no digest subscription "zzzzzz"'],
    de: ['„zzzzzz“'],
  },
  briefing_limit: { error: new UserError('briefing_limit', { limit: 5 }), en: ['5 personal briefings', '`/briefing remove`'], de: ['5 persönliche Briefings', '`/briefing remove`'] },
  briefing_duplicate: { error: new UserError('briefing_duplicate', { id: 'abc123' }), en: ['already get this briefing', 'abc123'], de: ['bekommst du schon', 'abc123'] },
  briefing_not_found: { error: new UserError('briefing_not_found', { input: 'zzzzzz' }), en: ['no personal briefing "zzzzzz"'], de: ['„zzzzzz“'] },
  invalid_time: { error: thrownBy(() => parseTimeOfDay('25:00')), en: ['“25:00” is not a time of day', 'HH:MM'], de: ['„25:00“ ist keine Uhrzeit', 'HH:MM'] },
  invalid_timezone: { error: thrownBy(() => resolveTimeZone('Berlin')), en: ['“Berlin”', 'Did you mean Europe/Berlin'], de: ['„Berlin“', 'Meintest du Europe/Berlin'] },
  invalid_channel: {
    error: new UserError('invalid_channel', { channel: '123', reason: 'missing', missing: ['Send Messages', 'Embed Links'] }),
    en: ['<#123>', '**Send Messages** and **Embed Links**'],
    de: ['<#123>', '**Nachrichten senden** und **Links einbetten**'],
  },
  shutting_down: { error: new UserError('shutting_down'), en: ['restarting'], de: ['starte gerade neu'] },
  storage_unavailable: { error: new StorageUnavailableError('the digest store did not save sub'), en: ['storage is unavailable', 'nothing was changed', 'try again in a minute'], de: ['Speicher ist gerade nicht verfügbar', 'nichts geändert'] },
  feed_refused: { error: new UserError('feed_refused', { url: 'http://10.0.0.5/rss', reason: 'private_address' }), en: ['10.0.0.5/rss”', 'private network'], de: ['10.0.0.5/rss“', 'privaten Netz'] },
  feed_duplicate: { error: new UserError('feed_duplicate', { url: 'https://news.example/rss' }), en: ['already reads', 'news.example/rss'], de: ['schon', 'news.example/rss'] },
  feed_unknown: { error: new UserError('feed_unknown', { input: 'harbour' }), en: ['no feed “harbour”', '`/feed list`'], de: ['keinen Feed „harbour“', '`/feed list`'] },
  link_refused: { error: new UserError('link_refused', { url: 'https://paywall.example/story', reason: 'no_article' }), en: ['no article text', 'paywall.example/story'], de: ['keinen Artikeltext', 'paywall.example/story'] },
  feed_limit: { error: new UserError('feed_limit', { limit: 25 }), en: ['25 feeds', '`/feed remove`'], de: ['25 Feeds', '`/feed remove`'] },
};

const articles = {
  get: (id: string): Article | undefined =>
    id === 'ford-xiaomi'
      ? { id, headline: 'Ford held talks with Xiaomi', paragraphs: ['Text.'], hash: 'h', language: 'en', wordCount: 1, updatedAt: 0 }
      : undefined,
};

const render = (error: UserError, locale: string) => userErrorText(error, locale, discordFormat(locale, articles));

describe('failure texts on Discord', () => {
  describe.each(Object.entries(CASES) as [UserErrorCode, Case][])('%s', (code, { error, ...expected }) => {
    it(`GIVEN a ${code} error for a German user THEN it is German and carries the error's values`, () => {
      const text = render(error, 'de');
      for (const value of expected.de) expect(text).toContain(value);
      expect(text).not.toBe(error.message);
      expect(text).not.toMatch(/\{\w+\}/);
    });

    it(`GIVEN a ${code} error for an en-US user THEN it carries the error's values`, () => {
      const text = render(error, 'en-US');
      for (const value of expected.en) expect(text).toContain(value);
      expect(text).not.toMatch(/\{\w+\}/);
    });
  });

  it('GIVEN a one-second cooldown THEN both locales use the singular', () => {
    expect(render(cooldownError(1), 'en-US')).toContain('try again in 1 second.');
    expect(render(cooldownError(1), 'de')).toContain('in 1 Sekunde ');
  });

  it('GIVEN a time zone nothing resembles THEN it names an example instead of suggestions', () => {
    const error = thrownBy(() => resolveTimeZone('Mars/Olympus'));
    expect(render(error, 'de')).toContain('„Mars/Olympus“ ist keine Zeitzone');
    expect(render(error, 'en-US')).toContain('Europe/Berlin');
  });

  it('GIVEN no_subscriptions THEN it says the server has none yet', () => {
    const error = new UserError('no_subscriptions');
    expect(render(error, 'de')).toContain('noch keine Übersichten');
    expect(render(error, 'en-US')).toContain('no digest subscriptions yet');
  });

  it('GIVEN a duplicate subscription THEN the existing id is named in both locales', () => {
    const error = new UserError('subscription_duplicate', { id: 'abc123' });
    expect(render(error, 'de')).toContain('`abc123`');
    expect(render(error, 'en-US')).toContain('`abc123`');
  });

  it('GIVEN the mistakes a plain-words or console request can make THEN each is worded per locale', () => {
    const typo = parseWords('sumarize ford');
    const choice = parseSlash('/summarize article:ford length:huge');
    const option = parseSlash('/summarize article:ford extra:1');
    if (typo.kind !== 'mistake' || choice?.kind !== 'mistake' || option?.kind !== 'mistake') throw new Error('expected mistakes');
    expect(render(typo.error, 'de')).toBe('„sumarize“ kenne ich nicht. Meintest du „summarize ford“?');
    expect(render(typo.error, 'en-US')).toContain('Did you mean “summarize ford”?');
    expect(render(choice.error, 'de')).toBe('length ist short, medium oder long, nicht „huge“.');
    expect(render(choice.error, 'en-US')).toBe('length is short, medium, or long, not “huge”.');
    expect(render(option.error, 'en-US')).toBe('unknown option extra: /summarize takes article, length, and language.');
  });

  it.each([
    [{ reason: 'type' as const }, 'Text- oder Ankündigungskanäle', 'text or announcement'],
    [{ reason: 'hidden' as const }, '**Kanal ansehen**', '**View Channel**'],
  ])('GIVEN an invalid channel %o THEN the reason is worded per locale', (params, german, english) => {
    const error = new UserError('invalid_channel', { channel: '123', missing: [], ...params });
    expect(render(error, 'de')).toContain(german);
    expect(render(error, 'en-US')).toContain(english);
  });

  it('GIVEN a locale Herald has no strings for THEN it gets the English entry with the values', () => {
    expect(render(cooldownError(12_000), 'pt-BR')).toContain('12 seconds');
  });
});

describe('catalogs', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(Object.keys(en) as (keyof typeof en)[])('GIVEN the key %s THEN German uses the same placeholders as English', (key) => {
    expect(de[key].length).toBeGreaterThan(0);
    expect(placeholders(de[key])).toEqual(placeholders(en[key]));
  });
});
