/**
 * Names, numbers and dates of an article, spelled the same in English and German: what survives
 * translation, so two reports of one event in two languages still share them.
 */
import { foldText } from '../text/fold.js';
import { stopwordsFor } from '../text/stopwords.js';

/** One entity key per kind: `n:` name, `q:` quantity (number with unit or scale), `y:` year, `d:` day of a month. */
export type EntityKey = string;

// A token as written: letters/digits with inner apostrophes, dots, commas or hyphens ("U.S.", "3,5", "Coca-Cola").
const TOKEN = /[$€£]|%|[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.!?:;»«"“”„]\s*$/u;

const SCALES_EN: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, millions: 1e6, m: 1e6, mn: 1e6, billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9, trillion: 1e12 };
// German "Billion" is 10^12: the false friend must not make 3 Billionen equal 3 billion.
const SCALES_DE: Readonly<Record<string, number>> = { tausend: 1e3, million: 1e6, millionen: 1e6, mio: 1e6, milliarde: 1e9, milliarden: 1e9, mrd: 1e9, billion: 1e12, billionen: 1e12 };
const UNITS: Readonly<Record<string, string>> = {
  $: 'usd', usd: 'usd', dollar: 'usd', dollars: 'usd', 'us-dollar': 'usd',
  '€': 'eur', eur: 'eur', euro: 'eur', euros: 'eur',
  '£': 'gbp', gbp: 'gbp', pound: 'gbp', pounds: 'gbp', pfund: 'gbp',
  '%': '%', percent: '%', prozent: '%', 'per cent': '%',
  km: 'km', kilometres: 'km', kilometers: 'km', kilometre: 'km', kilometer: 'km',
  people: 'people', menschen: 'people', dead: 'dead', tote: 'dead', toten: 'dead',
};
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, januar: 1, jan: 1, february: 2, februar: 2, feb: 2, march: 3, marz: 3, mar: 3, april: 4, apr: 4,
  may: 5, mai: 5, june: 6, juni: 6, jun: 6, july: 7, juli: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  october: 10, oktober: 10, oct: 10, okt: 10, november: 11, nov: 11, december: 12, dezember: 12, dec: 12, dez: 12,
};
// A few names that translation does change; everything else (people, firms, most places) keeps its spelling.
const EXONYMS: Readonly<Record<string, string>> = {
  deutschland: 'germany', deutsche: 'germany', deutschen: 'germany', german: 'germany',
  usa: 'us', 'u.s': 'us', 'vereinigten staaten': 'us', amerikanische: 'us', american: 'us',
  frankreich: 'france', french: 'france', franzosische: 'france', russland: 'russia', russian: 'russia', russische: 'russia',
  china: 'china', chinese: 'china', chinesische: 'china', japan: 'japan', japanese: 'japan', japanische: 'japan',
  spanien: 'spain', italien: 'italy', grossbritannien: 'uk', britain: 'uk', british: 'uk', britische: 'uk',
  europaische: 'eu', european: 'eu', eu: 'eu', turkei: 'turkey', griechenland: 'greece', osterreich: 'austria',
  schweiz: 'switzerland', polen: 'poland', agypten: 'egypt', indien: 'india', brasilien: 'brazil', mexiko: 'mexico',
  rumanien: 'romania', ungarn: 'hungary', niederlande: 'netherlands', belgien: 'belgium', norwegen: 'norway',
  schweden: 'sweden', danemark: 'denmark', finnland: 'finland', australien: 'australia', kanada: 'canada',
  sudafrika: 'south africa', sudkorea: 'south korea', nordkorea: 'north korea', syrien: 'syria', irak: 'iraq',
  moskau: 'moscow', munchen: 'munich', koln: 'cologne', wien: 'vienna', rom: 'rome', prag: 'prague', warschau: 'warsaw',
  bukarest: 'bucharest', peking: 'beijing', kairo: 'cairo', bruessel: 'brussels', brussel: 'brussels', lissabon: 'lisbon',
};

/** A folded name as the other language spells it where translation changes it ("rumanien" → "romania"), else itself. */
export function sharedName(folded: string): string {
  return EXONYMS[folded] ?? folded;
}

/** Whether a folded word names a month, in English or German ("march", "marz", "dez"). */
export function isMonthName(folded: string): boolean {
  return MONTHS[folded] !== undefined;
}

const EXONYM_KEYS = new Set(Object.values(EXONYMS).map((name) => `n:${name}`));

interface Token {
  text: string;
  folded: string;
  sentenceStart: boolean;
  /** Directly preceded by ":" (the minutes of a clock time). */
  colonBefore: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  let sentenceStart = true;
  for (const match of text.matchAll(TOKEN)) {
    const gap = text.slice(last, match.index);
    if (tokens.length > 0 && (SENTENCE_END.test(gap) || gap.includes('\n') || /[.!?]$/.test(tokens[tokens.length - 1]!.text))) sentenceStart = true;
    const raw = match[0].replace(/['’]s$/u, '');
    tokens.push({ text: raw, folded: foldText(raw), sentenceStart, colonBefore: gap === ':' });
    sentenceStart = false;
    last = match.index + match[0].length;
  }
  return tokens;
}

/** "3,5" (de) / "3.5" (en) / "1.000" (de) / "1,000" (en) as a number; undefined when not a number. */
function parseNumber(raw: string, german: boolean): number | undefined {
  const first = raw.charCodeAt(0);
  if (first < 48 || first > 57 || !/^\d[\d.,]*$/.test(raw)) return undefined;
  const [thousands, decimal] = german ? ['.', ','] : [',', '.'];
  const grouped = raw.split(thousands).every((group, index) => index === 0 || /^\d{3}(?:[.,]\d+)?$/.test(group));
  let normal = grouped ? raw.split(thousands).join('') : raw;
  normal = normal.replace(decimal, '.');
  const value = Number(normal);
  return Number.isFinite(value) ? value : undefined;
}

function roundKey(value: number): string {
  // 44.6 billion and 44,600 million are one amount; three significant digits absorb rounding in translation.
  return Number(value.toPrecision(3)).toString();
}

/** "siemens-chef" counts as itself and as "siemens"; a few names change in translation (EXONYMS). */
function nameKeys(folded: string): EntityKey[] {
  const key = folded.replace(/\.$/, '');
  const keys = [`n:${EXONYMS[key] ?? key}`];
  if (key.includes('-')) for (const part of key.split('-')) if (part.length >= 3) keys.push(`n:${EXONYMS[part] ?? part}`);
  return keys;
}

function isCapitalized(text: string): boolean {
  // Cheaper than /^\p{Lu}/u on every token: a capital is a letter that lower-casing changes.
  const first = text.charAt(0);
  return first !== first.toLowerCase();
}

/** An article's entities: certain ones, and names seen only at sentence starts (the batch decides those). */
export interface ArticleEntities {
  /** In reading order, repeats kept: they count as salience. */
  keys: EntityKey[];
  /** Capitalized words seen only at a sentence start: names if another article has them mid-sentence. */
  candidates: EntityKey[];
  /**
   * German capitalized words: every noun is capitalized, so "Menschen" or "Passagiere" look like
   * names. They count fully only where an article in another language has them too (a real name
   * survives translation), and weakly otherwise.
   */
  nouns: EntityKey[];
}

/** The entity keys of an article's text. */
export function extractEntities(text: string, language: string): ArticleEntities {
  const german = language.toLowerCase().startsWith('de');
  const scales = german ? SCALES_DE : SCALES_EN;
  const stop = stopwordsFor(language);
  const tokens = tokenize(text);
  const midSentence = new Set(tokens.filter((token) => !token.sentenceStart && isCapitalized(token.text)).map((token) => token.folded));
  const out: EntityKey[] = [];
  const candidates: EntityKey[] = [];
  const nouns: EntityKey[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    const value = parseNumber(token.text, german);
    // Clock times ("03:36", "2:00:35") are split at the colon; their parts are no facts to share.
    if (value !== undefined && (token.colonBefore || next?.colonBefore === true)) continue;
    if (value !== undefined) {
      const month = MONTHS[next?.folded ?? ''] ?? (previous ? MONTHS[previous.folded] : undefined);
      if (month !== undefined && Number.isInteger(value) && value >= 1 && value <= 31) {
        out.push(`d:${month}-${value}`);
        continue;
      }
      if (Number.isInteger(value) && value >= 1900 && value <= 2100 && !/[.,]/.test(token.text)) {
        out.push(`y:${value}`);
        continue;
      }
      let amount = value;
      let unit = '';
      let j = i + 1;
      const scale = scales[tokens[j]?.folded ?? ''];
      if (scale !== undefined) {
        amount *= scale;
        j++;
      }
      if (tokens[j]?.folded === 'us' && UNITS[tokens[j + 1]?.folded ?? ''] === 'usd') j++;
      const after = UNITS[tokens[j]?.folded ?? ''];
      unit = after ?? (previous ? (UNITS[previous.folded] ?? '') : '');
      // The scale and unit words are part of the amount, not names ("Milliarden Euro" is capitalized in German).
      i = after === undefined ? j - 1 : j;
      // Bare small numbers ("3 children", "2 goals") are written as words as often as digits.
      if (unit === '' && scale === undefined && amount < 10) continue;
      out.push(unit ? `q:${roundKey(amount)}${unit}` : `q:${roundKey(amount)}`);
      continue;
    }
    if (!isCapitalized(token.text) || /^\p{N}/u.test(token.text)) continue;
    if (token.folded.length < 2 || stop.has(token.folded)) continue;
    if (MONTHS[token.folded] !== undefined) continue;
    // A capital at a sentence start proves nothing; it counts when the word is capitalized mid-sentence
    // elsewhere in the article ("Siemens has agreed…" … "said Siemens") or is all capitals (an acronym).
    const acronym = token.text.length > 1 && token.text === token.text.toUpperCase();
    const sure = !token.sentenceStart || acronym || midSentence.has(token.folded);
    const keys = nameKeys(token.folded);
    if (!sure) candidates.push(...keys);
    else if (german && !acronym && !EXONYM_KEYS.has(keys[0]!)) nouns.push(...keys);
    else out.push(...keys);
  }
  return { keys: out, candidates, nouns };
}
