/** Fixtures for the article store tests: temp folders, article texts and a logger that records. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../../src/log.js';

/** The real seed folder of the repository. */
export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
/** Id of the one seed article (Ford and Xiaomi, in German). */
export const SEED_ID = '000_c6212945af6057c2';

/** A fresh temporary folder, and a function that removes it. */
export async function aTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-articles-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

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

/** An article file's text: headline line, then one line per paragraph. */
export function anArticleText(headline: string, paragraphs: readonly string[] = ENGLISH_BODY): string {
  return `${headline}\n${paragraphs.join('\n')}\n`;
}

/** Writes an article file into dir. */
export async function writeArticle(dir: string, fileName: string, headline: string, paragraphs?: readonly string[]): Promise<string> {
  const path = join(dir, fileName);
  await writeFile(path, anArticleText(headline, paragraphs));
  return path;
}

/** One parsed log line. */
export interface LogLine {
  level: number;
  msg: string;
  file?: string;
  reason?: string;
  [key: string]: unknown;
}

/** A real pino logger whose lines are kept for assertions. */
export function aRecordingLogger(): { logger: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const destination = {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
    },
  };
  const logger = createLogger({ level: 'debug', pretty: false, destination });
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 40) };
}
