import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../src/errors.js';
import { allTimeZones, canonicalTimeZone, isValidTimeZone, resolveTimeZone, searchTimeZones, suggestTimeZones } from '../../src/time/timezones.js';

/** The UserError resolveTimeZone throws for `input`. */
function refusal(input: string): UserError<'invalid_timezone'> {
  try {
    resolveTimeZone(input);
  } catch (error) {
    if (isUserError(error, 'invalid_timezone')) return error;
    throw error;
  }
  throw new Error(`expected "${input}" to be refused`);
}

describe('searchTimeZones (autocomplete)', () => {
  it('GIVEN a city THEN its zone comes first', () => {
    expect(searchTimeZones('Berlin')[0]).toBe('Europe/Berlin');
    expect(searchTimeZones('new york')[0]).toBe('America/New_York');
    expect(searchTimeZones('sao paulo')[0]).toBe('America/Sao_Paulo');
  });

  it('GIVEN a prefix THEN matching zones are offered, at most 25', () => {
    const zones = searchTimeZones('europe');
    expect(zones.length).toBe(25);
    expect(zones.every((zone) => zone.startsWith('Europe/'))).toBe(true);
  });

  it('GIVEN nothing typed THEN common zones are offered, all valid', () => {
    const zones = searchTimeZones('');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones.every(isValidTimeZone)).toBe(true);
  });

  it('GIVEN a name older ICU builds lack THEN a zone this runtime accepts comes first', () => {
    expect(searchTimeZones('utc')[0]).toBe('UTC');
    expect(isValidTimeZone(searchTimeZones('Kyiv')[0] ?? '')).toBe(true);
  });

  it('GIVEN nonsense THEN nothing is offered', () => {
    expect(searchTimeZones('qqqq')).toEqual([]);
  });
});

describe('resolveTimeZone', () => {
  it('GIVEN an IANA name in any case THEN it returns the canonical spelling', () => {
    expect(resolveTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZone('America/New_York')).toBe('America/New_York');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('utc')).toBe('UTC');
  });

  it('GIVEN an abbreviation whose IANA link has no DST THEN it maps to the region people mean', () => {
    expect(resolveTimeZone('EST')).toBe('America/New_York');
    expect(resolveTimeZone('PST')).toBe('America/Los_Angeles');
    expect(resolveTimeZone('CEST')).toBe('Europe/Berlin');
  });

  it('GIVEN a city name THEN invalid_timezone suggests its zone (Berlin → Europe/Berlin)', () => {
    const error = refusal('Berlin');
    expect(error.code).toBe('invalid_timezone');
    expect(error.params.suggestions).toContain('Europe/Berlin');
    expect(error.message).toContain('Europe/Berlin');
  });

  it('GIVEN a typo or spaces THEN the suggestions hold the right zone', () => {
    expect(suggestTimeZones('Europe/Berln')).toContain('Europe/Berlin');
    expect(suggestTimeZones('new york')).toContain('America/New_York');
  });

  it.each(['Kyiv', 'Kolkata', 'Nuuk', 'Ho Chi Minh'])('GIVEN the city "%s" of a renamed zone THEN it is refused but suggests what autocomplete offers first', (input) => {
    const error = refusal(input);
    const offered = searchTimeZones(input)[0];
    expect(offered).toBeDefined();
    expect(error.params.suggestions).toContain(offered);
    expect(error.message).toContain(offered);
    expect(isValidTimeZone(offered ?? '')).toBe(true);
  });

  it('GIVEN a typo of an alias THEN the alias’s zone is suggested', () => {
    expect(suggestTimeZones('Kyviv')).toContain(canonicalTimeZone('Europe/Kyiv'));
  });

  it('GIVEN one zone under several spellings (Asia/Kolkata, Asia/Calcutta, asia/kolkata) THEN every one resolves to the same spelling', () => {
    const spellings = ['Asia/Kolkata', 'Asia/Calcutta', 'asia/kolkata'].map(resolveTimeZone);
    expect(new Set(spellings).size).toBe(1);
    expect(resolveTimeZone('Europe/Kyiv')).toBe(resolveTimeZone('Europe/Kiev'));
    expect(resolveTimeZone('Etc/UTC')).toBe('UTC');
  });

  it('GIVEN an abbreviation that names several zones (CST, IST, BST) THEN it is refused with the candidates', () => {
    for (const [input, expected] of [['CST', 'Asia/Shanghai'], ['ist', 'Europe/Dublin'], ['BST', 'Asia/Dhaka']] as const) {
      let caught: unknown;
      try {
        resolveTimeZone(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'invalid_timezone' });
      expect((caught as { params: { suggestions: string[] } }).params.suggestions).toContain(canonicalTimeZone(expected));
    }
  });

  it('GIVEN a fixed offset (Etc/GMT+2 is UTC−2, without daylight saving) THEN it is refused, while UTC and GMT stay valid', () => {
    expect(() => resolveTimeZone('Etc/GMT+2')).toThrow(/not a time zone/);
    expect(() => resolveTimeZone('etc/gmt-5')).toThrow(/not a time zone/);
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone(resolveTimeZone('GMT'))).toBeDefined();
  });

  it('GIVEN any accepted zone THEN resolving its own result again gives it back (one spelling, stable)', () => {
    for (const input of ['EST', 'CEST', 'Asia/Kolkata', 'Europe/Kyiv', 'US/Eastern', 'utc']) {
      const zone = resolveTimeZone(input);
      expect(resolveTimeZone(zone)).toBe(zone);
      expect(canonicalTimeZone(zone)).toBe(zone);
    }
  });

  it('GIVEN autocomplete and the zone list THEN they offer only canonical spellings', () => {
    for (const zone of [...searchTimeZones(''), ...searchTimeZones('kolkata'), ...searchTimeZones('kyiv')]) expect(canonicalTimeZone(zone)).toBe(zone);
    expect(allTimeZones().every((zone) => canonicalTimeZone(zone) === zone)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Atlantis', '+02:00', 'xx', '', 'a'.repeat(200)])('GIVEN "%s" THEN it is refused', (input) => {
    expect(refusal(input).code).toBe('invalid_timezone');
  });
});

/** Names this runtime's ICU lists for renamed zones (CLDR keeps them for stability), and IANA's names today. */
const LEGACY_ICU_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['America/Godthab', 'America/Nuuk'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['Pacific/Enderbury', 'Pacific/Kanton'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ['America/Louisville', 'America/Kentucky/Louisville'],
  ['Africa/Asmera', 'Africa/Asmara'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
  ['Pacific/Ponape', 'Pacific/Pohnpei'],
];

describe('IANA names, not ICU legacy ones', () => {
  it.each<readonly [string, string]>([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Europe/Uzhgorod', 'Europe/Kyiv'],
    ...LEGACY_ICU_NAMES,
  ])('GIVEN %s THEN the zone is stored and shown as %s', (input, iana) => {
    expect(resolveTimeZone(input)).toBe(iana);
    expect(canonicalTimeZone(input)).toBe(iana);
    expect(isValidTimeZone(iana)).toBe(true);
  });

  it('GIVEN the zone list THEN it holds IANA names only, none of ICU’s legacy ones', () => {
    const zones = new Set(allTimeZones());
    for (const [legacy, iana] of LEGACY_ICU_NAMES) {
      expect(zones.has(legacy)).toBe(false);
      expect(zones.has(iana)).toBe(true);
    }
  });

  it.each([
    ['kolkata', 'Asia/Kolkata'],
    ['calcutta', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['kyiv', 'Europe/Kyiv'],
    ['kiev', 'Europe/Kyiv'],
    ['saigon', 'Asia/Ho_Chi_Minh'],
    ['ho chi minh', 'Asia/Ho_Chi_Minh'],
    ['godthab', 'America/Nuuk'],
  ])('GIVEN "%s" typed THEN autocomplete offers %s first, and no legacy name anywhere', (typed, iana) => {
    const offered = searchTimeZones(typed);
    expect(offered[0]).toBe(iana);
    const legacy = new Set(LEGACY_ICU_NAMES.map(([name]) => name));
    expect(offered.filter((zone) => legacy.has(zone))).toEqual([]);
  });

  it('GIVEN nothing typed THEN the common zones use IANA names', () => {
    const zones = searchTimeZones('');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
  });

  it('GIVEN the city "Kolkata" alone THEN the refusal suggests Asia/Kolkata', () => {
    expect(refusal('Kolkata').params.suggestions).toContain('Asia/Kolkata');
    expect(suggestTimeZones('Saigon')).toContain('Asia/Ho_Chi_Minh');
  });
});
