import { statSync } from 'node:fs';

/** Which kind of operation asks: writes are checked every time, reads may reuse a recent answer. */
export type StoreAccess = 'read' | 'write';

/**
 * The SQLite file at STORE_URL is not the one Herald has open any more (deleted, or another file
 * moved over it). SQLite keeps working on the open, unlinked file, so without this every write
 * would "succeed" and vanish at the next restart.
 */
export class SqliteFileChangedError extends Error {
  override name = 'SqliteFileChangedError';
  constructor(
    readonly code: 'STORE_FILE_DELETED' | 'STORE_FILE_REPLACED',
    readonly file: string,
  ) {
    super(
      code === 'STORE_FILE_DELETED'
        ? `the SQLite file ${file} was deleted while Herald has it open; writes are refused because they would be lost at the next restart`
        : `the SQLite file ${file} was replaced by another file while Herald has the old one open; writes are refused because they would be lost at the next restart`,
    );
  }
}

/** How long a read may rely on the previous check; a write always looks again. */
const READ_RECHECK_MS = 1_000;

/**
 * The identity (device + inode) of the SQLite file as it was when the store opened it, and the
 * check that the path still names that file. Shared by every namespace opened on the same file:
 * a namespace opened after the file was deleted would otherwise create a fresh file, pass its own
 * check and make /healthz report a healthy store.
 */
export class SqliteFileIdentity {
  #opened: { dev: number; ino: number } | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #lastProblem: SqliteFileChangedError | undefined;

  constructor(
    readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the file's identity the first time the store has it open; later calls change nothing. */
  recordOpened(): void {
    if (this.#opened) return;
    const stats = statOrNothing(this.file);
    if (stats) this.#opened = { dev: stats.dev, ino: stats.ino };
  }

  /** Undefined while the path names the opened file (or nothing was recorded yet), else why not. */
  check(access: StoreAccess): SqliteFileChangedError | undefined {
    const opened = this.#opened;
    if (!opened) return undefined;
    const at = this.now();
    if (access === 'read' && at - this.#checkedAt < READ_RECHECK_MS) return this.#lastProblem;
    const stats = statOrNothing(this.file);
    this.#checkedAt = at;
    this.#lastProblem = !stats
      ? new SqliteFileChangedError('STORE_FILE_DELETED', this.file)
      : stats.dev !== opened.dev || stats.ino !== opened.ino
        ? new SqliteFileChangedError('STORE_FILE_REPLACED', this.file)
        : undefined;
    return this.#lastProblem;
  }
}

/** The file's stats, or undefined when the path names nothing (its folder gone or now a file, too). */
function statOrNothing(file: string): { dev: number; ino: number } | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
