/** Feed fields to plain text, by how the format says the field is written. */
import { htmlToLine, htmlToParagraphs, textToParagraphs } from '../html-text.js';
import { decodeXmlText } from './fields.js';

/**
 * A one-line field written as plain text that may still carry HTML entities ("Caf&eacute;"):
 * entities are decoded, a literal "<" stays text.
 */
export function plainLine(text: string): string {
  return htmlToLine(text.replace(/</g, '&lt;'));
}

/** An Atom text construct (title, summary, content) as paragraphs, by its type attribute. */
export function atomParagraphs(raw: string, type: string): string[] {
  const kind = type.toLowerCase();
  if (kind === 'xhtml' || kind.endsWith('+xml')) return htmlToParagraphs(raw);
  if (kind === 'html' || kind === 'text/html') return htmlToParagraphs(decodeXmlText(raw));
  return textToParagraphs(decodeXmlText(raw));
}
