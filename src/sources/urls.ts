/**
 * An absolute http(s) URL for a reference as a feed or page writes it, resolved against a base; other
 * schemes (javascript:, data:, file:) are never links Herald shows or fetches.
 */
export function absoluteUrl(reference: string, base: string | undefined): string | undefined {
  if (reference === '') return undefined;
  try {
    const url = base === undefined ? new URL(reference) : new URL(reference, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
