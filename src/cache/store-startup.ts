import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createKeyv, parseStoreUrl, probeStore } from './keyv.js';
import { sqliteStartupProblem } from './sqlite-startup.js';

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Decides once, before Herald opens its stores, whether the SQLite file STORE_URL names can be
 * used; returns the problem and its fix in one line (a full disk or read-only file as
 * sqlite-startup.ts words it), or undefined when it can (or the store is not
 * SQLite: Redis may come later and is handled as an outage). The probe reports to a silent logger,
 * so a store that fails here is not also announced as "answering without the cache".
 */
export async function sqliteProblemAtStartup(storeUrl: string): Promise<string | undefined> {
  const location = parseStoreUrl(storeUrl);
  if (location.kind !== 'sqlite') return undefined;
  const { file } = location;
  if (file !== ':memory:' && !hasSqliteHeader(file)) return notADatabase(file, '');
  const probe = createKeyv(storeUrl, { namespace: 'startup', logger: pino({ level: 'silent' }) });
  try {
    const result = await probeStore(probe);
    if (result === true) return undefined;
    if (/SQLITE_CORRUPT/.test(result)) return notADatabase(file, ' (it is damaged)');
    if (/SQLITE_NOTADB/.test(result)) return notADatabase(file, '');
    return sqliteStartupProblem(storeUrl, file, result);
  } finally {
    await probe.disconnect();
  }
}

/**
 * False only for a file with bytes that are not SQLite's header. A missing or empty file is a new
 * store, and a file that cannot be read is left to the probe, which names that problem.
 */
function hasSqliteHeader(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === 0 || head.equals(SQLITE_HEADER);
  } catch {
    return true;
  } finally {
    closeSync(fd);
  }
}

/**
 * Points at a new file rather than advising to move or delete this one: a -wal beside it may hold
 * writes not yet merged, and the host may want to restore it from a backup.
 */
function notADatabase(file: string, detail: string): string {
  return (
    `${file} is not a SQLite database${detail}, so STORE_URL cannot use it. Herald has left it untouched. ` +
    `If STORE_URL names the wrong file, correct it; to start now with an empty store and keep this file for a restore, ` +
    `set STORE_URL=sqlite://${freshName(file)}`
  );
}

/** A file name beside `file` that does not exist yet. */
function freshName(file: string): string {
  const { dir, name, ext } = path.parse(file);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, `${name}-new${n === 1 ? '' : `-${n}`}${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}
