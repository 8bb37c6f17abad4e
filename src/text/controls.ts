/**
 * Invisible control characters: removed wherever outside text enters Herald (article files,
 * message text, DMs), so every answer is verbatim to text a reader can actually see.
 */

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
 * U+061C, U+200E, U+200F reorder what a reader sees ("Trojan Source"); C0 and C1 controls (DEL
 * included) ring bells, move terminal cursors or hide text. None of them is ever news.
 */
export function isInvisibleControl(code: number): boolean {
  return (
    (code <= 0x1f && code !== 0x09 && code !== 0x0a) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const VERTICAL_TAB = 0x0b;
const FORM_FEED = 0x0c;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;

/** The text with line breaks as "\n", vertical tabs and form feeds as spaces, and invisible controls removed. */
export function removeControls(text: string): string {
  let out = '';
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isInvisibleControl(code)) continue;
    out += text.slice(kept, i);
    kept = i + 1;
    // A carriage return is a line break ("\r\n" counts once); vertical tab and form feed separate
    // words, and dropping them would glue two words together.
    if (code === CARRIAGE_RETURN) out += text.charCodeAt(i + 1) === LINE_FEED ? '' : '\n';
    else if (code === VERTICAL_TAB || code === FORM_FEED) out += ' ';
  }
  return kept === 0 ? text : out + text.slice(kept);
}
