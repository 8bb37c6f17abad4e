/**
 * What a user typed to name an article, a language or a time zone, cut to a length worth
 * searching. Fuzzy matching costs grow with the square of the length: a 100,000-character
 * reference made the search index allocate 10 GB. Discord's own option limit is the cap.
 */

/** Discord's `max_length` for the article option; no article id, headline or language name is longer. */
export const MAX_REFERENCE_CHARS = 200;

/** `ref` cut to {@link MAX_REFERENCE_CHARS}, never in the middle of a surrogate pair. */
export function capReference(ref: string): string {
  if (ref.length <= MAX_REFERENCE_CHARS) return ref;
  const cut = ref.slice(0, MAX_REFERENCE_CHARS);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
