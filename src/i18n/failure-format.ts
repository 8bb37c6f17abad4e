import type { PermissionName, UserErrorCode, UserErrorParams } from '../error-codes.js';

/**
 * How the values inside a failure's text are shown where it is read: Discord (markup escaped,
 * articles with headlines, timestamps every client localizes) or plain text (console, logs).
 * The catalogs hold the words; a format only shapes the values.
 */
export interface FailureFormat {
  readonly surface: 'discord' | 'plain';
  /** What the user typed, echoed back as typed (shortened; escaped where markup would apply). */
  readonly echo: (text: string) => string;
  /** "a, b, or c" in the reader's language. */
  readonly or: (items: readonly string[]) => string;
  /** "a, b, and c" in the reader's language. */
  readonly and: (items: readonly string[]) => string;
  /** The plural category of `count` in the reader's language. */
  readonly plural: (count: number) => Intl.LDMLPluralRule;
  /** The first few of a list of suggestions: more is noise. */
  readonly few: <T>(items: readonly T[]) => readonly T[];
  /** A language by code, named in the reader's language. */
  readonly language: (code: string) => string;
  /** A language by its English name ("French"), named in the reader's language. */
  readonly languageNamed: (englishName: string) => string;
  /** A permission as Discord names it in the reader's language. */
  readonly permission: (name: PermissionName) => string;
  /** Article ids to pick from, with headlines where known; starts with its own separator. */
  readonly articles: (ids: readonly string[]) => string;
  /** A channel reference. */
  readonly channel: (id: string) => string;
  /** When an ISO time is, relative where the surface can show it; undefined for a bad time. */
  readonly when: (iso: string) => string | undefined;
}

/** Each code's text as a function of its params, plus the apology for an unexpected error. */
export type FailureTexts = { readonly [C in UserErrorCode]: (params: UserErrorParams[C], f: FailureFormat) => string } & {
  readonly unexpected: (params: { id: string }, f: FailureFormat) => string;
};
