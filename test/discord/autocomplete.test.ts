import { describe, expect, it } from 'vitest';
import { timezoneChoices } from '../../src/discord/autocomplete.js';

// The matching itself is tested with src/time/timezones.ts (test/time/timezones.test.ts).
describe('time zone autocomplete', () => {
  it('GIVEN autocomplete THEN names and values are the zone', () => {
    expect(timezoneChoices('berlin')[0]).toEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
  });
});
