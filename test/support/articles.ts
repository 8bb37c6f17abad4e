/** Article files for tests, in the layout of Herald's seed files. */
import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The repository's own seeds folder. */
export const REPO_SEEDS = path.resolve(import.meta.dirname, '../../seeds');
/** Id of the one repository seed article (Ford and Xiaomi, in German). */
export const REPO_SEED_ID = '000_c6212945af6057c2';

export const ENGLISH_BODY = [
  'The city council approved the new budget on Tuesday after a long debate about public transport and housing.',
  'Officials said the plan would add more buses to the busiest routes and repair several bridges before winter.',
  'Critics argued that the spending was too high, while supporters said the investment was overdue and necessary.',
];

export const GERMAN_BODY = [
  'Der Stadtrat hat am Dienstag nach einer langen Debatte über den Nahverkehr und den Wohnungsbau den neuen Haushalt beschlossen.',
  'Nach Angaben der Verwaltung sollen auf den stärksten Linien mehr Busse fahren und vor dem Winter mehrere Brücken saniert werden.',
  'Kritiker hielten die Ausgaben für zu hoch, während die Befürworter die Investitionen für überfällig und notwendig erklärten.',
];

/**
 * An article file's text: headline, blank line, paragraphs separated by blank lines. Blank lines
 * keep short paragraphs apart (without them, short lines read as one hard-wrapped paragraph).
 */
export function anArticleText(headline: string, paragraphs: readonly string[] = ENGLISH_BODY): string {
  return [headline, '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n');
}

/** Writes an article file into `dir` and returns its path; `mtimeMs` orders articles (newest first). */
export async function writeArticle(dir: string, fileName: string, headline: string, paragraphs?: readonly string[], mtimeMs?: number): Promise<string> {
  const file = path.join(dir, fileName);
  await writeFile(file, anArticleText(headline, paragraphs));
  if (mtimeMs !== undefined) await utimes(file, mtimeMs / 1000, mtimeMs / 1000);
  return file;
}
