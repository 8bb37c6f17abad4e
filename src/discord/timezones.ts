/**
 * IANA time zone lookup for the `timezone` option: autocomplete ("Berlin" → Europe/Berlin) and
 * resolving what a user typed. Shared with the digests module.
 */

/** Names older ICU builds lack or that people type; mapped to a zone every Node accepts. */
const ALIASES: Readonly<Record<string, string>> = {
  utc: 'UTC',
  gmt: 'UTC',
  z: 'UTC',
  'europe/kyiv': 'Europe/Kiev',
  kyiv: 'Europe/Kiev',
  'asia/kolkata': 'Asia/Calcutta',
  kolkata: 'Asia/Calcutta',
  'asia/ho_chi_minh': 'Asia/Saigon',
  'america/nuuk': 'America/Godthab',
};

let zones: string[] | undefined;

/** Every zone this runtime knows, plus UTC. */
export function allTimezones(): string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].filter(isValidTimezone);
  return zones;
}

/** Whether Intl (and so node-cron) accepts this zone name. */
export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '_')
    .trim();
}

/**
 * Zones matching a query, best first: exact name, then the city part ("berlin", "new york"),
 * then any part starting with the query, then anything containing it. Empty query → common zones.
 */
export function searchTimezones(query: string, limit = 25): string[] {
  const q = fold(query);
  const all = allTimezones();
  if (q === '') return COMMON.filter(isValidTimezone).slice(0, limit);
  const alias = ALIASES[q] ?? ALIASES[q.replace(/_/g, ' ')];
  const scored: { zone: string; score: number }[] = [];
  for (const zone of all) {
    const name = fold(zone);
    const parts = name.split('/');
    const city = parts[parts.length - 1] ?? name;
    let score = 0;
    if (zone === alias || name === q) score = 100;
    else if (city === q) score = 90;
    else if (city.startsWith(q)) score = 70;
    else if (parts.some((part) => part.startsWith(q))) score = 50;
    else if (name.includes(q)) score = 30;
    // Canonical Area/City zones beat legacy ones like "Etc/GMT+1" or "US/Eastern".
    if (score > 0 && /^(Etc|US|SystemV)\//.test(zone)) score -= 5;
    if (score > 0) scored.push({ zone, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.zone.length - b.zone.length || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((entry) => entry.zone);
}

/**
 * The zone a user meant, or undefined: an exact IANA name in any case, a known alias, or a city
 * that matches exactly one zone ("Berlin" → Europe/Berlin).
 */
export function resolveTimezone(input: string): string | undefined {
  const trimmed = input.trim();
  if (trimmed === '') return undefined;
  const q = fold(trimmed);
  const alias = ALIASES[q];
  if (alias) return alias;
  const exact = allTimezones().find((zone) => fold(zone) === q);
  if (exact) return exact;
  const byCity = allTimezones().filter((zone) => fold(zone.split('/').pop() ?? '') === q);
  if (byCity.length === 1) return byCity[0];
  return undefined;
}

/** Shown before anything is typed: where most users of an English/German bot live. */
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
  'Europe/Kiev',
  'Europe/Istanbul',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Dubai',
  'Asia/Calcutta',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];
