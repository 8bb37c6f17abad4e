/**
 * One REST rate-limit budget for every host: Herald processes send their Discord REST calls to this
 * proxy (DISCORD_API_URL=http://proxy:8080/api) and it sends them on through one discord.js REST
 * queue, which keeps Discord's per-route buckets and the global 50 requests/second for all of them.
 * This is @discordjs/proxy's `proxyRequests`, nothing of Herald's own; the bot token stays in each
 * request's Authorization header and is never stored or logged here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
// The ESM build of @discordjs/rest, the one @discordjs/proxy imports: discord.js's (CommonJS) copy
// has other error classes, and the proxy would not recognise Discord's 4xx answers (sending 200).
import { REST } from '@discordjs/rest';
import type { Logger } from '../log.js';

export interface RestProxyOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** Discord's API base, default https://discord.com/api (tests: the fake Discord's). */
  upstream?: string;
  logger: Logger;
}

export interface RestProxy {
  readonly port: number;
  /** Requests forwarded since start (tests, the bench). */
  readonly forwarded: () => number;
  close(): Promise<void>;
}

export async function startRestProxy(options: RestProxyOptions): Promise<RestProxy> {
  // Retries are the callers' (each Herald's REST client retries 5xx and waits out a 429); retrying
  // here too would multiply them.
  const rest = new REST({ retries: 0, ...(options.upstream ? { api: options.upstream } : {}) });
  const handler = proxyRequests(rest);
  let forwarded = 0;
  const server: Server = createServer((request, response) => {
    forwarded++;
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      options.logger.error({ err: error, method: request.method }, 'REST proxy could not forward a request');
      if (!response.headersSent) response.statusCode = 502;
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port, upstream: options.upstream ?? 'https://discord.com/api' }, 'Discord REST proxy listening');
  return {
    port,
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
