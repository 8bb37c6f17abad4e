import { statfsSync } from 'node:fs';
import path from 'node:path';

/** Below this much free space SQLite cannot add a WAL frame or a page, whatever error it reports. */
const FULL_BELOW_BYTES = 1024 * 1024;

/**
 * What to tell the operator when the SQLite store failed its start-up probe. A full disk is named
 * as such (SQLite reports it as SQLITE_FULL, or as a plain I/O error once its WAL cannot grow).
 * The advice never includes moving the file: a `-wal` file beside it may hold writes not yet merged
 * into it, and moving one without the other loses them.
 */
export function sqliteStartupProblem(storeUrl: string, file: string, probeReason: string): string {
  if (diskFull(file, probeReason)) {
    return (
      `The disk holding the SQLite store at ${storeUrl} is full (ENOSPC: ${probeReason}). ` +
      'Free some space on it and start Herald again, or set STORE_URL to a path on another disk.'
    );
  }
  return (
    `The SQLite store at ${storeUrl} cannot be read or written (${probeReason}): its file or folder ` +
    'is read-only, or the file is corrupt. Fix the permissions, or set STORE_URL to a new path; keep ' +
    'the file together with its -wal and -shm files, which may hold writes not yet merged into it.'
  );
}

function diskFull(file: string, probeReason: string): boolean {
  if (/SQLITE_FULL|ENOSPC|disk is full/i.test(probeReason)) return true;
  try {
    const disk = statfsSync(path.dirname(file));
    return disk.bavail * disk.bsize < FULL_BELOW_BYTES;
  } catch {
    return false;
  }
}
