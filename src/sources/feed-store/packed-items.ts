/**
 * A feed's items as the store keeps them: gzipped JSON. News text compresses about threefold,
 * which is what a memory:// or Redis store holds and what SQLite writes on every poll that found
 * news; compressing runs on libuv's thread pool, not the event loop.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { StoredItem } from './types.js';

const zip = promisify(gzip);
const unzip = promisify(gunzip);

/** The stored form; a plain StoredItem[] is what Herald wrote before, and is still read. */
export interface PackedItems {
  gzip: string;
}

export async function packItems(items: readonly StoredItem[]): Promise<PackedItems> {
  const packed = await zip(Buffer.from(JSON.stringify(items), 'utf8'));
  return { gzip: packed.toString('base64') };
}

/** The items of a stored value, or undefined when it is neither packed items nor an item list. */
export async function unpackItems(value: unknown): Promise<StoredItem[] | undefined> {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value as StoredItem[];
  if (typeof value !== 'object' || typeof (value as Partial<PackedItems>).gzip !== 'string') return undefined;
  try {
    const json = (await unzip(Buffer.from((value as PackedItems).gzip, 'base64'))).toString('utf8');
    const items: unknown = JSON.parse(json);
    return Array.isArray(items) ? (items as StoredItem[]) : undefined;
  } catch {
    return undefined;
  }
}
