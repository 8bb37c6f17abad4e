/**
 * The few DOM members Herald reads, typed here because the project compiles without the DOM
 * library: linkedom's documents are cast to these once, where they are made.
 */
import { parseHTML } from 'linkedom';

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/** An HTML document parsed by linkedom (no scripts run, nothing fetched). */
export function parseHtmlDocument(html: string): DomDocument {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  return document;
}

/**
 * Where the text must be cut so that it holds at most `limit` start tags, or -1 when it holds
 * fewer. Parsing cost grows with tags (and worse than linearly with nesting depth: 60,000 nested
 * elements take seconds), so markup is bounded before it reaches the parser.
 */
export function tagLimitIndex(html: string, limit: number): number {
  let tags = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    const next = html.charCodeAt(at + 1);
    // A letter starts an element (a-z, A-Z); "</", "<!" and "< " do not.
    if ((next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a)) {
      tags++;
      if (tags > limit) return at;
    }
    at = html.indexOf('<', at + 1);
  }
  return -1;
}

/** Whether elements nest deeper than `limit` under the root (iterative, stops at the first too deep). */
export function depthExceeds(root: DomNode, limit: number): boolean {
  const stack: { node: DomNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    if (entry.depth > limit) return true;
    const children = entry.node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child !== undefined && child.nodeType === ELEMENT_NODE) stack.push({ node: child, depth: entry.depth + 1 });
    }
  }
  return false;
}

/** Elements without content, and those whose end tag HTML lets authors leave out. */
const NEVER_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rt', 'rp',
]);

/**
 * Whether the markup nests deeper than `limit`, estimated from its tags in one pass before any
 * parsing (linkedom itself slows down badly on tens of thousands of nested elements). Elements that
 * never nest or may stay unclosed are not counted, so real pages are never overestimated.
 */
export function markupDepthExceeds(html: string, limit: number): boolean {
  let depth = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    const closing = html.charCodeAt(at + 1) === 0x2f;
    const name = /^[a-z][a-z0-9-]*/i.exec(html.slice(at + (closing ? 2 : 1), at + 40))?.[0]?.toLowerCase();
    if (name !== undefined && !NEVER_NESTING.has(name)) {
      const end = html.indexOf('>', at);
      const selfClosing = end > 0 && html.charCodeAt(end - 1) === 0x2f;
      if (closing) depth = Math.max(0, depth - 1);
      else if (!selfClosing && ++depth > limit) return true;
    }
    at = html.indexOf('<', at + 1);
  }
  return false;
}
