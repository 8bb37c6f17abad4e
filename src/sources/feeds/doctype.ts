/**
 * Removes a feed's DOCTYPE before the XML parser sees it. A DOCTYPE can declare entities that
 * expand exponentially ("billion laughs") or name external files (XXE); no feed needs either, and
 * the HTML entities old RSS 0.91 feeds take from their DTD are decoded later with the content.
 * Removing the declaration makes safety independent of the parser's own entity limits.
 */

export type ProloguedXml = { ok: true; xml: string } | { ok: false };

/** The XML without its DOCTYPE declaration (internal subset included), or not ok if it never ends. */
export function stripDoctype(xml: string): ProloguedXml {
  const start = findDoctype(xml);
  if (start < 0) return { ok: true, xml };
  const end = declarationEnd(xml, start + DOCTYPE.length);
  if (end < 0) return { ok: false };
  return { ok: true, xml: xml.slice(0, start) + xml.slice(end) };
}

const DOCTYPE = '<!DOCTYPE';

/** Where the DOCTYPE starts, looking only in the prolog so that article text about XML stays. */
function findDoctype(xml: string): number {
  let at = 0;
  for (;;) {
    while (at < xml.length && /[\s\uFEFF]/.test(xml.charAt(at))) at++;
    if (xml.startsWith('<?', at)) at = after(xml, '?>', at);
    else if (xml.startsWith('<!--', at)) at = after(xml, '-->', at);
    else return xml.startsWith(DOCTYPE, at) ? at : -1;
    if (at < 0) return -1;
  }
}

function after(xml: string, terminator: string, from: number): number {
  const found = xml.indexOf(terminator, from);
  return found < 0 ? -1 : found + terminator.length;
}

/**
 * The index just past the declaration's closing ">", skipping quoted strings, comments and the
 * bracketed internal subset; one linear pass, so no input makes it slow.
 */
function declarationEnd(xml: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const char = xml.charAt(i);
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 2;
    } else if (char === '[') {
      depth++;
    } else if (char === ']') {
      depth--;
    } else if (char === '>' && depth <= 0) {
      return i + 1;
    }
  }
  return -1;
}
