import { UserError } from '../errors.js';
import { capReference } from '../text/reference.js';

/**
 * IANA time zone names: the one place Herald lists, matches and validates them. The `timezone`
 * autocomplete ranks zones for what is typed so far; a digest subscription validates the name
 * strictly and suggests close ones ("Berlin" → Europe/Berlin) instead of guessing.
 */

/**
 * Names people type that are not this runtime's spelling of a zone, keyed as {@link fold} spells
 * them: renamed zones older ICU builds lack (Europe/Kyiv), their bare cities ("Kyiv"), and UTC's
 * nicknames. The one alias table: autocomplete ranks through it and validation suggests through it.
 * Targets are written in today's IANA spelling and canonicalized by Intl at run time, so whichever
 * of Europe/Kyiv and Europe/Kiev this Node lists is the one offered.
 */
const ALIASES: Readonly<Record<string, string>> = {
  utc: 'UTC',
  gmt: 'UTC',
  z: 'UTC',
  'europe/kyiv': 'Europe/Kyiv',
  kyiv: 'Europe/Kyiv',
  'asia/kolkata': 'Asia/Kolkata',
  kolkata: 'Asia/Kolkata',
  'asia/ho chi minh': 'Asia/Ho_Chi_Minh',
  'ho chi minh': 'Asia/Ho_Chi_Minh',
  'america/nuuk': 'America/Nuuk',
  nuuk: 'America/Nuuk',
};

/**
 * ICU (after CLDR, which never renames an id) still calls these renamed zones by their old names;
 * IANA, and people, call them by the names on the right. Keyed by the spelling Intl gives, so a
 * zone typed either way is shown the IANA way. All of Node 20's list that IANA's zone.tab lacks.
 */
const IANA_NAME_OF_ICU: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * Abbreviations people type. Some are not IANA names at all (EDT, CEST); others are legacy links
 * that would silently drop daylight saving (ICU resolves EST to America/Panama), so these win.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pt: 'America/Los_Angeles',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  cdt: 'America/Chicago',
  est: 'America/New_York',
  edt: 'America/New_York',
  et: 'America/New_York',
  cet: 'Europe/Berlin',
  cest: 'Europe/Berlin',
  mez: 'Europe/Berlin',
  mesz: 'Europe/Berlin',
  jst: 'Asia/Tokyo',
  aest: 'Australia/Sydney',
};

/**
 * Abbreviations that name several zones (CST: Chicago or China; IST: India, Ireland or Israel; BST:
 * London or Bangladesh). Guessing would post at the wrong hour, so Herald asks which one.
 */
const AMBIGUOUS: Readonly<Record<string, readonly string[]>> = {
  cst: ['America/Chicago', 'Asia/Shanghai', 'America/Havana'],
  ist: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  bst: ['Europe/London', 'Asia/Dhaka'],
};

/** Etc/GMT+2 is UTC−2 (POSIX signs) and never observes daylight saving: a trap for a daily post. */
const FIXED_OFFSET = /^Etc\/GMT[+-]\d+$/;

/** Shown before anything is typed: where most users of an English/German bot live (canonicalized when used). */
const COMMON = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Vienna',
  'Europe/Zurich',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Warsaw',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** A zone with its name folded for matching. */
interface ZoneEntry {
  zone: string;
  /** The whole name, folded ("america/new york"). */
  full: string;
  /** Its `/`-separated parts ("america", "new york"); the last is the city. */
  parts: string[];
  city: string;
}

let zoneList: readonly string[] | undefined;
let zoneEntries: readonly ZoneEntry[] | undefined;

/** Every IANA zone this runtime knows (canonical names, sorted), plus UTC. */
export function allTimeZones(): readonly string[] {
  if (!zoneList) {
    const zones = new Set<string>(['UTC']);
    for (const zone of Intl.supportedValuesOf('timeZone')) zones.add(canonicalTimeZone(zone) ?? zone);
    zoneList = [...zones].sort();
  }
  return zoneList;
}

/**
 * The one spelling Herald gives a zone: Intl's canonical name ("asia/kolkata" → one id, links such
 * as Europe/Uzhgorod → their zone) in IANA's current spelling ("Asia/Calcutta" → Asia/Kolkata), or
 * undefined when Intl refuses it or it is not a place (Etc/Unknown). Stored zones are compared and
 * shown in this spelling, so one zone typed two ways is one zone, named as its users name it.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (!canonical || canonical === 'Etc/Unknown') return undefined;
  const iana = IANA_NAME_OF_ICU[canonical];
  // An ICU too old to know the new name keeps the old one: a zone it cannot schedule in is no use.
  return iana !== undefined && isValidTimeZone(iana) ? iana : canonical;
}

function entryFor(zone: string, name: string): ZoneEntry {
  const full = fold(name);
  const parts = full.split('/');
  return { zone, full, parts, city: parts[parts.length - 1] ?? full };
}

/**
 * Every zone under its own name, then every alias under the alias's name (pointing at the canonical
 * zone), old names included: "Calcutta" or "Saigon" typed still finds the zone, shown by its new name.
 */
function entries(): readonly ZoneEntry[] {
  if (!zoneEntries) {
    const aliases = [...Object.entries(ALIASES), ...Object.entries(IANA_NAME_OF_ICU)].flatMap(([name, target]) => {
      const zone = canonicalTimeZone(target);
      // A target this runtime does not know at all is no help to anyone.
      return zone ? [entryFor(zone, name)] : [];
    });
    zoneEntries = [...allTimeZones().map((zone) => entryFor(zone, zone)), ...aliases];
  }
  return zoneEntries;
}

/** Keeps each zone once, at its best score (`better` says which of two scores wins). */
function bestPerZone(scored: readonly { zone: string; score: number }[], better: (a: number, b: number) => boolean): { zone: string; score: number }[] {
  const best = new Map<string, number>();
  for (const { zone, score } of scored) {
    const known = best.get(zone);
    if (known === undefined || better(score, known)) best.set(zone, score);
  }
  return [...best].map(([zone, score]) => ({ zone, score }));
}

/** Whether Intl (and so node-cron) accepts this zone name. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Case, accents and separators folded: "São_Paulo" and "sao paulo" read alike. Not trimmed: while
 * someone types, "new " (a word ended) narrows differently from "new".
 */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/**
 * Autocomplete: zones matching what is typed so far, best first: exact name or alias ("Kyiv"), then
 * the city part ("berlin", "new york"), then any part starting with the query, then anything
 * containing it. Empty query → common zones.
 */
export function searchTimeZones(query: string, limit = 25): string[] {
  const q = fold(capReference(query));
  if (q === '') return [...new Set(COMMON.map(canonicalTimeZone).filter((zone) => zone !== undefined))].slice(0, limit);
  const scored: { zone: string; score: number }[] = [];
  for (const { zone, full, parts, city } of entries()) {
    let score = 0;
    if (full === q) score = 100;
    else if (city === q) score = 90;
    else if (city.startsWith(q)) score = 70;
    else if (parts.some((part) => part.startsWith(q))) score = 50;
    else if (full.includes(q)) score = 30;
    // Canonical Area/City zones beat legacy ones like "Etc/GMT+1" or "US/Eastern".
    if (score > 0 && /^(Etc|US|SystemV)\//.test(zone)) score -= 5;
    if (score > 0) scored.push({ zone, score });
  }
  return bestPerZone(scored, (a, b) => a > b)
    .sort((a, b) => b.score - a.score || a.zone.length - b.zone.length || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((entry) => entry.zone);
}

/**
 * Validates an IANA time-zone name with Intl and returns its canonical spelling
 * ({@link canonicalTimeZone}: "europe/berlin" → "Europe/Berlin", "Asia/Kolkata" and IST → one
 * spelling); known abbreviations (EST, CEST) map to the region people
 * mean; ambiguous ones (CST, IST, BST) are refused with their candidates. Raw UTC offsets,
 * Etc/GMT±N included, are refused because they ignore daylight saving.
 * @throws UserError('invalid_timezone', { input, suggestions }) with close names ("Berlin" → Europe/Berlin)
 */
export function resolveTimeZone(input: string): string {
  const text = capReference(input).trim();
  const abbreviation = ABBREVIATIONS[text.toLowerCase()];
  if (abbreviation) return canonicalTimeZone(abbreviation) ?? abbreviation;
  const meanings = AMBIGUOUS[text.toLowerCase()];
  if (meanings) {
    const suggestions = meanings.map((zone) => canonicalTimeZone(zone) ?? zone);
    throw new UserError('invalid_timezone', { input: text, suggestions });
  }
  if (/^[A-Za-z]/.test(text) && text.length <= 64) {
    const zone = canonicalTimeZone(text);
    if (zone && !FIXED_OFFSET.test(zone)) return zone;
  }
  const suggestions = suggestTimeZones(text).filter((zone) => !FIXED_OFFSET.test(zone));
  throw new UserError('invalid_timezone', { input: text.slice(0, 40), suggestions });
}

/**
 * "Did you mean": close IANA names for a mistyped or partial zone ("Berlin", "new york",
 * "Europe/Berln", "PST", "Kyiv" through the alias table), tolerating typos, which autocomplete does not.
 */
export function suggestTimeZones(input: string, limit = 5): string[] {
  const query = fold(capReference(input)).trim();
  if (!query) return [];
  const abbreviated = ABBREVIATIONS[query.replace(/ /g, '')];
  const abbreviation = abbreviated === undefined ? undefined : (canonicalTimeZone(abbreviated) ?? abbreviated);
  const scored: { zone: string; score: number }[] = [];
  for (const { zone, full, city } of entries()) {
    let score: number;
    if (city === query || full === query) score = 0;
    else if (city.startsWith(query)) score = 1;
    else if (full.includes(query)) score = 2;
    else {
      const distance = Math.min(editDistance(city, query), editDistance(full, query));
      if (distance > Math.max(1, Math.floor(query.length / 4))) continue;
      score = 3 + distance;
    }
    scored.push({ zone, score });
  }
  const names = bestPerZone(scored, (a, b) => a < b)
    .sort((a, b) => a.score - b.score || a.zone.localeCompare(b.zone))
    .map((s) => s.zone);
  if (abbreviation) names.unshift(abbreviation);
  return [...new Set(names)].slice(0, limit);
}

/** Levenshtein distance, or 99 when the lengths alone differ by more than 3. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 99;
}
