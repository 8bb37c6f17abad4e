import { readFileSync } from 'node:fs';
import { aTestServer, type TestServer } from '../fetch/helpers.js';

/** What the test site answers on one path. */
export interface Route {
  body: string;
  type?: string;
  status?: number;
  etag?: string;
}

export interface TestSite {
  server: TestServer;
  base: string;
  routes: Map<string, Route>;
  url(path: string): string;
  /** A fixture under fixtures/ with {{base}} replaced by this site's address. */
  fixture(name: string): string;
}

/**
 * A news site on 127.0.0.1 serving fixture feeds and pages. An ETag route answers 304 to a request
 * sending it back, as real servers do for conditional GETs.
 */
export async function aTestSite(): Promise<TestSite> {
  const routes = new Map<string, Route>();
  const server = await aTestServer((req, res) => {
    const route = routes.get(req.url ?? '/');
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.etag && req.headers['if-none-match'] === route.etag) {
      res.writeHead(304, { etag: route.etag }).end();
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'application/rss+xml; charset=utf-8', ...(route.etag ? { etag: route.etag } : {}) });
    res.end(route.body);
  });
  const base = server.url('').replace(/\/$/, '');
  return {
    server,
    base,
    routes,
    url: (path) => `${base}${path}`,
    fixture: (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').replaceAll('{{base}}', base),
  };
}
