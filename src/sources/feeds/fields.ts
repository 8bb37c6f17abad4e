/**
 * Reading the loosely typed values an XML or JSON parser makes of a feed: a field can be a string,
 * a number, an object with attributes and "#text", or an array when an element repeats.
 */
import { languageFromLocale } from '../../languages/index.js';

export { absoluteUrl } from '../urls.js';

export type Raw = Record<string, unknown>;

export function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a list: absent → [], one → [one], many → many. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** The text of a field (its first occurrence when repeated), trimmed; '' when it has none. */
export function textOf(value: unknown): string {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof first === 'string') return first.trim();
  if (typeof first === 'number' || typeof first === 'bigint') return String(first);
  if (isRaw(first)) return textOf(first['#text']);
  return '';
}

/** An attribute of an element parsed with the "@_" prefix; '' when absent. */
export function attributeOf(value: unknown, name: string): string {
  return isRaw(value) ? textOf(value[`@_${name}`]) : '';
}

/** The first non-empty text among the fields, in order of preference. */
export function firstText(raw: Raw, ...fields: string[]): string {
  for (const field of fields) {
    const text = textOf(raw[field]);
    if (text !== '') return text;
  }
  return '';
}

/** A base for relative references: the reference resolved against the outer base, any scheme. */
export function nestedBase(reference: string, base: string): string {
  if (reference === '') return base;
  try {
    return new URL(reference, base).href;
  } catch {
    return base;
  }
}

/** The ISO 639-1 code of a declared language tag ("en-US", "de_DE", "deu"), or undefined for none or nonsense. */
export function languageCode(tag: string): string | undefined {
  return tag === '' ? undefined : languageFromLocale(tag)?.code;
}

/** A date the feed gives, or undefined when it gives none or an unreadable one. */
export function parseDate(text: string): Date | undefined {
  if (text === '') return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** XML's own escapes and character references; other named entities stay for the HTML decoder. */
export function decodeXmlText(raw: string): string {
  // Raw element text (Atom content kept unparsed) mixes CDATA sections, taken verbatim, with
  // escaped text.
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEscapes(part)))
    .join('');
}

const XML_ESCAPES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXmlEscapes(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/gi, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return XML_ESCAPES[name.toLowerCase()] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
