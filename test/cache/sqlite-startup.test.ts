import { describe, expect, it } from 'vitest';
import { sqliteStartupProblem } from '../../src/cache/sqlite-startup.js';
import { aTempDir } from '../support/temp-dir.js';

describe('what Herald says when its SQLite store fails at start-up', () => {
  it('GIVEN SQLite reports the disk full THEN the message says the disk is full (ENOSPC) and never advises moving the file', () => {
    const text = sqliteStartupProblem('sqlite://data/h.sqlite', '/nowhere/h.sqlite', 'store refused a write (SQLITE_FULL: database or disk is full)');
    expect(text).toMatch(/disk holding the SQLite store at sqlite:\/\/data\/h\.sqlite is full \(ENOSPC/);
    expect(text).not.toMatch(/move|corrupt|read-only/i);
  });

  it('GIVEN another failure on a disk with room THEN it names permissions or corruption, keeps the -wal with the file, and never advises moving it', async () => {
    const temp = await aTempDir();
    try {
      const text = sqliteStartupProblem('sqlite://h.sqlite', `${temp.dir}/h.sqlite`, 'store refused a write (SQLITE_NOTADB: file is not a database)');
      expect(text).toMatch(/cannot be read or written \(store refused a write \(SQLITE_NOTADB/);
      expect(text).toContain('-wal');
      expect(text).not.toMatch(/\bmove\b/i);
    } finally {
      await temp.cleanup();
    }
  });
});
