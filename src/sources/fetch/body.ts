import type { IncomingMessage } from 'node:http';
import { addAbortSignal, type Readable } from 'node:stream';
import { decoders } from './decompress.js';

export type BodyOutcome = { kind: 'body'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'unsupported_encoding' };

/**
 * The response body, decompressed, as long as it stays within `maxBytes` after decompression. The
 * count runs on decompressed bytes, so a small gzip bomb ends as soon as it passes the cap, and the
 * connection is dropped rather than drained. Network and decompression errors, and `signal`, reject.
 */
export async function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<BodyOutcome> {
  const chain = decoders(res.headers['content-encoding']);
  if (!chain) {
    res.destroy();
    return { kind: 'unsupported_encoding' };
  }
  if (chain.length === 0 && Number(res.headers['content-length']) > maxBytes) {
    res.destroy();
    return { kind: 'too_large' };
  }
  let stream: Readable = res;
  for (const decoder of chain) {
    stream.on('error', (error) => decoder.destroy(error));
    stream = stream.pipe(decoder);
  }
  addAbortSignal(signal, stream);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) return { kind: 'too_large' };
      chunks.push(chunk);
    }
  } finally {
    // Leaving early (cap, error, abort) closes the connection instead of reading the rest.
    res.destroy();
    for (const decoder of chain) decoder.destroy();
  }
  return { kind: 'body', bytes: Buffer.concat(chunks, total) };
}
