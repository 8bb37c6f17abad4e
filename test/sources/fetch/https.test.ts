/**
 * The fetcher over TLS: a local https server with a self-signed certificate made for this test. With
 * the test's certificate passed as `ca` the page comes back; without it (production: Node's trust
 * store) the certificate is refused as a clear `certificate` failure, never a crash.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type FetcherOptions } from '../../../src/sources/fetch/fetcher.js';
import { HERALD_USER_AGENT } from '../../../src/sources/user-agent.js';
import { answerText } from '../../digests/bot-harness.js';
import { startHeraldInProcess } from '../../support/herald-in-process.js';
import { aTempDir } from '../../support/temp-dir.js';

const NAME = 'news.test';
let cert = '';
let server: Server;
let port = 0;
const seen: { host: string | undefined; servername: string | false | null }[] = [];
let cleanup: () => Promise<void> = async () => {};

beforeAll(async () => {
  const dir = await aTempDir('herald-tls-');
  cleanup = dir.cleanup;
  const key = path.join(dir.dir, 'key.pem');
  const certFile = path.join(dir.dir, 'cert.pem');
  // A throwaway key and certificate for this run only, naming news.test and 127.0.0.1.
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', certFile, '-days', '2', '-subj', `/CN=${NAME}`, '-addext', `subjectAltName=DNS:${NAME},IP:127.0.0.1`],
    { stdio: 'ignore' },
  );
  cert = readFileSync(certFile, 'utf8');
  server = createServer({ key: readFileSync(key), cert }, (req, res) => {
    seen.push({ host: req.headers.host, servername: (req.socket as TLSSocket).servername });
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end('<rss><channel><title>Secure Times</title></channel></rss>');
  });
  // A client that gives up on the certificate resets the handshake; the server shrugs it off.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await cleanup();
});

function aFetcher(options: Partial<FetcherOptions> = {}) {
  return createFetcher({ allowPrivateNetworks: true, userAgent: HERALD_USER_AGENT, timeoutMs: 5_000, resolve: async () => ['127.0.0.1'], ...options });
}

describe('fetcher over https', () => {
  it('GIVEN the test certificate as the trusted CA THEN the page comes back, the host name in Host and SNI', async () => {
    const result = await aFetcher({ ca: cert }).fetch(`https://${NAME}:${port}/feed.xml`);
    expect(result).toMatchObject({ kind: 'ok', status: 200, url: `https://${NAME}:${port}/feed.xml`, body: expect.stringContaining('Secure Times') as unknown });
    expect(seen.at(-1)).toEqual({ host: `${NAME}:${port}`, servername: NAME });
  });

  it('GIVEN an address by IP the certificate names THEN it is fetched too', async () => {
    expect(await aFetcher({ ca: cert }).fetch(`https://127.0.0.1:${port}/feed.xml`)).toMatchObject({ kind: 'ok' });
  });

  it('GIVEN no CA option (the production trust store) THEN the self-signed certificate is refused as "certificate", and the fetcher keeps working', async () => {
    const fetcher = aFetcher();
    const before = seen.length;
    expect(await fetcher.fetch(`https://${NAME}:${port}/feed.xml`)).toEqual({ kind: 'failed', reason: 'certificate' });
    expect(await fetcher.fetch(`https://${NAME}:${port}/again.xml`)).toEqual({ kind: 'failed', reason: 'certificate' });
    // Refused in the handshake: no request ever reached the server.
    expect(seen).toHaveLength(before);
  });

  it('GIVEN the trusted CA but a host name the certificate does not name THEN refused as "certificate"', async () => {
    expect(await aFetcher({ ca: cert }).fetch(`https://other.test:${port}/feed.xml`)).toEqual({ kind: 'failed', reason: 'certificate' });
  });

  it('GIVEN ALLOW_PRIVATE_NETWORKS false THEN the loopback https server is refused before any handshake, trusted CA or not', async () => {
    const before = seen.length;
    expect(await aFetcher({ ca: cert, allowPrivateNetworks: false }).fetch(`https://${NAME}:${port}/feed.xml`)).toEqual({ kind: 'refused', reason: 'private_address' });
    expect(seen).toHaveLength(before);
  });
});

describe('Herald on an https site with an untrusted certificate (its own fetcher, no CA option)', () => {
  it('GIVEN /feed add and /summarize with such an address THEN each is refused in plain words (certificate not trusted), nothing is stored', async () => {
    const herald = await startHeraldInProcess({ offline: true, env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
    try {
      const url = `https://127.0.0.1:${port}/feed.xml`;
      const added = herald.discord.sendCommand('feed add', { url }, { userId: herald.discord.people.admin.id });
      await herald.done(added.id);
      expect(answerText(herald.messagesOf(added.id))).toContain('the site’s HTTPS certificate is not trusted');
      expect(herald.herald.feeds.store.list(herald.discord.guild.id)).toEqual([]);

      const asked = herald.discord.sendCommand('summarize', { article: `https://127.0.0.1:${port}/story.html` }, { locale: 'de' });
      await herald.done(asked.id);
      expect(answerText(herald.messagesOf(asked.id))).toContain('HTTPS-Zertifikat der Seite wird nicht vertraut');
    } finally {
      await herald.stop();
    }
  });
});
