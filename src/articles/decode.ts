/**
 * Turning a file's bytes into article text, or saying why they are not one. Pure: no I/O, so the
 * store's skip rules can be tested on byte arrays.
 */

/** Why a file's bytes are not an article. */
export type UndecodableReason = 'empty' | 'binary';

/** The text of a file, or why it has none. */
export type DecodedText =
  | { ok: true; text: string; /** Encoding the bytes were read as. */ encoding: TextEncodingName }
  | { ok: false; reason: UndecodableReason };

/** Encodings Herald reads article files in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Share of undecodable or control characters above which a file is treated as binary. */
const MAX_NOISE_RATIO = 0.05;

/**
 * Decodes article bytes: UTF-8 (BOM optional), UTF-16 with a BOM, or, for files with no valid
 * multi-byte UTF-8 at all, the Windows-1252 many older German texts still use. A NUL byte, mostly
 * invalid UTF-8 or many control characters mean binary.
 */
export function decodeArticleBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const encoding = sniffEncoding(bytes);
  if (encoding === undefined) return { ok: false, reason: 'binary' };
  const raw = new TextDecoder(encoding).decode(bytes);
  if (noiseRatio(raw) > MAX_NOISE_RATIO) return { ok: false, reason: 'binary' };
  const text = raw.replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim().length === 0) return { ok: false, reason: 'empty' };
  return { ok: true, text, encoding };
}

function sniffEncoding(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // Not valid UTF-8: either legacy 8-bit text or binary; decide below.
  }
  const lossy = new TextDecoder('utf-8').decode(bytes);
  let invalid = 0;
  let validNonAscii = 0;
  for (const char of lossy) {
    if (char === '\uFFFD') invalid++;
    else if (char.charCodeAt(0) > 0x7f) validNonAscii++;
  }
  // Valid multi-byte sequences mean UTF-8 with a few damaged bytes: keep it UTF-8 (lossy) unless
  // the damage is heavy. No valid ones at all means an 8-bit code page.
  if (validNonAscii > 0) return invalid / lossy.length > MAX_NOISE_RATIO ? undefined : 'utf-8';
  return invalid / lossy.length > MAX_NOISE_RATIO * 4 ? undefined : 'windows-1252';
}

/** Share of characters that never occur in prose: C0/C1 controls (but tab, newlines, form feed), U+FFFD, lone surrogates. */
function noiseRatio(text: string): number {
  if (text.length === 0) return 0;
  let noise = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) noise++;
    } else if ((code >= 0x7f && code <= 0x9f) || code === 0xfffd) {
      noise++;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else noise++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      noise++;
    }
  }
  return noise / text.length;
}
