import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redactText, type Logger } from '../log.js';
import type { MetricsSource } from './metrics.js';

/** One readiness condition: resolves `true` when fine, or a short reason when not. */
export type HealthCheck = () => Promise<true | string>;

/** Named checks, e.g. `{ gateway: gatewayCheck(client), store: storeCheck(keyv) }`. */
export type HealthChecks = Record<string, HealthCheck>;

/** What `/healthz` answers. */
export interface HealthReport {
  /** `ok` only when every check passed. */
  status: 'ok' | 'unavailable';
  /** Each check's result: `ok` or its reason. */
  checks: Record<string, string>;
  /** `"name: reason"` for each failing check; empty when healthy. */
  reasons: string[];
}

export interface RunChecksOptions {
  /** A check that has not answered by then fails with "no answer within N ms". Default 2,000. */
  timeoutMs?: number;
  /** Secret values that must not appear in reasons (reasons leave the process). */
  secrets?: readonly string[];
}

/**
 * Runs every check at once. A check that throws or hangs fails with a reason instead of failing
 * the whole report, and reasons are scrubbed of secrets (a Redis URL may carry a password).
 */
export async function runChecks(checks: HealthChecks, options: RunChecksOptions = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, string]> => {
      const result = await withTimeout(check, timeoutMs).catch((error: unknown) => `failed: ${describe(error)}`);
      if (result === true) return [name, 'ok'];
      const reason = typeof result === 'string' && result.trim() !== '' && result !== 'ok' ? result : 'failed';
      return [name, redactText(reason, options.secrets)];
    }),
  );
  const reasons = entries.filter(([, value]) => value !== 'ok').map(([name, value]) => `${name}: ${value}`);
  return { status: reasons.length === 0 ? 'ok' : 'unavailable', checks: Object.fromEntries(entries), reasons };
}

async function withTimeout(check: HealthCheck, timeoutMs: number): Promise<true | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface HealthServerOptions {
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  /** Interface to bind; all interfaces by default, so Prometheus in another container can scrape. */
  host?: string;
  /** Conditions for `/healthz`; all must pass for a 200. */
  checks: HealthChecks;
  /** What `/metrics` serves. */
  metrics: MetricsSource;
  logger?: Logger;
  /** Per-check time limit, default 2,000 ms. */
  checkTimeoutMs?: number;
  /** Secret values scrubbed from reasons. */
  secrets?: readonly string[];
  /** Facts `/healthz` states beside the checks (shards served, leases held); never decides the status. */
  about?: () => Record<string, unknown>;
}

/** A running health server. */
export interface HealthServer {
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` (200 `{status:'ok'}` when every check passes, else 503 with the failing
 * reasons) and `GET /metrics` (Prometheus text). Anything else is 404 (405 for other methods on
 * those paths). Rejects with a clear message when the port cannot be bound.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { logger } = options;
  // Log only changes of health, not every probe of a Docker HEALTHCHECK or a load balancer.
  let lastReasons = '';
  const onReport = (report: HealthReport) => {
    const reasons = report.reasons.join('; ');
    if (reasons === lastReasons) return;
    if (reasons) logger?.warn({ reasons: report.reasons }, 'health check failing');
    else logger?.info('health checks pass again');
    lastReasons = reasons;
  };
  const server = createServer((request, response) => {
    handle(request, response, options, onReport).catch((error: unknown) => {
      logger?.error({ err: error, path: request.url }, 'health endpoint failed');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else response.destroy();
    });
  });
  // A scraper that opens a connection and stalls must not hold the process open at shutdown.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${options.host ?? '*'}:${options.port}`;
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${where} is already in use (HEALTH_PORT)`
          : error.code === 'EACCES'
            ? `no permission to bind ${where} (HEALTH_PORT below 1024 needs privileges)`
            : `${where}: ${error.message}`;
      reject(new Error(`Health server could not start: ${hint}`, { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });

  const port = (server.address() as AddressInfo).port;
  server.on('error', (error) => logger?.error({ err: error }, 'health server error'));
  logger?.info({ port }, 'health server listening (/healthz, /metrics)');

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HealthServerOptions,
  onReport: (report: HealthReport) => void,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path !== '/healthz' && path !== '/metrics') {
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  if (path === '/healthz') {
    const report = await runChecks(options.checks, { timeoutMs: options.checkTimeoutMs, secrets: options.secrets });
    onReport(report);
    const body = options.about ? { ...report, about: options.about() } : report;
    send(response, report.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`, request.method === 'HEAD');
    return;
  }
  const text = await options.metrics.render();
  send(response, 200, options.metrics.contentType, text, request.method === 'HEAD');
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headOnly = false): void {
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(headOnly ? undefined : body);
}
