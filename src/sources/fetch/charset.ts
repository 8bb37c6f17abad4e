import { decodeWindows1252 } from './windows-1252.js';

/**
 * Turns a fetched body into text. Feeds in the wild are windows-1252 with no header, UTF-16 with a
 * BOM, or say their charset only inside the document, so the clues are tried in the order a browser
 * or XML parser trusts them: a byte order mark (the bytes cannot lie about their own order), the
 * Content-Type charset, the XML declaration, an HTML meta tag, then UTF-8.
 */

/** How far into a document its own charset declaration is looked for. */
const SNIFF_BYTES = 4096;

/** The encoding the body is in, as TextDecoder names it (`utf-8`, `windows-1252`, `utf-16le` ...). */
export function detectEncoding(bytes: Uint8Array, contentType: string | undefined): string {
  const fromBytes = byteOrderMark(bytes) ?? utf16WithoutBom(bytes);
  if (fromBytes) return fromBytes;
  const fromHeader = known(headerCharset(contentType));
  if (fromHeader) return fromHeader;
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
  const declared = known(xmlDeclaration(head)) ?? known(metaCharset(head));
  // A declaration read as ASCII cannot be right about UTF-16: in UTF-16 it would not have been readable.
  if (declared) return declared.startsWith('utf-16') ? 'utf-8' : declared;
  return 'utf-8';
}

/** The body as text; undecodable bytes become U+FFFD rather than failing the fetch. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const encoding = detectEncoding(bytes, contentType);
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** XML 1.0 appendix F: a document starting `<?` in UTF-16 shows it in its first four bytes. */
function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  return undefined;
}

function headerCharset(contentType: string | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s]+))/i)?.slice(1).find((v) => v !== undefined);
}

function xmlDeclaration(head: string): string | undefined {
  return head.match(/^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i)?.[1];
}

function metaCharset(head: string): string | undefined {
  // Covers both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
  return head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1];
}

/** The WHATWG name for `label`, or undefined when TextDecoder does not know it. */
function known(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}
