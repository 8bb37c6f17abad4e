import { readFileSync } from 'node:fs';

/** A fixture's text (hand-written feeds and pages under test/sources/fixtures/). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** Whether any string in the value looks like markup. */
export function hasMarkup(value: unknown): boolean {
  return /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i.test(JSON.stringify(value));
}
