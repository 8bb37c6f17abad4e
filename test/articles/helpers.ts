/** Fixtures for the article store tests: temp folders, article texts and a logger that records. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { ArticleStore, type ArticleStoreOptions } from '../../src/articles/store.js';
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

/** What {@link aFolderPerTest} gives a test file. */
export interface FolderPerTest {
  /** The running test's temporary folder. */
  readonly dir: string;
  /** Opens a store on `dir` (unless `options.dir` says otherwise); it is closed after the test. */
  open(options?: Partial<ArticleStoreOptions>): Promise<ArticleStore>;
  /** Removes the folder while the test runs (it is removed after the test anyway). */
  remove(): Promise<void>;
}

/**
 * Gives each test of the calling file a fresh temporary folder; after the test, the stores it
 * opened there are closed and the folder is removed.
 */
export function aFolderPerTest(): FolderPerTest {
  let folder: { dir: string; cleanup: () => Promise<void> } | undefined;
  const stores: ArticleStore[] = [];
  beforeEach(async () => {
    folder = await aTempDir();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    await folder?.cleanup();
    folder = undefined;
  });
  const current = () => {
    if (!folder) throw new Error('aFolderPerTest: there is a folder only while a test runs');
    return folder;
  };
  return {
    get dir() {
      return current().dir;
    },
    async open(options = {}) {
      const store = await ArticleStore.open({ dir: current().dir, ...options });
      stores.push(store);
      return store;
    },
    remove: () => current().cleanup(),
  };
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
