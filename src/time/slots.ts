import { UserError } from '../errors.js';
import { memoize } from '../memo.js';

/** A wall-clock time of day, as a subscriber typed it. */
export interface TimeOfDay {
  /** 0–23. */
  hour: number;
  /** 0–59. */
  minute: number;
}

/**
 * One daily occurrence of a subscription's time in its zone.
 * `key` names the local day and time ("2026-03-29T08:00"), so the repeated hour of a
 * fall-back day still yields one slot; `at` is the instant it fires.
 */
export interface Slot {
  key: string;
  at: Date;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Parses a time of day: `08:00`, `8:00`, `8.30`, `0830`, `20:30`, `8am`, `8 pm`, `8:30 p.m.`, `12am` (midnight).
 * Throws UserError('invalid_time') for anything else.
 */
export function parseTimeOfDay(input: string): TimeOfDay {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const match =
    /^(\d{1,2})(?:[:.h](\d{2}))? ?(a\.?m\.?|p\.?m\.?)?$/.exec(text) ?? /^(\d{2})(\d{2})()$/.exec(text);
  const invalid = () =>
    new UserError('invalid_time', { input: input.trim().slice(0, 20) });
  if (!match) throw invalid();
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  const meridiem = match[3]?.[0];
  if (minute > 59) throw invalid();
  if (meridiem) {
    if (hour < 1 || hour > 12) throw invalid();
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) {
    throw invalid();
  }
  return { hour, minute };
}

/** "08:05" */
export function formatTimeOfDay(time: TimeOfDay): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let format = partsFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, format);
  }
  return format;
}

/** The local calendar fields of an instant in a zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a clock on the wall in `zone` shows at `instant`. */
export function localTime(instant: Date | number, zone: string): LocalTime {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Local wall time encoded as if it were UTC: lets us compare and subtract wall-clock readings. */
function wallMs(instant: number, zone: string): number {
  const t = localTime(instant, zone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** UTC offset of `zone` at `instant`, in ms (Berlin in summer: +7,200,000). */
export function zoneOffsetMs(instant: number, zone: string): number {
  return wallMs(Math.floor(instant / 1000) * 1000, zone) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time on a local date happens in `zone`.
 * - Repeated (fall-back) times resolve to their FIRST occurrence, so a digest goes out once, on time.
 * - Skipped (spring-forward) times resolve to the first instant after the gap (02:30 on a day
 *   clocks jump 02:00→03:00 fires at 03:00): the subscriber still gets the digest that day, as
 *   early as the clock allows.
 */
export function zonedInstant(date: { year: number; month: number; day: number }, time: TimeOfDay, zone: string): Date {
  const target = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = new Set([target - DAY, target, target + DAY].map((t) => zoneOffsetMs(t, zone)));
  const candidates = [...offsets].map((offset) => target - offset).filter((t) => wallMs(t, zone) === target);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: search the transition, minute by minute, between the two readings of the target.
  let low = target - Math.max(...offsets);
  let high = target - Math.min(...offsets);
  if (low > high) [low, high] = [high, low];
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (wallMs(mid, zone) >= target) high = mid;
    else low = mid;
  }
  return new Date(wallMs(low, zone) >= target ? low : high);
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function slotOn(date: { year: number; month: number; day: number }, time: TimeOfDay, zone: string): Slot {
  const key = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}T${formatTimeOfDay(time)}`;
  return { key, at: zonedInstant(date, time, zone) };
}

/** The first slot strictly after `now`. */
export function nextSlot(time: TimeOfDay, zone: string, now: Date): Slot {
  const today = localTime(now, zone);
  for (let days = -1; days <= 2; days++) {
    const slot = slotOn(addDays(today, days), time, zone);
    if (slot.at.getTime() > now.getTime()) return slot;
  }
  /* c8 ignore next */
  throw new Error(`no slot found for ${formatTimeOfDay(time)} in ${zone}`);
}

/** The latest slot at or before `now` (the one that is due, or was due). */
export function previousSlot(time: TimeOfDay, zone: string, now: Date): Slot {
  const today = localTime(now, zone);
  for (let days = 1; days >= -2; days--) {
    const slot = slotOn(addDays(today, days), time, zone);
    if (slot.at.getTime() <= now.getTime()) return slot;
  }
  /* c8 ignore next */
  throw new Error(`no slot found for ${formatTimeOfDay(time)} in ${zone}`);
}

/** The slot a key names ("2026-03-29T08:00"), for the subscription's time and zone. */
export function slotFromKey(key: string, zone: string): Slot | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(key);
  if (!m) return undefined;
  return slotOn({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { hour: Number(m[4]), minute: Number(m[5]) }, zone);
}

/** "Sunday, 29 March 2026" in the subscriber's language and zone; English for unknown languages. */
export function formatLocalDate(instant: Date, zone: string, language: string): string {
  return safeFormat(language, { dateStyle: 'full', timeZone: zone }, instant);
}

/** "Sun, 29 Mar 2026, 08:00 CEST" (the zone's short name or offset), in the given locale. */
export function formatLocalDateTime(instant: Date, zone: string, locale = 'en-GB'): string {
  return safeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone, timeZoneName: 'short' }, instant);
}

// A build costs ~50 µs, a use ~1 µs: each locale, zone and style is built once (memo.ts bounds them,
// as locales and zones come from users). The key is the arguments as JSON, read back only to build.
const dateFormat = memoize((key) => {
  const { locale, options } = JSON.parse(key) as { locale: string; options: Intl.DateTimeFormatOptions };
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options);
  }
});

/** A date format in `locale`, or in en-GB when the locale is not one Intl knows. */
function safeFormat(locale: string, options: Intl.DateTimeFormatOptions, instant: Date): string {
  return dateFormat(JSON.stringify({ locale, options })).format(instant);
}
