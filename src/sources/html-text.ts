/**
 * HTML to plain paragraphs: the only form in which fetched or syndicated text reaches prompts and
 * Discord. Markup, scripts, styles, embeds and link targets are dropped; a link keeps its words.
 */
import { removeControls } from '../text/controls.js';
import { CDATA_SECTION_NODE, ELEMENT_NODE, TEXT_NODE, parseHtmlDocument, tagLimitIndex, type DomNode } from './dom.js';

/** Elements whose contents are never prose a reader sees (or are executable). */
const DROPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'IFRAME', 'FRAME', 'FRAMESET', 'TEMPLATE', 'SVG', 'MATH', 'OBJECT',
  'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'META', 'LINK', 'BASE', 'BUTTON', 'INPUT',
  'SELECT', 'OPTION', 'TEXTAREA', 'IMG', 'PICTURE', 'SOURCE', 'MAP', 'DIALOG',
]);

/** Elements that start and end a paragraph of their own. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'HR', 'HTML', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'TFOOT', 'THEAD', 'TR', 'UL',
]);

/** Cells sit side by side: their words must not run together, but they share a row's paragraph. */
const CELLS = new Set(['TD', 'TH']);

const LINE_BREAK = '\n';

/**
 * The most elements one fragment (a feed item's content) may have; markup beyond is cut off. Long
 * articles have a few thousand; this parses in well under 100 ms whatever the nesting.
 */
export const MAX_FRAGMENT_TAGS = 20_000;

/** Paragraphs of plain text from an HTML fragment or document. */
export function htmlToParagraphs(html: string): string[] {
  if (!html.includes('<') && !html.includes('&')) return textToParagraphs(html);
  const cut = tagLimitIndex(html, MAX_FRAGMENT_TAGS);
  const bounded = cut < 0 ? html : html.slice(0, cut);
  const document = parseHtmlDocument(`<!DOCTYPE html><html><body>${bounded}</body></html>`);
  return document.documentElement === null ? [] : nodeToParagraphs(document.documentElement);
}

/** One line of plain text from HTML (a headline, a byline): paragraphs joined by spaces. */
export function htmlToLine(html: string): string {
  return htmlToParagraphs(html).join(' ');
}

/** Paragraphs of a plain-text body: blank lines separate them, other whitespace collapses. */
export function textToParagraphs(text: string): string[] {
  return removeControls(text)
    .split(/\n[^\S\n]*\n/)
    .map(collapse)
    .filter((paragraph) => paragraph.length > 0);
}

/**
 * Paragraphs of plain text under a DOM node. The walk is iterative: a hostile page nesting
 * elements a hundred thousand deep must not overflow the stack.
 */
export function nodeToParagraphs(root: DomNode): string[] {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = (): void => {
    // Two line breaks in a row (<br><br>) are the paragraph break of HTML written without <p>.
    for (const piece of buffer.split(/\n *\n/)) {
      const paragraph = collapse(removeControls(piece));
      if (paragraph.length > 0) paragraphs.push(paragraph);
    }
    buffer = '';
  };
  const stack: (DomNode | typeof END_OF_BLOCK)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node === END_OF_BLOCK) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      // Source line breaks are layout, not text; only <br> makes a line break.
      buffer += (node.textContent ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const name = node.nodeName.toUpperCase();
    if (DROPPED.has(name)) continue;
    if (name === 'BR') {
      buffer += LINE_BREAK;
      continue;
    }
    if (CELLS.has(name)) buffer += ' ';
    const block = BLOCKS.has(name);
    if (block) {
      flush();
      stack.push(END_OF_BLOCK);
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  flush();
  return paragraphs;
}

const END_OF_BLOCK = Symbol('end of block');

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
