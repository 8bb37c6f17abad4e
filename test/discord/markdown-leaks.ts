/**
 * A small reader of Discord's markdown, written apart from src/ so tests can check what Herald posts
 * without trusting Herald's own escaping: it finds the markup Discord would render in a text.
 *
 * Like Discord (simple-markdown's escape rule), a backslash before any character that is not a
 * letter, digit or whitespace makes that character literal.
 */

/** A kind of markup Discord would render. */
export type Leak =
  | 'masked link'
  | 'autolink'
  | 'angle bracket'
  | 'code'
  | 'spoiler'
  | 'emphasis'
  | 'heading'
  | 'block quote'
  | 'list';

const ESCAPE = /\\([^0-9A-Za-z\s])/gu;

/** The text with every escaped character replaced by "x": what is left is what markup can use. */
function activeView(text: string): string {
  return text.replace(ESCAPE, 'x');
}

/** Markup that only needs its characters somewhere in the text. */
const INLINE: readonly [Leak, RegExp][] = [
  ['masked link', /\[[^\]]*\]\s*\(/u],
  ['autolink', /[a-z][\w+.-]*:\/\//iu],
  ['angle bracket', /</u],
  ['code', /`/u],
  ['spoiler', /\|\|/u],
  ['emphasis', /[*_]|~~/u],
];

/** Markup at the start of a line (after spaces). */
const LINE_START: readonly [Leak, RegExp][] = [
  ['heading', /^[^\S\n]*(?:-#|#{1,3})[^\S\n]/mu],
  ['block quote', /^[^\S\n]*>/mu],
  ['list', /^[^\S\n]*(?:[-*+]|\d+\.)\s/mu],
];

/** Every kind of markup Discord would render in `text` (an empty list: it shows as plain text). */
export function markdownLeaks(text: string): Leak[] {
  const view = activeView(text);
  return [...INLINE, ...LINE_START].filter(([, pattern]) => pattern.test(view)).map(([leak]) => leak);
}

/** What Discord shows for `text`: escapes removed, the escaped characters kept. */
export function unescapeMarkdown(text: string): string {
  return text.replace(ESCAPE, '$1');
}

/** Hostile article and model text, as tests feed it to Herald. */
export const HOSTILE = {
  maskedLink: 'Residents can [claim a free pass here](https://evil.example/login) before Friday.',
  fence: 'The code was ```rm -rf / and everything after it is swallowed.',
  spoiler: 'The winner is ||nobody you know|| said the host.',
  heading: '# BREAKING: the city is closed',
  blockQuote: '> an official statement that was never made',
  list: '- first point\n1. second point',
  mention: '@everyone look at <@123456789012345678> and <t:0:R>.',
  bareLink: 'More at https://evil.example/more today.',
} as const;
