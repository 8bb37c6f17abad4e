/**
 * Whether a chat message is "mostly a link": one web address and a few words around it ("worth a
 * read: https://…"). The message menus then work on the linked page rather than on those words;
 * a longer text that merely cites a link is the message itself.
 */

/** http(s) addresses as Discord shows them; `<>` (no preview), `||` (spoiler) and a backtick (code) end one. */
const WEB_ADDRESS = /https?:\/\/[^\s<>|`]+/giu;
/** Words besides the link that still make a message "a link with a remark". */
const MAX_OTHER_WORDS = 15;
/** Punctuation a sentence or markdown puts right after a link, never meant as part of it. */
const TRAILING = /[.,;:!?'"»”’*_~]$/u;

/** The one link a message is mostly made of, or undefined when its text is the message. */
export function linkOfMessage(text: string): string | undefined {
  const links = new Set([...text.matchAll(WEB_ADDRESS)].map((match) => trimLink(match[0])));
  if (links.size !== 1) return undefined;
  const words = text.replace(WEB_ADDRESS, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length <= MAX_OTHER_WORDS ? [...links][0] : undefined;
}

/** A matched address without the punctuation around it; brackets the address opened itself stay ("Ferry_(boat)"). */
function trimLink(raw: string): string {
  let link = raw;
  for (;;) {
    if (TRAILING.test(link)) link = link.slice(0, -1);
    else if (link.endsWith(')') && count(link, ')') > count(link, '(')) link = link.slice(0, -1);
    else if (link.endsWith(']') && count(link, ']') > count(link, '[')) link = link.slice(0, -1);
    else return link;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
