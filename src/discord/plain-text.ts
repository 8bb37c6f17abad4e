/**
 * Text from articles and models is data: in a Discord message it must show as written, never as
 * markup someone else chose (a masked phishing link, a code fence that swallows the rest, a spoiler,
 * a heading, a fake block quote, a clickable URL, a mention or timestamp).
 */

/**
 * Characters Discord reads as markup wherever they stand. The backslash comes first in meaning:
 * escaping it too is what makes the escapes unambiguous (unescaping gives back the input exactly).
 */
const MARKUP = /[\\*_~|`[<>#]/gu;

/**
 * A list marker ("- ", "+ ") and the dot of a numbered one ("1. "). Escaped wherever a space
 * follows, not only at a line's start: splitting a long text into embeds can start a new embed
 * right at one of them.
 */
const BULLET = /[-+](?=\s)/gu;
const NUMBER_DOT = /(?<=\d)\.(?=\s)/gu;

/** The colon of "scheme://": without it Discord sees no URL, so article text links nowhere. */
const AUTOLINK_COLON = /:(?=\/\/)/gu;

/**
 * `text` escaped so that Discord shows it exactly as written, as plain text. Every escape is a
 * backslash before a punctuation character, which Discord drops when it renders.
 *
 * Escape before splitting into messages; the splitter (split.ts) never cuts inside an escape.
 */
export function asPlainText(text: string): string {
  return text
    .replace(MARKUP, '\\$&')
    .replace(BULLET, '\\$&')
    .replace(NUMBER_DOT, '\\.')
    .replace(AUTOLINK_COLON, '\\:');
}

/** Discord's (simple-markdown's) escape: a backslash before anything but a letter, digit or space. */
const ESCAPE = /\\([^0-9A-Za-z\s])/gu;

/** Escaped text as Discord shows it (the escaping backslashes dropped): for a terminal that previews a post. */
export function asShownByDiscord(text: string): string {
  return text.replace(ESCAPE, '$1');
}
