import { Transform, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';

/** What Herald sends as Accept-Encoding; the decoders below handle exactly these. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

// A body cut short still yields what arrived, as browsers show a truncated page.
const lenient = { finishFlush: constants.Z_SYNC_FLUSH };

/**
 * The decoders that undo a Content-Encoding header, in the order to apply them (the header lists
 * them in the order they were applied). Undefined for an encoding Herald did not offer.
 */
export function decoders(contentEncoding: string | undefined): Transform[] | undefined {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  const chain: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') chain.push(createGunzip(lenient));
    else if (coding === 'deflate') chain.push(new EitherInflate());
    else if (coding === 'br') chain.push(createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH }));
    else return undefined;
  }
  return chain;
}

/**
 * "deflate" is meant to be zlib-wrapped (RFC 1950), but some servers send raw deflate (RFC 1951);
 * the first two bytes tell which, so the right inflater is picked when they arrive.
 */
class EitherInflate extends Transform {
  #inner: Inflate | InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.#inner) {
      const inner = looksZlibWrapped(chunk) ? createInflate(lenient) : createInflateRaw(lenient);
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error) => this.destroy(error));
      this.#inner = inner;
    }
    this.#inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.#inner) return done();
    this.#inner.once('end', () => done());
    this.#inner.end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.#inner?.destroy();
    done(error);
  }
}

function looksZlibWrapped(chunk: Buffer): boolean {
  const [cmf, flg] = chunk;
  if (cmf === undefined || (cmf & 0x0f) !== 8 || cmf >> 4 > 7) return false;
  return flg === undefined || (cmf * 256 + flg) % 31 === 0;
}
