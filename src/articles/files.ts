/**
 * The file-system side of the store: which entries of the articles folder may be read, and reading
 * them without ever leaving the folder (symbolic links are followed only to files inside it).
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/** Why an entry of the articles folder is not an article. */
export type SkipReason =
  | 'empty'
  | 'binary'
  | 'too_large'
  | 'unreadable'
  | 'outside_dir'
  | 'not_a_file'
  | 'bad_name'
  | 'duplicate_id';

/** A readable regular file of the folder, identified well enough to notice any change. */
export interface FileFacts {
  name: string;
  /** Path to open: the entry itself, or where its symbolic link points (inside the folder). */
  path: string;
  size: number;
  mtimeMs: number;
  /** Changes whenever the file (or the link's target) changes: inode, size, times, target. */
  signature: string;
}

/** What an entry turned out to be before reading it. */
export type EntryCheck =
  | { kind: 'file'; facts: FileFacts }
  | { kind: 'skip'; reason: SkipReason; detail: string; signature: string }
  | { kind: 'gone' };

/** Bytes read from a file, or why not. */
export type ReadResult =
  | { ok: true; bytes: Buffer; facts: FileFacts }
  | { ok: false; reason: SkipReason; detail: string }
  | { ok: false; reason: 'gone' };

// O_NOFOLLOW closes the gap between checking an entry and opening it (a swap for a symlink);
// O_NONBLOCK keeps a FIFO named like an article from hanging the scan.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Dotfiles, editor backups and partial downloads are never articles, nor worth a warning. */
export function isCandidateName(name: string): boolean {
  if (name.startsWith('.') || name.endsWith('~') || name.startsWith('#')) return false;
  return !/\.(?:swp|swx|tmp|temp|part|crdownload|partial)$/i.test(name);
}

/** The article id of a file name: the name without its last extension. */
export function idOfFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Whether a string can be an article id at all: a plain file name stem, so no path separators, no
 * "." or "..", no control characters. Anything else is refused before any lookup.
 */
export function isSafeId(id: string): boolean {
  if (id.length === 0 || id.length > 255) return false;
  if (id === '.' || id === '..' || id.startsWith('.')) return false;
  return !/[/\\\p{Cc}]/u.test(id);
}

/** Whether `target` lies inside `dir` (both real paths). */
export function isInside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel.length > 0 && !rel.startsWith('..') && !isAbsolute(rel);
}

function signatureOf(stats: Stats, target = ''): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${target}`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}

/** Looks at one entry of the (real) folder without reading it. */
export async function checkEntry(realDir: string, name: string, maxBytes: number): Promise<EntryCheck> {
  const entryPath = join(realDir, name);
  let target = entryPath;
  let stats: Stats;
  try {
    const link = await lstat(entryPath);
    if (link.isSymbolicLink()) {
      try {
        target = await realpath(entryPath);
      } catch (error) {
        return { kind: 'skip', reason: 'unreadable', detail: `broken symbolic link (${errorCode(error)})`, signature: signatureOf(link) };
      }
      if (!isInside(realDir, target)) {
        return { kind: 'skip', reason: 'outside_dir', detail: 'symbolic link to a file outside the articles folder', signature: signatureOf(link, target) };
      }
      stats = await stat(target);
    } else {
      stats = link;
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    return { kind: 'skip', reason: 'unreadable', detail: `cannot inspect it (${errorCode(error)})`, signature: `error:${errorCode(error)}` };
  }
  const signature = signatureOf(stats, target === entryPath ? '' : target);
  if (!stats.isFile()) {
    return { kind: 'skip', reason: 'not_a_file', detail: stats.isDirectory() ? 'it is a folder' : 'it is not a regular file', signature };
  }
  if (stats.size === 0) return { kind: 'skip', reason: 'empty', detail: 'the file is empty', signature };
  if (stats.size > maxBytes) {
    return { kind: 'skip', reason: 'too_large', detail: `${stats.size} bytes, over the limit of ${maxBytes}`, signature };
  }
  return { kind: 'file', facts: { name, path: target, size: stats.size, mtimeMs: stats.mtimeMs, signature } };
}

/**
 * Reads a checked file, refusing to follow a link swapped in since the check and never reading
 * more than the size seen at the check (itself at most maxBytes), however much the file grew.
 * A file that changed meanwhile gets a new signature, so the next scan reads it again.
 */
export async function readChecked(facts: FileFacts): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(facts.path, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { ok: false, reason: 'gone' };
    if (code === 'ELOOP') return { ok: false, reason: 'outside_dir', detail: 'it became a symbolic link while being read' };
    return { ok: false, reason: 'unreadable', detail: `cannot open it (${code})` };
  }
  try {
    const buffer = Buffer.allocUnsafe(facts.size);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { ok: true, bytes: buffer.subarray(0, length), facts };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EISDIR') return { ok: false, reason: 'not_a_file', detail: 'it is a folder' };
    return { ok: false, reason: 'unreadable', detail: `cannot read it (${code})` };
  } finally {
    await handle.close();
  }
}
