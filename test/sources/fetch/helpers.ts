import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server saw of one request. */
export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestServer {
  /** `http://<host>:<port><path>` for this server. */
  url(path?: string): string;
  port: number;
  host: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

const running: TestServer[] = [];

/** Starts a plain node:http server on `host` (127.0.0.1 unless told) that records every request. */
export async function aTestServer(handler: Handler, host = '127.0.0.1', port = 0): Promise<TestServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const listening = (server.address() as AddressInfo).port;
  const testServer: TestServer = {
    port: listening,
    host,
    seen: [],
    url: (path = '/') => `http://${host}:${listening}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Endless and slow responses would otherwise keep close() waiting.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    testServer.seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res, testServer);
  });
  running.push(testServer);
  return testServer;
}

/** Closes every server started since the last call (for afterEach). */
export async function closeTestServers(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

/**
 * Writes `total` bytes of `fill` in 64 KiB chunks, respecting backpressure, and stops as soon as the
 * client goes away, so a 50 MB body never sits in the test's memory.
 */
export function streamBytes(res: ServerResponse, total: number, fill = 0x61): void {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  const writeMore = (): void => {
    while (sent < total && !res.destroyed) {
      const size = Math.min(chunk.length, total - sent);
      sent += size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
        res.once('drain', writeMore);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  writeMore();
}
