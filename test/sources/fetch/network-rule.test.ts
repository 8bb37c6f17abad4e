import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type FetcherOptions } from '../../../src/sources/fetch/fetcher.js';
import { aTestServer, closeTestServers, type TestServer } from './helpers.js';

// ALLOW_PRIVATE_NETWORKS=false is the default. The test servers live on loopback, so every test
// here asserts the server saw nothing: a refusal must happen before any connection is made.

function aFetcher(options: Partial<FetcherOptions> = {}): ReturnType<typeof createFetcher> {
  return createFetcher({ allowPrivateNetworks: false, userAgent: 'Herald/0.1 (test)', timeoutMs: 5_000, maxBytes: 64 * 1024, ...options });
}

const okServer = (host?: string, port?: number): Promise<TestServer> => aTestServer((_req, res) => res.end('reached'), host, port);
const refused = { kind: 'refused', reason: 'private_address' };

afterEach(closeTestServers);

describe('network rule: addresses in the URL', () => {
  it.each([
    (port: number) => `http://127.0.0.1:${port}/`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/`,
    (port: number) => `http://[::ffff:7f00:1]:${port}/`,
    (port: number) => `http://2130706433:${port}/`,
    (port: number) => `http://0x7f.1:${port}/`,
    (port: number) => `http://127.1:${port}/`,
    (port: number) => `http://[::1]:${port}/`,
    (port: number) => `http://0.0.0.0:${port}/`,
  ])('GIVEN %s THEN refused as private and nothing is sent', async (url) => {
    const server = await okServer();
    expect(await aFetcher().fetch(url(server.port))).toEqual(refused);
    expect(server.seen).toHaveLength(0);
  });
});

describe('network rule: host names', () => {
  it('GIVEN localhost, resolved by the system THEN refused before connecting', async () => {
    const server = await okServer();
    expect(await aFetcher().fetch(`http://localhost:${server.port}/`)).toEqual(refused);
    expect(server.seen).toHaveLength(0);
  });

  it('GIVEN a public-looking name that resolves to 127.0.0.1 THEN refused before connecting', async () => {
    const server = await okServer();
    const asked: string[] = [];
    const fetcher = aFetcher({
      resolve: async (host) => {
        asked.push(host);
        return ['127.0.0.1'];
      },
    });
    expect(await fetcher.fetch(`http://news.example:${server.port}/feed`)).toEqual(refused);
    expect(asked).toEqual(['news.example']);
    expect(server.seen).toHaveLength(0);
  });

  it('GIVEN a name that resolves to a public and a private address THEN refused (every address is checked)', async () => {
    const server = await okServer();
    const fetcher = aFetcher({ resolve: async () => ['93.184.215.14', '10.0.0.5'], allowAddresses: ['127.0.0.1'] });
    expect(await fetcher.fetch(`http://mixed.example:${server.port}/`)).toEqual(refused);
    expect(server.seen).toHaveLength(0);
  });

  it('GIVEN a name that resolves to nothing THEN a network failure', async () => {
    expect(await aFetcher({ resolve: async () => [] }).fetch('http://empty.example/')).toEqual({ kind: 'failed', reason: 'network' });
  });
});

describe('network rule: redirects', () => {
  // The first hop must be reachable while the rule is on, and every test server is on loopback.
  // `allowAddresses` lets exactly 127.0.0.1 through, as an operator's exception for one host would;
  // the redirect target is a second server on 127.0.0.2, which the rule still refuses. The control
  // case allows both and shows the second server is reachable, so a missing re-check would show.
  it('GIVEN an allowed page redirecting to a private address literal THEN refused and the private server sees nothing', async () => {
    const privateServer = await okServer('127.0.0.2');
    const entry = await aTestServer((_req, res) => {
      res.writeHead(302, { location: privateServer.url('/admin') });
      res.end();
    });
    expect(await aFetcher({ allowAddresses: ['127.0.0.1'] }).fetch(entry.url('/'))).toEqual(refused);
    expect(entry.seen).toHaveLength(1);
    expect(privateServer.seen).toHaveLength(0);
  });

  it('GIVEN an allowed page redirecting to a name that resolves to a private address THEN refused', async () => {
    const privateServer = await okServer('127.0.0.2');
    const entry = await aTestServer((_req, res) => {
      res.writeHead(301, { location: `http://intranet.example:${privateServer.port}/` });
      res.end();
    });
    const fetcher = aFetcher({ allowAddresses: ['127.0.0.1'], resolve: async () => ['127.0.0.2'] });
    expect(await fetcher.fetch(entry.url('/'))).toEqual(refused);
    expect(privateServer.seen).toHaveLength(0);
  });

  it('GIVEN an allowed page redirecting to a mapped IPv6 private literal THEN refused', async () => {
    const entry = await aTestServer((_req, res) => {
      res.writeHead(302, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data/' });
      res.end();
    });
    expect(await aFetcher({ allowAddresses: ['127.0.0.1'] }).fetch(entry.url('/'))).toEqual(refused);
  });

  it('GIVEN the same redirect with the target allowed too (control) THEN the second server is reached', async () => {
    const privateServer = await okServer('127.0.0.2');
    const entry = await aTestServer((_req, res) => {
      res.writeHead(302, { location: privateServer.url('/admin') });
      res.end();
    });
    const result = await aFetcher({ allowAddresses: ['127.0.0.1', '127.0.0.2'] }).fetch(entry.url('/'));
    expect(result).toMatchObject({ kind: 'ok', body: 'reached' });
    expect(privateServer.seen).toHaveLength(1);
  });
});

describe('network rule: connect to the checked address (no DNS rebinding)', () => {
  it('GIVEN a resolver whose answer changes after the check THEN the connection goes to the checked address, asked once', async () => {
    const checked = await okServer('127.0.0.1');
    // Same port, so a connection that followed the second answer would succeed and be seen.
    const rebound = await okServer('127.0.0.2', checked.port);
    let asked = 0;
    const fetcher = aFetcher({
      allowAddresses: ['127.0.0.1'],
      resolve: async () => {
        asked += 1;
        return asked === 1 ? ['127.0.0.1'] : ['127.0.0.2'];
      },
    });
    expect(await fetcher.fetch(`http://rebind.example:${checked.port}/`)).toMatchObject({ kind: 'ok', body: 'reached' });
    expect(asked).toBe(1);
    expect(checked.seen).toHaveLength(1);
    expect(rebound.seen).toHaveLength(0);
  });

  it('GIVEN private networks allowed and a name resolving to 127.0.0.1 THEN Herald connects there and keeps the name in Host', async () => {
    const server = await okServer();
    const fetcher = aFetcher({ allowPrivateNetworks: true, resolve: async () => ['127.0.0.1'] });
    expect(await fetcher.fetch(`http://news.example:${server.port}/feed`)).toMatchObject({
      kind: 'ok',
      url: `http://news.example:${server.port}/feed`,
    });
    expect(server.seen[0]!.headers.host).toBe(`news.example:${server.port}`);
  });

  it('GIVEN private networks allowed THEN localhost and loopback literals are fetched', async () => {
    const server = await okServer();
    const fetcher = aFetcher({ allowPrivateNetworks: true });
    expect(await fetcher.fetch(`http://localhost:${server.port}/`)).toMatchObject({ kind: 'ok' });
    expect(await fetcher.fetch(server.url('/'))).toMatchObject({ kind: 'ok' });
  });
});

describe('network rule: schemes and malformed URLs', () => {
  it.each([
    ['ftp://news.example/feed.xml', 'not_http'],
    ['file:///etc/passwd', 'not_http'],
    ['gopher://news.example/', 'not_http'],
    ['javascript:alert(1)', 'not_http'],
    ['data:text/html,<p>hi</p>', 'not_http'],
    ['not a url', 'bad_url'],
    ['', 'bad_url'],
    ['http://', 'bad_url'],
    ['http://[::1', 'bad_url'],
  ])('GIVEN %j THEN refused (%s), even with private networks allowed', async (url, reason) => {
    let asked = false;
    const fetcher = aFetcher({
      allowPrivateNetworks: true,
      resolve: async () => {
        asked = true;
        return ['127.0.0.1'];
      },
    });
    expect(await fetcher.fetch(url)).toEqual({ kind: 'refused', reason });
    expect(asked).toBe(false);
  });
});
