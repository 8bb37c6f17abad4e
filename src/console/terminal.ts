/**
 * Text made safe to print on a terminal. Model answers and echoed input may carry escape
 * sequences that clear the screen, set the window title, fake a hyperlink (OSC 8) or hide text;
 * the console strips whole sequences, then every other invisible control.
 */
import { isInvisibleControl } from '../text/controls.js';

const ESC = 0x1b;
const BEL = 0x07;
/** 8-bit forms: CSI, and the string commands DCS, SOS, OSC, PM, APC, ended by ST. */
const CSI_8BIT = 0x9b;
const STRING_8BIT = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
const ST_8BIT = 0x9c;
/** After ESC: "[" opens a CSI; "]", "P", "X", "^", "_" open a string ended by BEL or ST. */
const CSI_7BIT = 0x5b;
const STRING_7BIT = new Set([0x5d, 0x50, 0x58, 0x5e, 0x5f]);

/** `text` without terminal escape sequences and invisible controls; line breaks and tabs stay. */
export function forTerminal(text: string): string {
  let out = '';
  let kept = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!isInvisibleControl(code)) {
      i++;
      continue;
    }
    out += text.slice(kept, i);
    if (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a) out += '\n';
    else if (code === 0x0b || code === 0x0c) out += ' ';
    i = sequenceEnd(text, i);
    kept = i;
  }
  return kept === 0 ? text : out + text.slice(kept);
}

/** Index just past the escape sequence (or lone control) starting at `at`. */
function sequenceEnd(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === CSI_8BIT) return csiEnd(text, at + 1);
  if (STRING_8BIT.has(code)) return stringEnd(text, at + 1);
  if (code !== ESC) return at + 1;
  const next = text.charCodeAt(at + 1);
  if (next === CSI_7BIT) return csiEnd(text, at + 2);
  if (STRING_7BIT.has(next)) return stringEnd(text, at + 2);
  // Other escapes: intermediates (0x20–0x2F), then one final character (0x30–0x7E), as "ESC ( B".
  let i = at + 1;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  const final = text.charCodeAt(i);
  return final >= 0x30 && final <= 0x7e ? i + 1 : at + 1;
}

/** A CSI: parameter and intermediate bytes (0x20–0x3F), then a final byte (0x40–0x7E). */
function csiEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x3f) i++;
  const final = text.charCodeAt(i);
  return final >= 0x40 && final <= 0x7e ? i + 1 : i;
}

/**
 * An OSC/DCS string runs to BEL, ESC "\" or the 8-bit ST. Without a terminator only the opener
 * goes: the rest is shown as text rather than risk swallowing a whole answer.
 */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BEL || code === ST_8BIT) return i + 1;
    if (code === ESC) return text.charCodeAt(i + 1) === 0x5c ? i + 2 : i;
  }
  return from;
}
