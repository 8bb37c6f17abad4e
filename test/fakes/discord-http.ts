/**
 * The REST front of the fake Discord: parses `/api/v10` requests (JSON and multipart), records each
 * one with its answer, enforces Authorization and the global rate limit, applies injected faults,
 * and routes to handlers. Handlers live in discord-routes.ts and discord-message-routes.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DISCORD_ERRORS, FaultInjector, type Fault, type TokenBucket } from './discord-faults.js';
import { formBodyError, type LimitProblem } from './discord-limits.js';
import type { RecordedFile } from './discord-model.js';
import type { Json } from './discord-payloads.js';

/** One REST request as the fake received it, with the answer it gave. */
export interface RecordedRequest {
  /** Arrival order, from 1. */
  readonly seq: number;
  /** `performance.now()` at arrival. */
  readonly at: number;
  readonly method: string;
  /** Path after `/api/v10`, percent-decoded: `/webhooks/1/tok/messages/@original`. */
  readonly path: string;
  /** Path as sent, e.g. with `%40original`. */
  readonly rawPath: string;
  /** The route template that handled it, e.g. `POST /channels/:channelId/messages`; undefined if none. */
  route: string | undefined;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names; the Authorization value is redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether it carried `Authorization: Bot <token>`. */
  readonly authorized: boolean;
  /** JSON body, or `payload_json` of a multipart body. */
  readonly body: unknown;
  readonly files: readonly RecordedFile[];
  /** Status answered; undefined while in flight. */
  status?: number;
  /** JSON answered, if any. */
  response?: unknown;
  /** `performance.now()` when answered. */
  answeredAt?: number;
  /** Set when an injected fault or the global rate limit answered (or delayed) it. */
  fault?: Fault['kind'] | 'globalRateLimit';
  /** Whether it counted against the global limit (while on): every route but interaction callbacks and webhooks. */
  countedGlobally?: boolean;
}

/** Something the bot did that real Discord would refuse or punish. Tests assert there are none. */
export interface Violation {
  kind:
    | 'limits'
    | 'invalid_command'
    | 'interaction_timeout'
    | 'already_acknowledged'
    | 'not_acknowledged'
    | 'token_expired'
    | 'unknown_route'
    | 'unauthorized'
    | 'embeds_suppressed'
    | 'global_rate_limit';
  method: string;
  path: string;
  detail: string;
  /** The broken limits, for `limits` and `invalid_command`. */
  problems?: LimitProblem[];
  /** `performance.now()`. */
  at: number;
}

/** What a route handler answers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a route handler gets. */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The body when it is a JSON object, else `{}`. */
  body: Json;
  /** The body as parsed (arrays for bulk overwrites). */
  rawBody: unknown;
  files: RecordedFile[];
  request: RecordedRequest;
}

type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  open: boolean;
}

/** Discord's JSON error for a code (status and message of well-known codes filled in). */
export function discordError(code: number, status?: number, message?: string): Reply {
  const known = DISCORD_ERRORS[code];
  return { status: status ?? known?.status ?? 400, body: { message: message ?? known?.message ?? 'Error', code } };
}

function decodePath(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: unknown; files: RecordedFile[] }> {
  const contentType = String(req.headers['content-type'] ?? '');
  const files: RecordedFile[] = [];
  if (contentType.startsWith('multipart/form-data')) {
    // discord.js sends files as multipart with the JSON in a `payload_json` field.
    const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  return { body: raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined, files };
}

/** Records, guards and routes REST requests. */
export class RestRouter {
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Requests in the order they were answered (what waiters scan). */
  readonly answered: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly faults = new FaultInjector();
  /** The global bot rate limit, when on. */
  bucket: TokenBucket | undefined;
  private readonly routes: Route[] = [];
  private lastSeq = 0;

  constructor(
    private readonly token: string,
    private readonly changed: () => void,
  ) {}

  /**
   * Adds a route. `open` routes (interaction callbacks, webhooks) need no Authorization and are
   * outside the global rate limit, as on Discord.
   */
  on(method: string, template: string, handler: Handler, open = false): void {
    const keys: string[] = [];
    const source = template.replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, template: `${method} ${template}`, pattern: new RegExp(`^${source}/?$`), keys, handler, open });
  }

  violate(request: RecordedRequest, kind: Violation['kind'], detail: string, problems?: LimitProblem[]): void {
    this.violations.push({ kind, method: request.method, path: request.path, detail, at: performance.now(), ...(problems ? { problems } : {}) });
  }

  /** Records a violation for broken limits and answers Discord's 400. */
  reject(request: RecordedRequest, kind: 'limits' | 'invalid_command', problems: LimitProblem[], prefix = ''): Reply {
    const shown = problems.map((p) => ({ ...p, path: `${prefix}${p.path}` }));
    this.violate(request, kind, shown.map((p) => `${p.path}: ${p.message}`).join('; '), shown);
    return { status: 400, body: formBodyError(shown) };
  }

  /** The node:http request listener. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawPath = url.pathname.replace(/^\/api\/v10/, '');
    if (rawPath === url.pathname) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '404: Not Found', code: 0 }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let parsed: { body: unknown; files: RecordedFile[] };
    try {
      parsed = await parseBody(req, Buffer.concat(chunks));
    } catch {
      this.send(res, undefined, { status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } });
      return;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = key === 'authorization' ? 'Bot [redacted]' : String(value);
    }
    this.lastSeq += 1;
    const request: RecordedRequest = {
      seq: this.lastSeq,
      at: performance.now(),
      method: req.method ?? 'GET',
      path: decodePath(rawPath),
      rawPath,
      route: undefined,
      query: Object.fromEntries(url.searchParams),
      headers,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      body: parsed.body,
      files: parsed.files,
    };
    this.requests.push(request);
    this.changed();
    let reply: Reply;
    try {
      reply = await this.route(request, url.searchParams, parsed);
    } catch (problem) {
      // A bug in the fake must surface in the test, not hang the client.
      reply = { status: 500, body: { message: `fake-discord internal error: ${String(problem)}`, code: 0 } };
    }
    this.send(res, request, reply);
  }

  private send(res: ServerResponse, request: RecordedRequest | undefined, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers };
    let text: string | undefined;
    if (reply.body !== undefined) {
      text = JSON.stringify(reply.body);
      headers['content-type'] = 'application/json';
    }
    res.writeHead(reply.status, headers).end(text);
    if (request) {
      request.status = reply.status;
      request.response = reply.body;
      request.answeredAt = performance.now();
      this.answered.push(request);
      this.changed();
    }
  }

  private async route(request: RecordedRequest, query: URLSearchParams, parsed: { body: unknown; files: RecordedFile[] }): Promise<Reply> {
    let route: Route | undefined;
    let params: Record<string, string> = {};
    for (const candidate of this.routes) {
      if (candidate.method !== request.method) continue;
      const match = candidate.pattern.exec(request.path);
      if (!match) continue;
      route = candidate;
      params = Object.fromEntries(candidate.keys.map((key, i) => [key, match[i + 1] ?? '']));
      break;
    }
    if (!route) {
      this.violate(request, 'unknown_route', 'the fake does not implement this route');
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    }
    request.route = route.template;
    if (!route.open && !request.authorized) {
      this.violate(request, 'unauthorized', 'missing or wrong Authorization header');
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    // "Interaction endpoints are not bound to the bot's Global Rate Limit" (Discord's rate-limit docs);
    // a bot going over it everywhere else is answered 429 and, as these count toward Discord's
    // invalid-request ban, recorded as a violation.
    if (!route.open && this.bucket) {
      request.countedGlobally = true;
      const taken = this.bucket.take();
      if (!taken.ok) {
        request.fault = 'globalRateLimit';
        this.violate(request, 'global_rate_limit', `over the global limit of ${this.bucket.perSecond}/s`);
        return rateLimited({ kind: 'rateLimit', retryAfterMs: taken.retryAfterMs, global: true });
      }
    }
    const fault = this.faults.take(request.method, request.path);
    if (fault) {
      request.fault = fault.kind;
      switch (fault.kind) {
        case 'rateLimit':
          return rateLimited(fault);
        case 'serverError':
          return { status: fault.status ?? 500, body: { message: '500: Internal Server Error', code: 0 } };
        case 'discordError':
          return discordError(fault.code, fault.status, fault.message);
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, fault.ms));
          break;
      }
    }
    const { body, files } = parsed;
    const json = body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
    return route.handler({ params, query, body: json, rawBody: body, files, request });
  }
}

/** A 429 as Discord sends it: `Retry-After` in seconds, scope, and the global flag when global. */
function rateLimited(fault: Extract<Fault, { kind: 'rateLimit' }>): Reply {
  const seconds = (fault.retryAfterMs ?? 100) / 1000;
  const scope = fault.scope ?? (fault.global ? 'global' : 'user');
  return {
    status: 429,
    headers: {
      'retry-after': String(seconds),
      'x-ratelimit-scope': scope,
      ...(fault.global
        ? { 'x-ratelimit-global': 'true' }
        : { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(seconds) }),
    },
    body: { message: 'You are being rate limited.', retry_after: seconds, global: fault.global === true },
  };
}
