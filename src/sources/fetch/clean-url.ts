/**
 * Query parameters that only tell a site where a click came from. Links Herald posts are the
 * article's, not the campaign's, and two links to one article must dedupe to one.
 */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'mc_cid',
  'mc_eid',
  'ref_src',
  'igshid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
]);

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || TRACKING.has(key);
}

/**
 * `url` without tracking parameters and without its fragment. Other parameters are kept exactly as
 * written (order, encoding), since a site may tell pages apart by them. Text that is not a URL comes
 * back unchanged.
 */
export function cleanUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(decodeName(pair.split('=')[0] ?? '')));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.href;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
