import { UserError } from '../errors.js';
import { capReference } from '../text/reference.js';
import { editDistance } from '../text/edit-distance.js';
import { memoize } from '../memo.js';

/** A target language: its ISO 639-1 code and English name. */
export interface Language {
  /** ISO 639-1 code, lower case ("de"). */
  code: string;
  /** English name from Intl.DisplayNames ("German"). */
  name: string;
}

/** Every current ISO 639-1 code. */
const ISO_639_1 = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ' +
  'ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi ' +
  'mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw ' +
  'sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
  'ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');
const CODES = new Set(ISO_639_1);

/**
 * Languages people ask for most, in rough order of use; it orders suggestions and fills an
 * empty autocomplete. Discord's own locales are all here.
 */
const POPULAR = (
  'en es fr de pt it nl pl ru uk ja zh ko ar hi tr sv da no nb fi cs el he id vi th ro hu bg hr lt sr sk sl ' +
  'et lv fa ur bn ta ms ca eu gl ga cy is'
).split(' ');

/** Locales whose names for languages are accepted as input ("Englisch", "anglais", "英語"). */
const NAME_LOCALES = (
  'en de fr es it pt nl pl ja zh ru sv da nb fi tr ko uk cs el hu ro ar he hi id vi th bg hr lt'
).split(' ');

/** Regional tags whose dialect names should also resolve ("Brazilian Portuguese", "Flemish"). */
const VARIANT_TAGS = [
  'en-US', 'en-GB', 'en-AU', 'en-CA', 'pt-BR', 'pt-PT', 'es-ES', 'es-MX', 'es-419', 'fr-CA', 'fr-CH',
  'zh-Hans', 'zh-Hant', 'zh-CN', 'zh-TW', 'nl-BE', 'de-AT', 'de-CH', 'sr-Latn', 'sr-Cyrl',
];

/** Names people use that CLDR does not list under these codes. */
const EXTRA_ALIASES: Record<string, string> = {
  farsi: 'fa',
  mandarin: 'zh',
  filipino: 'tl',
  castilian: 'es',
  castellano: 'es',
  moldovan: 'ro',
  bokmal: 'nb',
  nynorsk: 'nn',
  brazilian: 'pt',
  // ISO 639-1's own English names where ICU uses another, and common colloquial names.
  tagalog: 'tl',
  gaelic: 'gd',
  'scottish gaelic': 'gd',
  uighur: 'ug',
  sinhalese: 'si',
  kirghiz: 'ky',
  pushto: 'ps',
  haitian: 'ht',
  chichewa: 'ny',
  chewa: 'ny',
  moldavian: 'ro',
  valencian: 'ca',
  'bahasa indonesia': 'id',
  'bahasa melayu': 'ms',
  flemish: 'nl',
  hollandisch: 'nl',
};

/** Lower case, no diacritics, ß as ss, punctuation as single spaces: "Português (Brasil)" → "portugues brasil". */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const displayNamesCache = new Map<string, Intl.DisplayNames>();

function displayNames(locale: string): Intl.DisplayNames {
  let names = displayNamesCache.get(locale);
  if (!names) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' });
    } catch {
      // A malformed display locale (e.g. from a client) must not break naming.
      names = displayNames('en');
    }
    displayNamesCache.set(locale, names);
  }
  return names;
}

/** Intl's name of a code in a locale, or undefined when ICU has none (it then echoes the code). */
function intlName(code: string, locale: string): string | undefined {
  try {
    const name = displayNames(locale).of(code);
    return name && fold(name) !== fold(code) ? name : undefined;
  } catch {
    return undefined;
  }
}

interface LanguageTable {
  /** Folded name → code; the first spelling registered wins, English names first. */
  byName: Map<string, string>;
  /** Code → every folded name it is known by, for prefix search. */
  namesOf: Map<string, string[]>;
}

let table: LanguageTable | undefined;

/** Built on first use: a few thousand Intl look-ups, a few milliseconds. */
function languageTable(): LanguageTable {
  if (table) return table;
  const byName = new Map<string, string>();
  const namesOf = new Map<string, string[]>(ISO_639_1.map((code) => [code, []]));
  const add = (name: string | undefined, code: string) => {
    if (!name) return;
    const key = fold(name);
    if (key.length < 2) return;
    if (!byName.has(key)) byName.set(key, code);
    const names = namesOf.get(code)!;
    if (!names.includes(key)) names.push(key);
  };
  for (const code of ISO_639_1) add(intlName(code, 'en'), code);
  // A language's own name ("Deutsch", "français", "日本語") comes right after English.
  for (const code of ISO_639_1) add(intlName(code, code), code);
  for (const locale of NAME_LOCALES) for (const code of ISO_639_1) add(intlName(code, locale), code);
  for (const tag of VARIANT_TAGS) {
    const code = tag.slice(0, 2);
    add(intlName(tag, 'en'), code);
    add(new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' }).of(tag), code);
    add(intlName(tag, code), code);
  }
  for (const [alias, code] of Object.entries(EXTRA_ALIASES)) add(alias, code);
  table = { byName, namesOf };
  return table;
}

/** True for a lower-case ISO 639-1 code Herald knows. */
export function isLanguageCode(code: string): boolean {
  return CODES.has(code);
}

/**
 * The code of a language tag or ISO 639-2 code ("pt-BR", "zh_CN", "deu", "ger"), if any.
 * Remembered: every request reads its language and the user's locale, and ICU's canonicalizing
 * is the costly part of answering a cached request.
 */
const codeOfTag = memoize(tagToCode);

function tagToCode(input: string): string | undefined {
  if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i.test(input)) return undefined;
  try {
    const canonical = Intl.getCanonicalLocales(input.replace(/_/g, '-'))[0];
    const language = canonical ? new Intl.Locale(canonical).language : undefined;
    return language && CODES.has(language) ? language : undefined;
  } catch {
    return undefined;
  }
}

const englishNames = new Map<string, string>();

function toLanguage(code: string): Language {
  let name = englishNames.get(code);
  if (name === undefined) {
    name = languageName(code, 'en');
    englishNames.set(code, name);
  }
  return { code, name };
}

const foldedNamesByLocale = new Map<string, string[]>();

/** Folded names of every code in one display locale, parallel to ISO_639_1; autocomplete runs on every keystroke. */
function foldedNames(locale: string): string[] {
  let names = foldedNamesByLocale.get(locale);
  if (!names) {
    names = ISO_639_1.map((code) => fold(intlName(code, locale) ?? ''));
    // Bounded: display locales come from Discord's short list, but do not trust that blindly.
    if (foldedNamesByLocale.size < 64) foldedNamesByLocale.set(locale, names);
  }
  return names;
}

/**
 * The language meant by a code or a name in any common spelling: "en", "EN", "English",
 * "englisch", "Deutsch", "français", "pt-BR", "deu".
 * @throws UserError('language_unknown', { input, suggestions }) listing close English names.
 */
export function resolveLanguage(input: string): Language {
  const trimmed = capReference(input).trim();
  const code = trimmed.length > 0 ? findCode(trimmed) : undefined;
  if (code) return toLanguage(code);
  const suggestions = suggestLanguages(trimmed).map((language) => language.name);
  throw new UserError('language_unknown', { input: trimmed.slice(0, 100), suggestions });
}

function findCode(input: string): string | undefined {
  const fromTag = codeOfTag(input);
  if (fromTag) return fromTag;
  const { byName } = languageTable();
  const key = fold(input);
  const direct = byName.get(key);
  if (direct) return direct;
  // "English (UK)", "German, please": the part before the qualifier.
  const head = input.split(/[(,;/]/)[0];
  if (head && head !== input) return findCode(head.trim());
  return undefined;
}

/** Up to three languages whose names are a few typos away from, or start with, the input. */
function suggestLanguages(input: string): Language[] {
  const key = fold(input);
  if (key.length === 0) return [];
  const { namesOf } = languageTable();
  // One typo per three letters; "xx" must not come back with every two-letter name.
  const limit = Math.max(1, Math.floor(key.length / 3));
  const scored: { code: string; score: number }[] = [];
  for (const [code, names] of namesOf) {
    let best = Number.POSITIVE_INFINITY;
    for (const name of names) {
      if (key.length >= 3 && name.startsWith(key)) best = Math.min(best, 0.5);
      // The length difference alone already exceeds the limit: skip the quadratic part.
      else if (Math.abs(name.length - key.length) <= limit) best = Math.min(best, editDistance(key, name));
    }
    if (best <= limit) scored.push({ code, score: best });
  }
  // Only the closest matches: one clear suggestion beats three vague ones.
  const closest = Math.min(...scored.map((entry) => entry.score));
  return scored
    .filter((entry) => entry.score === closest)
    .sort((a, b) => a.score - b.score || popularity(a.code) - popularity(b.code) || a.code.localeCompare(b.code))
    .slice(0, 3)
    .map(({ code }) => toLanguage(code));
}

/** "simplified chinese" has a word starting with "chin"; substrings would match Vietnamese "tieng …" for "eng". */
function hasWordStartingWith(name: string, key: string): boolean {
  return name.split(' ').some((word) => word.startsWith(key));
}

function popularity(code: string): number {
  const rank = POPULAR.indexOf(code);
  return rank === -1 ? POPULAR.length : rank;
}

/**
 * The name of a language in a display locale ("de" in "fr" → "Allemand"), first letter upper
 * case since it is used as a label. Unknown codes come back unchanged.
 */
export function languageName(code: string, displayLocale = 'en'): string {
  return namedInLocale(JSON.stringify([code, displayLocale]));
}

/** Every answer and prompt names its language; the same few names are asked for over and over. */
const namedInLocale = memoize((pair) => {
  const [code, displayLocale] = JSON.parse(pair) as [string, string];
  return nameIn(code, displayLocale);
});

function nameIn(code: string, displayLocale: string): string {
  const name = intlName(code, displayLocale) ?? intlName(code, 'en');
  if (!name) return code;
  const locale = displayNames(displayLocale).resolvedOptions().locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** The language of a Discord (or any BCP 47) locale: "de" → German, "en-US" → English, "pt-BR" → Portuguese. */
export function languageFromLocale(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const code = codeOfTag(locale.trim());
  return code ? toLanguage(code) : undefined;
}

/**
 * Languages for autocomplete. Matches codes, then names (in the display locale, in English, and
 * in every other known spelling) that start with the query, then names with a word starting with it. An empty
 * query lists the display locale's language and the most used ones.
 */
export function searchLanguages(query: string, displayLocale = 'en', limit = 25): Language[] {
  const max = Math.max(0, Math.min(limit, ISO_639_1.length));
  const key = fold(capReference(query));
  if (key.length === 0) {
    const own = languageFromLocale(displayLocale)?.code;
    const codes = [...new Set([...(own ? [own] : []), ...POPULAR])];
    return codes.slice(0, max).map(toLanguage);
  }
  const { namesOf } = languageTable();
  const localNames = foldedNames(displayLocale);
  const englishNames = foldedNames('en');
  const scored: { code: string; score: number }[] = [];
  for (const [index, code] of ISO_639_1.entries()) {
    const local = localNames[index]!;
    const english = englishNames[index]!;
    const others = namesOf.get(code) ?? [];
    let score: number | undefined;
    if (code === key) score = 0;
    else if (local.startsWith(key) || english.startsWith(key)) score = 1;
    else if (others.some((name) => name.startsWith(key))) score = 2;
    else if ([local, english].some((name) => hasWordStartingWith(name, key))) score = 3;
    else if (key.length >= 3 && others.some((name) => hasWordStartingWith(name, key))) score = 4;
    if (score !== undefined) scored.push({ code, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || popularity(a.code) - popularity(b.code) || a.code.localeCompare(b.code))
    .slice(0, max)
    .map(({ code }) => toLanguage(code));
}
