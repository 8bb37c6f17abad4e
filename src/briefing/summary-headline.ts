/**
 * A summary in another language than its article's comes back with the headline translated in the
 * same call, as `<headline>…</headline>` before the summary (summaryPrompt's `translateHeadline`).
 * Tags survive streaming and need no escaping, unlike JSON; models that move, re-case or forget
 * them are handled here, and a forgotten headline is the caller's to translate another way.
 */

/** Longer than this it is not a headline but a summary the model put inside the tags. */
const MAX_HEADLINE_CHARS = 300;

const OPEN = /<\s*headline\s*>/i;
const BLOCK = /<\s*headline\s*>([\s\S]*?)<\s*\/\s*headline\s*>/i;

/** The model's answer split into the translated headline (when usable) and the summary text. */
export function parseHeadedSummary(text: string): { headline?: string; body: string } {
  const block = BLOCK.exec(text);
  if (block) {
    const rest = `${text.slice(0, block.index)}\n\n${text.slice(block.index + block[0].length)}`.trim();
    const inner = block[1] ?? '';
    const headline = oneLine(inner);
    if (!headline) return { body: rest };
    if (headline.length > MAX_HEADLINE_CHARS) return { body: `${inner.trim()}\n\n${rest}`.trim() };
    return { headline, body: rest };
  }
  const open = OPEN.exec(text);
  if (open && text.slice(0, open.index).trim() === '') {
    // Opened and never closed: the headline is the rest of that line.
    const after = text.slice(open.index + open[0].length);
    const lineEnd = after.indexOf('\n');
    const headline = oneLine(lineEnd === -1 ? after : after.slice(0, lineEnd));
    const body = lineEnd === -1 ? '' : after.slice(lineEnd).trim();
    if (headline && headline.length <= MAX_HEADLINE_CHARS) return { headline, body };
    return { body: oneLine(after) === '' ? '' : after.trim() };
  }
  return { body: text.trim() };
}

/**
 * What a streamed answer shows so far: nothing while it may still be opening or writing the
 * headline block (the title is shown only once complete, on the final answer), then the summary.
 */
export function summaryShownSoFar(textSoFar: string): string {
  const start = textSoFar.trimStart();
  if (start === '') return '';
  if (start.startsWith('<')) {
    const block = BLOCK.exec(start);
    if (!block) return '';
    return start.slice(block.index + block[0].length).trimStart();
  }
  return textSoFar;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
