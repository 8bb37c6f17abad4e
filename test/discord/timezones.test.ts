import { describe, expect, it } from 'vitest';
import { timezoneChoices } from '../../src/discord/autocomplete.js';
import { isValidTimezone, resolveTimezone, searchTimezones } from '../../src/discord/timezones.js';

describe('time zones', () => {
  it('GIVEN a city THEN its zone comes first', () => {
    expect(searchTimezones('Berlin')[0]).toBe('Europe/Berlin');
    expect(searchTimezones('new york')[0]).toBe('America/New_York');
    expect(searchTimezones('sao paulo')[0]).toBe('America/Sao_Paulo');
  });

  it('GIVEN a prefix THEN matching zones are offered, at most 25', () => {
    const zones = searchTimezones('europe');
    expect(zones.length).toBe(25);
    expect(zones.every((zone) => zone.startsWith('Europe/'))).toBe(true);
  });

  it('GIVEN nothing typed THEN common zones are offered, all valid', () => {
    const zones = searchTimezones('');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones.every(isValidTimezone)).toBe(true);
  });

  it('GIVEN what users type THEN resolveTimezone finds the IANA zone', () => {
    expect(resolveTimezone('Berlin')).toBe('Europe/Berlin');
    expect(resolveTimezone('europe/berlin')).toBe('Europe/Berlin');
    expect(resolveTimezone('utc')).toBe('UTC');
    expect(isValidTimezone(resolveTimezone('Kyiv') ?? '')).toBe(true);
  });

  it('GIVEN nonsense THEN resolveTimezone finds nothing', () => {
    expect(resolveTimezone('Atlantis')).toBeUndefined();
    expect(resolveTimezone('')).toBeUndefined();
    expect(searchTimezones('qqqq')).toEqual([]);
  });

  it('GIVEN autocomplete THEN names and values are the zone', () => {
    expect(timezoneChoices('berlin')[0]).toEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });
});
