import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { formatLocalDate, localTime, nextSlot, parseTimeOfDay, previousSlot, slotFromKey } from '../../src/time/slots.js';

const at = (iso: string) => new Date(iso);
const time = (text: string) => parseTimeOfDay(text);

function userErrorOf(work: () => unknown): { code: string; message: string; params: Record<string, unknown> } {
  try {
    work();
  } catch (error) {
    if (isUserError(error)) return { code: error.code, message: error.message, params: error.params };
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('parseTimeOfDay', () => {
  it.each([
    ['08:00', 8, 0],
    ['8:00', 8, 0],
    ['8am', 8, 0],
    ['8 am', 8, 0],
    ['8 pm', 20, 0],
    ['8PM', 20, 0],
    ['8:30 p.m.', 20, 30],
    ['20:30', 20, 30],
    ['12am', 0, 0],
    ['12pm', 12, 0],
    ['00:00', 0, 0],
    ['23:59', 23, 59],
    ['0830', 8, 30],
    ['8.30', 8, 30],
    ['  7:05  ', 7, 5],
  ])('GIVEN "%s" THEN it is %i:%i', (input, hour, minute) => {
    expect(parseTimeOfDay(input)).toEqual({ hour, minute });
  });

  it.each(['25:00', '24:00', '8:60', '13pm', '0am', '', 'noon', '8:5', '8:000', '-1:00', '12345'])(
    'GIVEN "%s" THEN it is refused with invalid_time',
    (input) => {
      const error = userErrorOf(() => parseTimeOfDay(input));
      expect(error.code).toBe('invalid_time');
      expect(error.message).toMatch(/HH:MM/);
    },
  );
});

describe('slots in Europe/Berlin', () => {
  const zone = 'Europe/Berlin';

  it('GIVEN an ordinary winter day THEN 08:00 is 07:00 UTC', () => {
    expect(nextSlot(time('08:00'), zone, at('2026-01-15T06:00:00Z'))).toEqual({ key: '2026-01-15T08:00', at: at('2026-01-15T07:00:00Z') });
  });

  it('GIVEN the slot is now THEN next is tomorrow and previous is now', () => {
    const now = at('2026-01-15T07:00:00Z');
    expect(nextSlot(time('08:00'), zone, now).key).toBe('2026-01-16T08:00');
    expect(previousSlot(time('08:00'), zone, now)).toEqual({ key: '2026-01-15T08:00', at: now });
  });

  it('GIVEN spring forward 2026-03-29 (02:00 → 03:00) THEN a 02:30 slot fires once at 03:00 CEST', () => {
    const slot = nextSlot(time('02:30'), zone, at('2026-03-28T12:00:00Z'));
    expect(slot).toEqual({ key: '2026-03-29T02:30', at: at('2026-03-29T01:00:00Z') });
    expect(localTime(slot.at, zone)).toMatchObject({ hour: 3, minute: 0 });
    // and the day after is back to normal
    expect(nextSlot(time('02:30'), zone, slot.at)).toEqual({ key: '2026-03-30T02:30', at: at('2026-03-30T00:30:00Z') });
  });

  it('GIVEN spring forward THEN 08:00 moves from 07:00 UTC to 06:00 UTC', () => {
    expect(nextSlot(time('08:00'), zone, at('2026-03-28T07:00:00Z')).at).toEqual(at('2026-03-29T06:00:00Z'));
  });

  it('GIVEN fall back 2026-10-25 (02:30 happens twice) THEN the slot fires once, at the first 02:30 (CEST)', () => {
    const slot = nextSlot(time('02:30'), zone, at('2026-10-24T12:00:00Z'));
    expect(slot).toEqual({ key: '2026-10-25T02:30', at: at('2026-10-25T00:30:00Z') });
    // From the first 02:30, through the repeated hour, the next slot is the next day's.
    expect(nextSlot(time('02:30'), zone, slot.at).key).toBe('2026-10-26T02:30');
    expect(nextSlot(time('02:30'), zone, at('2026-10-25T01:30:00Z')).key).toBe('2026-10-26T02:30');
    // During the second 02:30 the latest slot is still the same key: it is not due again.
    expect(previousSlot(time('02:30'), zone, at('2026-10-25T01:31:00Z')).key).toBe('2026-10-25T02:30');
  });

  it('GIVEN a key THEN slotFromKey gives back the same instant, also in a gap', () => {
    expect(slotFromKey('2026-03-29T02:30', zone)?.at).toEqual(at('2026-03-29T01:00:00Z'));
    expect(slotFromKey('nonsense', zone)).toBeUndefined();
  });
});

describe('slots in America/New_York', () => {
  const zone = 'America/New_York';

  it('GIVEN DST starts 2026-03-08 THEN 08:00 goes from 13:00 to 12:00 UTC', () => {
    expect(nextSlot(time('08:00'), zone, at('2026-03-07T12:00:00Z')).at).toEqual(at('2026-03-07T13:00:00Z'));
    expect(nextSlot(time('08:00'), zone, at('2026-03-07T13:00:00Z')).at).toEqual(at('2026-03-08T12:00:00Z'));
  });

  it('GIVEN 02:30 on 2026-03-08 does not exist THEN it fires at 03:00 EDT', () => {
    expect(nextSlot(time('02:30'), zone, at('2026-03-08T05:00:00Z')).at).toEqual(at('2026-03-08T07:00:00Z'));
  });

  it('GIVEN 01:30 on 2026-11-01 happens twice THEN it fires once, at 01:30 EDT', () => {
    const slot = nextSlot(time('01:30'), zone, at('2026-11-01T04:00:00Z'));
    expect(slot.at).toEqual(at('2026-11-01T05:30:00Z'));
    expect(nextSlot(time('01:30'), zone, slot.at).key).toBe('2026-11-02T01:30');
  });

  it('GIVEN late evening local time THEN the local date (not the UTC date) names the slot', () => {
    // 23:30 in New York is already the next day in UTC.
    expect(nextSlot(time('23:30'), zone, at('2026-06-01T00:00:00Z'))).toEqual({ key: '2026-05-31T23:30', at: at('2026-06-01T03:30:00Z') });
  });
});

describe('formatLocalDate', () => {
  it('GIVEN an instant just after midnight in Berlin THEN the header shows the Berlin date in the language', () => {
    const instant = at('2026-03-28T23:30:00Z');
    expect(formatLocalDate(instant, 'Europe/Berlin', 'de')).toBe('Sonntag, 29. März 2026');
    expect(formatLocalDate(instant, 'America/New_York', 'en')).toContain('March 28, 2026');
  });

  it('GIVEN an odd language code THEN it still formats', () => {
    expect(formatLocalDate(at('2026-03-28T12:00:00Z'), 'UTC', 'und')).toContain('2026');
  });
});
