import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type FetcherOptions } from '../../../src/sources/fetch/fetcher.js';
import { aTestServer, closeTestServers, streamBytes } from './helpers.js';

const USER_AGENT = 'Herald/0.1 (+https://github.com/herald-bot/herald; news bot)';

function aFetcher(options: Partial<FetcherOptions> = {}): ReturnType<typeof createFetcher> {
  return createFetcher({ allowPrivateNetworks: true, userAgent: USER_AGENT, timeoutMs: 5_000, maxBytes: 1024 * 1024, ...options });
}

afterEach(closeTestServers);

describe('fetcher: a plain fetch', () => {
  it('GIVEN a feed THEN the body, final URL, status, type and validators come back', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: 'W/"v1"', 'last-modified': 'Sat, 01 Mar 2025 10:00:00 GMT' });
      res.end('<rss>Grüße</rss>');
    });
    const result = await aFetcher().fetch(server.url('/feed.xml'));
    expect(result).toEqual({
      kind: 'ok',
      status: 200,
      url: server.url('/feed.xml'),
      body: '<rss>Grüße</rss>',
      contentType: 'application/rss+xml; charset=utf-8',
      etag: 'W/"v1"',
      lastModified: 'Sat, 01 Mar 2025 10:00:00 GMT',
    });
  });

  it('GIVEN any request THEN the User-Agent names Herald, Accept and Accept-Encoding are sent, and nothing else identifies the user', async () => {
    const server = await aTestServer((_req, res) => res.end('ok'));
    await aFetcher().fetch(server.url('/'), { accept: 'application/rss+xml, */*;q=0.5' });
    const headers = server.seen[0]!.headers;
    expect(headers['user-agent']).toBe(USER_AGENT);
    expect(headers['user-agent']).toMatch(/Herald/);
    expect(headers.accept).toBe('application/rss+xml, */*;q=0.5');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(headers['if-none-match']).toBeUndefined();
    expect(headers['if-modified-since']).toBeUndefined();
  });

  it('GIVEN credentials in the URL THEN they are dropped, never sent as Authorization', async () => {
    const server = await aTestServer((_req, res) => res.end('ok'));
    const result = await aFetcher().fetch(`http://alice:secret@127.0.0.1:${server.port}/private`);
    expect(result.kind).toBe('ok');
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
    expect(result.kind === 'ok' && result.url).toBe(server.url('/private'));
  });

  it('GIVEN a server that sets a cookie on a redirect THEN the next request carries no Cookie', async () => {
    const server = await aTestServer((req, res) => {
      if (req.url === '/login') {
        res.writeHead(302, { location: '/next', 'set-cookie': 'session=abc; Path=/' });
        res.end();
      } else res.end('ok');
    });
    const result = await aFetcher().fetch(server.url('/login'));
    expect(result.kind).toBe('ok');
    expect(server.seen.map((seen) => seen.headers.cookie)).toEqual([undefined, undefined]);
  });

  it('GIVEN a URL with a fragment THEN the fragment is not sent and not in the final URL', async () => {
    const server = await aTestServer((_req, res) => res.end('ok'));
    const result = await aFetcher().fetch(server.url('/a?x=1#part'));
    expect(server.seen[0]!.path).toBe('/a?x=1');
    expect(result.kind === 'ok' && result.url).toBe(server.url('/a?x=1'));
  });
});

describe('fetcher: compression', () => {
  const text = '<rss><title>compressed news</title></rss>'.repeat(50);

  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate (raw, as some servers send it)', deflateRawSync(text)],
    ['br', brotliCompressSync(text)],
  ])('GIVEN a %s body THEN it is decompressed', async (encoding, body) => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding.split(' ')[0]!, 'content-type': 'text/xml' });
      res.end(body);
    });
    const result = await aFetcher().fetch(server.url('/'));
    expect(result.kind === 'ok' && result.body).toBe(text);
  });

  it('GIVEN a gzip body cut short THEN what arrived is kept, as browsers do', async () => {
    const whole = gzipSync(text);
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(whole.subarray(0, whole.length - 8));
    });
    const result = await aFetcher().fetch(server.url('/'));
    expect(result.kind === 'ok' && result.body).toBe(text);
  });

  it('GIVEN a body that is not the gzip it claims THEN a network failure, not a crash', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end('this is not gzip at all');
    });
    expect(await aFetcher().fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'network' });
  });

  it('GIVEN an encoding Herald never asked for THEN an http_error', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'zstd' });
      res.end('????');
    });
    expect(await aFetcher().fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'http_error', status: 200 });
  });
});

describe('fetcher: conditional GET', () => {
  it('GIVEN a stored ETag and Last-Modified THEN they are sent back exactly and a 304 is not_modified', async () => {
    const etag = 'W/"5e1-abc, gzip;q=1"';
    const lastModified = 'Sat, 01 Mar 2025 10:00:00 GMT';
    const server = await aTestServer((req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
      } else {
        res.writeHead(200, { etag, 'last-modified': lastModified });
        res.end('<rss/>');
      }
    });
    const fetcher = aFetcher();
    const first = await fetcher.fetch(server.url('/feed'));
    expect(first.kind).toBe('ok');
    if (first.kind !== 'ok') return;
    const second = await fetcher.fetch(server.url('/feed'), { etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ kind: 'not_modified' });
    expect(server.seen[1]!.headers['if-none-match']).toBe(first.etag);
    expect(server.seen[1]!.headers['if-modified-since']).toBe(lastModified);
  });

  it('GIVEN only a Last-Modified THEN only If-Modified-Since is sent', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/'), { lastModified: 'Fri, 28 Feb 2025 08:00:00 GMT' })).toEqual({ kind: 'not_modified' });
    expect(server.seen[0]!.headers['if-modified-since']).toBe('Fri, 28 Feb 2025 08:00:00 GMT');
    expect(server.seen[0]!.headers['if-none-match']).toBeUndefined();
  });
});

describe('fetcher: HTTP failures', () => {
  it.each([
    [404, { kind: 'failed', reason: 'not_found', status: 404 }],
    [410, { kind: 'failed', reason: 'not_found', status: 410 }],
    [500, { kind: 'failed', reason: 'http_error', status: 500 }],
    [403, { kind: 'failed', reason: 'http_error', status: 403 }],
    [429, { kind: 'failed', reason: 'rate_limited', status: 429 }],
    [503, { kind: 'failed', reason: 'rate_limited', status: 503 }],
  ])('GIVEN status %i THEN %j', async (status, expected) => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(status);
      res.end('nope');
    });
    expect(await aFetcher().fetch(server.url('/'))).toEqual(expected);
  });

  it('GIVEN 429 with Retry-After in seconds THEN rate_limited with that delay', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'rate_limited', status: 429, retryAfterMs: 120_000 });
  });

  it('GIVEN 503 with Retry-After as an HTTP date THEN rate_limited with a delay until about then', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 600_000).toUTCString() });
      res.end();
    });
    const result = await aFetcher().fetch(server.url('/'));
    expect(result).toMatchObject({ kind: 'failed', reason: 'rate_limited', status: 503 });
    const delay = result.kind === 'failed' ? result.retryAfterMs : undefined;
    expect(delay).toBeGreaterThan(500_000);
    expect(delay).toBeLessThanOrEqual(600_000);
  });

  it('GIVEN a redirect without a Location THEN an http_error', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'http_error', status: 302 });
  });

  it('GIVEN nothing listening THEN a network failure', async () => {
    const server = await aTestServer((_req, res) => res.end());
    const url = server.url('/');
    await server.close();
    expect(await aFetcher().fetch(url)).toEqual({ kind: 'failed', reason: 'network' });
  });

  it('GIVEN a host name that does not resolve THEN a network failure', async () => {
    const fetcher = aFetcher({ resolve: async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) });
    expect(await fetcher.fetch('http://no-such-host.example/')).toEqual({ kind: 'failed', reason: 'network' });
  });
});

describe('fetcher: redirects', () => {
  it('GIVEN a chain of 3 redirects (301, 302, 307, relative and absolute) THEN the last page and its URL come back', async () => {
    const server = await aTestServer((req, res, self) => {
      const next: Record<string, [number, string]> = {
        '/a': [301, '/b'],
        '/b': [302, self.url('/c')],
        '/c': [307, 'd?x=1'],
      };
      const hop = next[req.url ?? ''];
      if (hop) {
        res.writeHead(hop[0], { location: hop[1] });
        res.end();
      } else res.end(`landed on ${req.url}`);
    });
    const result = await aFetcher().fetch(server.url('/a'));
    expect(result).toMatchObject({ kind: 'ok', url: server.url('/d?x=1'), body: 'landed on /d?x=1' });
    expect(server.seen.map((seen) => seen.path)).toEqual(['/a', '/b', '/c', '/d?x=1']);
  });

  it('GIVEN exactly 5 redirects THEN they are followed', async () => {
    const server = await aTestServer((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n < 5) {
        res.writeHead(302, { location: `/${n + 1}` });
        res.end();
      } else res.end('five');
    });
    expect(await aFetcher().fetch(server.url('/0'))).toMatchObject({ kind: 'ok', body: 'five' });
  });

  it('GIVEN 6 redirects THEN too_many_redirects, and the 7th URL is never requested', async () => {
    const server = await aTestServer((req, res) => {
      const n = Number(req.url?.slice(1));
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/0'))).toEqual({ kind: 'failed', reason: 'too_many_redirects' });
    expect(server.seen.map((seen) => seen.path)).toEqual(['/0', '/1', '/2', '/3', '/4', '/5']);
  });

  it('GIVEN a lower maxRedirects THEN it is the limit', async () => {
    const server = await aTestServer((req, res) => {
      const n = Number(req.url?.slice(1));
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    expect(await aFetcher({ maxRedirects: 1 }).fetch(server.url('/0'))).toEqual({ kind: 'failed', reason: 'too_many_redirects' });
    expect(server.seen).toHaveLength(2);
  });

  it('GIVEN a redirect loop a → b → a THEN redirect_loop, without going round again', async () => {
    const server = await aTestServer((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' });
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/a'))).toEqual({ kind: 'failed', reason: 'redirect_loop' });
    expect(server.seen.map((seen) => seen.path)).toEqual(['/a', '/b']);
  });

  it('GIVEN a page that redirects to itself THEN redirect_loop', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(301, { location: '/self' });
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/self'))).toEqual({ kind: 'failed', reason: 'redirect_loop' });
  });

  it.each([
    ['ftp://127.0.0.1/file', 'not_http'],
    ['file:///etc/passwd', 'not_http'],
    ['http://[::1', 'bad_url'],
  ])('GIVEN a redirect to %s THEN refused (%s)', async (location, reason) => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(302, { location });
      res.end();
    });
    expect(await aFetcher().fetch(server.url('/'))).toEqual({ kind: 'refused', reason });
  });
});

describe('fetcher: charsets over the wire', () => {
  it('GIVEN a windows-1252 feed named in its XML declaration THEN it decodes', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss><title>Caf\xe9 \x96 \x80</title></rss>', 'latin1'));
    });
    expect(await aFetcher().fetch(server.url('/'))).toMatchObject({ kind: 'ok', body: '<?xml version="1.0" encoding="windows-1252"?><rss><title>Café – €</title></rss>' });
  });

  it('GIVEN a gzipped UTF-16LE feed with a BOM THEN it decodes', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><rss><title>Ελλάδα</title></rss>';
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])));
    });
    expect(await aFetcher().fetch(server.url('/'))).toMatchObject({ kind: 'ok', body: xml });
  });
});

describe('fetcher: size and time limits', () => {
  it('GIVEN a 50 MB body THEN too_large once the cap is passed, without reading it all', async () => {
    let sent = 0;
    let closed: Promise<void> = Promise.resolve();
    const server = await aTestServer((_req, res) => {
      closed = new Promise((resolve) => res.on('close', resolve));
      const write = res.write.bind(res) as (chunk: Buffer) => boolean;
      res.write = ((chunk: Buffer) => {
        sent += chunk.length;
        return write(chunk);
      }) as typeof res.write;
      res.writeHead(200, { 'content-type': 'text/html' });
      streamBytes(res, 50 * 1024 * 1024);
    });
    expect(await aFetcher({ maxBytes: 256 * 1024 }).fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'too_large' });
    // The connection is dropped: the server stops writing long before 50 MB.
    await closed;
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it('GIVEN a Content-Length over the cap THEN too_large before reading the body', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('a');
    });
    expect(await aFetcher({ maxBytes: 1024 }).fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'too_large' });
  });

  it('GIVEN a small gzip body that inflates to 50 MB THEN too_large (the cap counts decompressed bytes)', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      streamBytes(gzip as unknown as Parameters<typeof streamBytes>[0], 50 * 1024 * 1024, 0);
    });
    expect(await aFetcher({ maxBytes: 256 * 1024 }).fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'too_large' });
  });

  it('GIVEN a body exactly at the cap THEN it is accepted', async () => {
    const server = await aTestServer((_req, res) => res.end('x'.repeat(1024)));
    expect(await aFetcher({ maxBytes: 1024 }).fetch(server.url('/'))).toMatchObject({ kind: 'ok', body: 'x'.repeat(1024) });
  });

  it('GIVEN a page that never ends, trickling bytes THEN timeout (the deadline covers the whole request, not only idle time)', async () => {
    const server = await aTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('<p>more</p>'), 20);
      res.on('close', () => clearInterval(timer));
    });
    expect(await aFetcher({ timeoutMs: 300 }).fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'timeout' });
  });

  it('GIVEN a server that never answers THEN timeout', async () => {
    const server = await aTestServer(() => {});
    expect(await aFetcher({ timeoutMs: 200 }).fetch(server.url('/'))).toEqual({ kind: 'failed', reason: 'timeout' });
  });

  it('GIVEN the caller aborts THEN aborted, not timeout', async () => {
    const server = await aTestServer(() => {});
    const controller = new AbortController();
    const pending = aFetcher().fetch(server.url('/'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ kind: 'failed', reason: 'aborted' });
  });
});

describe('fetcher: per-host concurrency', () => {
  it('GIVEN six fetches to one host and two to another THEN at most 2 per host are in flight at once', async () => {
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    const server = await aTestServer((req, res) => {
      const host = (req.headers.host ?? '').split(':')[0]!;
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      most.set(host, Math.max(most.get(host) ?? 0, inFlight.get(host)!));
      setTimeout(() => {
        inFlight.set(host, inFlight.get(host)! - 1);
        res.end('ok');
      }, 30);
    });
    const fetcher = aFetcher({ resolve: async () => ['127.0.0.1'] });
    const urls = [
      ...Array.from({ length: 6 }, (_, i) => `http://a.example:${server.port}/${i}`),
      ...Array.from({ length: 2 }, (_, i) => `http://b.example:${server.port}/${i}`),
    ];
    const results = await Promise.all(urls.map((url) => fetcher.fetch(url)));
    expect(results.every((result) => result.kind === 'ok')).toBe(true);
    expect(most.get('a.example')).toBe(2);
    expect(most.get('b.example')).toBe(2);
  });

  it('GIVEN perHostConcurrency 1 THEN requests to a host go one at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await aTestServer((_req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.end('ok');
      }, 20);
    });
    const fetcher = aFetcher({ perHostConcurrency: 1 });
    await Promise.all([1, 2, 3].map((i) => fetcher.fetch(server.url(`/${i}`))));
    expect(most).toBe(1);
  });
});
