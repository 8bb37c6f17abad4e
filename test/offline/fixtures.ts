import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OfflineDocument } from '../../src/offline/rank.js';

/** A small document; override any field. */
export function aDocument(overrides: Partial<OfflineDocument> = {}): OfflineDocument {
  return {
    headline: 'City council approves new bridge',
    language: 'en',
    paragraphs: [
      'The city council approved a new bridge over the river on Monday. The bridge will cost 40 million dollars.',
      'Mayor Jane Doe said the bridge would cut travel times. "This bridge connects our neighbourhoods," she said.',
      'Construction starts next year. Critics say the money should go to schools instead.',
      'The vote was 7 to 2. Two members abstained from an earlier vote on the budget.',
    ],
    ...overrides,
  };
}

/** The real seed article shipped in seeds/ (German): headline = first line, paragraphs = the other lines. */
export function seedDocument(): OfflineDocument {
  const path = fileURLToPath(new URL('../../seeds/000_c6212945af6057c2.txt', import.meta.url));
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return { headline: lines[0] ?? '', paragraphs: lines.slice(1), language: 'de' };
}

/** Every sentence must appear verbatim in one paragraph. */
export function isVerbatim(doc: OfflineDocument, passage: string): boolean {
  return doc.paragraphs.some((paragraph) => paragraph.includes(passage));
}

/** Position of a verbatim passage in the document's running text. */
export function offsetOf(doc: OfflineDocument, passage: string): number {
  return doc.paragraphs.join('\n').indexOf(passage);
}
