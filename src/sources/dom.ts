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
  getElementsByTagName(name: string): ArrayLike<DomElement>;
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
