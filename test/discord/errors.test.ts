import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { userErrorText } from '../../src/discord/errors.js';
import { parseTimeOfDay } from '../../src/time/slots.js';
import { StorageUnavailableError, UserError, type UserErrorCode } from '../../src/errors.js';
import { de } from '../../src/i18n/de.js';
import { en } from '../../src/i18n/en.js';
import { translator } from '../../src/i18n/index.js';
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
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
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
    error: new UserError('article_not_found', 'No article matches “fort”.', { query: 'fort', suggestions: ['ford-xiaomi'] }),
    en: ['“fort”', '`ford-xiaomi` – Ford held talks'],
    de: ['„fort“', '`ford-xiaomi` – Ford held talks'],
  },
  article_ambiguous: {
    error: new UserError('article_ambiguous', 'Several articles match “ford”.', { query: 'ford', candidates: ['ford-xiaomi', 'ford-recall'] }),
    en: ['“ford”', '`ford-xiaomi`', '`ford-recall`'],
    de: ['„ford“', '`ford-xiaomi`', '`ford-recall`'],
  },
  article_too_large: { error: new UserError('article_too_large', 'That article is over the size limit.'), en: ['too large'], de: ['zu groß'] },
  language_unknown: { error: thrownBy(() => resolveLanguage('Franzözisch')), en: ['“Franzözisch”', 'French'], de: ['„Franzözisch“', 'Meintest du: Französisch'] },
  translation_unavailable: {
    error: new UserError('translation_unavailable', 'Translation needs a language model.', { language: 'fr' }),
    en: ['French'],
    de: ['Französisch'],
  },
  llm_unavailable: { error: new UserError('llm_unavailable', 'The language model is not available right now. Please try again later.'), en: ['not available right now'], de: ['nicht erreichbar'] },
  llm_rate_limited: { error: new UserError('llm_rate_limited', 'The language model is busy right now. Please try again in a minute.'), en: ['busy'], de: ['ausgelastet'] },
  budget_exhausted: {
    error: new UserError('budget_exhausted', "Today's LLM budget is used up.", { budget: 1000, resetsAt: RESETS_AT }),
    en: [`<t:${RESETS_UNIX}:R>`],
    de: [`<t:${RESETS_UNIX}:R>`],
  },
  cooldown: { error: cooldownError(30_000), en: ['try again in 30 seconds'], de: ['in 30 Sekunden'] },
  invalid_option: {
    error: new UserError('invalid_option', 'The number of quotes must be a whole number from 1 to 10.', { min: 1, max: 10 }),
    en: ['from 1 to 10'],
    de: ['von 1 bis 10'],
  },
  input_too_long: { error: new UserError('input_too_long', 'That text is over the limit.'), en: ['too long'], de: ['zu lang'] },
  missing_permission: {
    error: new UserError('missing_permission', 'You need the Manage Server permission to use /digest.', { permission: 'Manage Server' }),
    en: ['**Manage Server**'],
    de: ['**Server verwalten**'],
  },
  subscription_limit: {
    error: new UserError('subscription_limit', 'This server already has 25 digest subscriptions.', { limit: 25 }),
    en: ['25 digest subscriptions'],
    de: ['25 Übersichten'],
  },
  subscription_not_found: {
    error: new UserError('subscription_not_found', 'This server has no digest subscription "zzzzzz".', { input: 'zzzzzz' }),
    en: ['no digest subscription "zzzzzz"'],
    de: ['„zzzzzz“'],
  },
  invalid_time: { error: thrownBy(() => parseTimeOfDay('25:00')), en: ['“25:00” is not a time of day', 'HH:MM'], de: ['„25:00“ ist keine Uhrzeit', 'HH:MM'] },
  invalid_timezone: { error: thrownBy(() => resolveTimeZone('Berlin')), en: ['“Berlin”', 'Did you mean Europe/Berlin'], de: ['„Berlin“', 'Meintest du Europe/Berlin'] },
  invalid_channel: {
    error: new UserError('invalid_channel', 'Herald is missing **Send Messages**, **Embed Links** in <#123>.', { channel: '123', reason: 'missing', missing: ['Send Messages', 'Embed Links'] }),
    en: ['<#123>', '**Send Messages** and **Embed Links**'],
    de: ['<#123>', '**Nachrichten senden** und **Links einbetten**'],
  },
  shutting_down: { error: new UserError('shutting_down', 'Herald is restarting right now. Please try again in a minute.'), en: ['restarting'], de: ['starte gerade neu'] },
  storage_unavailable: { error: new StorageUnavailableError('the digest store did not save sub'), en: ['storage is unavailable', 'nothing was changed', 'try again in a minute'], de: ['Speicher ist gerade nicht verfügbar', 'nichts geändert'] },
};

const articles = {
  get: (id: string): Article | undefined =>
    id === 'ford-xiaomi'
      ? { id, headline: 'Ford held talks with Xiaomi', paragraphs: ['Text.'], hash: 'h', language: 'en', wordCount: 1, updatedAt: 0 }
      : undefined,
};

const render = (error: UserError, locale: string) => userErrorText(error, translator(locale), locale, articles);

describe('userErrorText', () => {
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

  it('GIVEN a cooldown without seconds THEN the service message is shown rather than a vague wait', () => {
    const error = new UserError('cooldown', "You're going fast — try again in 5 seconds.");
    expect(render(error, 'de')).toBe(error.message);
  });

  it('GIVEN a time zone nothing resembles THEN it names an example instead of suggestions', () => {
    const error = thrownBy(() => resolveTimeZone('Mars/Olympus'));
    expect(render(error, 'de')).toContain('„Mars/Olympus“ ist keine Zeitzone');
    expect(render(error, 'en-US')).toContain('Europe/Berlin');
  });

  it('GIVEN subscription_not_found without an id THEN it says the server has none yet', () => {
    const error = new UserError('subscription_not_found', 'This server has no digest subscriptions yet.', {});
    expect(render(error, 'de')).toContain('noch keine Übersichten');
    expect(render(error, 'en-US')).toContain('no digest subscriptions yet');
  });

  it('GIVEN a duplicate subscription THEN the existing id is named in both locales', () => {
    const error = new UserError('invalid_option', 'That channel already gets this digest (subscription abc123).', { id: 'abc123' });
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
    [{ reason: 'type' }, 'Text- oder Ankündigungskanäle', 'text or announcement'],
    [{ reason: 'hidden' }, '**Kanal ansehen**', '**View Channel**'],
  ])('GIVEN an invalid channel %o THEN the reason is worded per locale', (params, german, english) => {
    const error = new UserError('invalid_channel', 'English.', { channel: '123', ...params });
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
