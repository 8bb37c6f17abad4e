/**
 * A fake OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1 that the real
 * `openai` SDK (or plain fetch) talks to.
 *
 *   const fake = await startFakeOpenAI();                 // replies "This is a fake completion."
 *   const model = createOpenAIModel({ baseURL: fake.url, model: 'fake-model', timeoutMs: 2_000, maxRetries: 2 });
 *   fake.script(reply.error(429, { headers: { 'retry-after-ms': '10' } }), 'Hallo Welt');
 *   await model.generate({ messages });                   // → "Hallo Welt" after one retry
 *   fake.completions[1]?.messages                         // what the model was sent
 *   fake.script(reply.cut('The council appro'))            // finish_reason "length": cut off by max_tokens
 *   fake.script(reply.unfinished('Half a'))                // a stream (or JSON answer) with no finish_reason at all
 *   await fake.close();                                   // also ends hanging responses
 *
 * Routes: POST /v1/chat/completions (JSON, or SSE when the body says `stream: true`),
 * GET /v1/models. Anything else is a 404 with an OpenAI-style error body.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat message as the client sent it. */
export interface FakeChatMessage {
  role: string;
  content: string;
}

/** One request the fake received, in arrival order. */
export interface FakeRequest {
  method: string;
  /** Path without query, e.g. "/v1/chat/completions". */
  path: string;
  /** Lower-case header names, as Node gives them (authorization, content-type…). */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined for GET or a body that is not JSON. */
  body: Record<string, unknown> | undefined;
  /** The body as received. */
  rawBody: string;
  /** Chat requests: the model asked for. */
  model: string | undefined;
  /** Chat requests: the messages, with non-string contents flattened to text. */
  messages: FakeChatMessage[];
  /** Chat requests: whether an SSE stream was asked for. */
  stream: boolean;
  /** All message contents joined by blank lines; handy for `toContain` checks. */
  text: string;
  /** Date.now() when the request arrived. */
  receivedAt: number;
  /** Set when the client closed the connection before the answer was complete (an aborted call). */
  abortedByClient: boolean;
}

/** Token counts to report; fields left out are computed from the text. */
export interface FakeUsage {
  promptTokens?: number;
  completionTokens?: number;
}

/** A normal answer, as JSON or as SSE chunks depending on the request. */
export interface FakeTextReply {
  kind: 'text';
  text: string;
  /** SSE pieces (default: word by word); their concatenation should equal `text`. */
  chunks?: string[];
  /** Default "stop"; null leaves finish_reason out entirely, as some servers do. */
  finishReason?: string | null;
  /** Default: counted from words; null sends no usage at all (also not in streams). */
  usage?: FakeUsage | null;
  /** Wait this long before answering. */
  delayMs?: number;
  /** SSE: wait this long between chunks. */
  chunkDelayMs?: number;
  /** SSE: send this many chunks, then stall until close(). JSON: send headers, never the body. */
  stallAfterChunks?: number;
  /** SSE: leave out the final `data: [DONE]`. */
  omitDone?: boolean;
  /** SSE: send ": keep-alive" comment lines between chunks, as OpenRouter does. */
  keepAliveComments?: boolean;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** An HTTP error with an OpenAI-style body `{ error: { message, type, code } }`. */
export interface FakeErrorReply {
  kind: 'error';
  status: number;
  message?: string;
  code?: string;
  /** Raw body instead of the OpenAI-style one. */
  body?: string;
  /** e.g. { 'retry-after': '1' } or { 'retry-after-ms': '20' }. */
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Any body at all: malformed JSON, HTML, hand-written SSE. */
export interface FakeRawReply {
  kind: 'raw';
  body: string;
  /** Default 200. */
  status?: number;
  /** Default "application/json". */
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Accept the request and never answer, until close(). */
export interface FakeHangReply {
  kind: 'hang';
}

/** What the fake answers; a plain string is shorthand for a text reply. */
export type FakeReply = string | FakeTextReply | FakeErrorReply | FakeRawReply | FakeHangReply;

/** Decides a reply from the request; may wait (e.g. on a gate the test opens). */
export type FakeReplier = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** Builders for replies, so tests read as sentences. */
export const reply = {
  text: (text: string, options: Omit<FakeTextReply, 'kind' | 'text'> = {}): FakeTextReply => ({ kind: 'text', text, ...options }),
  /** An answer the server cut off at the token limit (`finish_reason: "length"`). */
  cut: (text: string, options: Omit<FakeTextReply, 'kind' | 'text' | 'finishReason'> = {}): FakeTextReply => ({ kind: 'text', text, ...options, finishReason: 'length' }),
  /** An answer that ends without any finish_reason: for a stream, one that stopped before the model did. */
  unfinished: (text: string, options: Omit<FakeTextReply, 'kind' | 'text' | 'finishReason'> = {}): FakeTextReply => ({ kind: 'text', text, ...options, finishReason: null }),
  error: (status: number, options: Omit<FakeErrorReply, 'kind' | 'status'> = {}): FakeErrorReply => ({ kind: 'error', status, ...options }),
  raw: (body: string, options: Omit<FakeRawReply, 'kind' | 'body'> = {}): FakeRawReply => ({ kind: 'raw', body, ...options }),
  hang: (): FakeHangReply => ({ kind: 'hang' }),
};

export interface FakeOpenAIOptions {
  /** Reply when the script is empty; default "This is a fake completion.". */
  reply?: FakeReply | FakeReplier;
  /** Known model ids: chat requests for others get OpenAI's 404 model_not_found. Default: any. */
  models?: string[];
  /** Require `Authorization: Bearer <apiKey>`; others get a 401 whose message echoes the key sent. */
  apiKey?: string;
}

export interface FakeOpenAI {
  /** Base URL including /v1, for OPENAI_BASE_URL or the SDK's baseURL. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly FakeRequest[];
  /** Only POST /v1/chat/completions requests. */
  readonly completions: readonly FakeRequest[];
  /** How many chat completion requests arrived. */
  readonly callCount: number;
  /** Queue replies for the next chat requests, one each; the default reply follows when empty. */
  script(...replies: Array<FakeReply | FakeReplier>): void;
  /** Replace the default reply. */
  setDefault(reply: FakeReply | FakeReplier): void;
  /** Forget recorded requests and scripted replies. */
  reset(): void;
  /** Stop listening and end every open response, hanging ones included. */
  close(): Promise<void>;
}

const DEFAULT_TEXT = 'This is a fake completion.';

/** Starts a fake on 127.0.0.1 with a free port. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const queue: Array<FakeReply | FakeReplier> = [];
  let fallback: FakeReply | FakeReplier = options.reply ?? DEFAULT_TEXT;
  let closed = false;
  let sequence = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, errorBody(500, String(error)));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const request = toRecord(req, rawBody);
    requests.push(request);
    res.on('close', () => {
      if (!res.writableFinished && !closed) request.abortedByClient = true;
    });
    const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      const sent = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      sendJson(res, 401, errorBody(401, `Incorrect API key provided: ${sent}.`, 'invalid_api_key'));
      return;
    }
    if (route === 'GET /v1/models') {
      const ids = options.models ?? ['fake-model'];
      sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      return;
    }
    if (route !== 'POST /v1/chat/completions') {
      sendJson(res, 404, errorBody(404, `Unknown request URL: ${request.method} ${request.path}.`, 'unknown_url'));
      return;
    }
    if (request.body === undefined) {
      sendJson(res, 400, errorBody(400, 'We could not parse the JSON body of your request.'));
      return;
    }
    if (options.models && !options.models.includes(request.model ?? '')) {
      const message = `The model \`${request.model ?? ''}\` does not exist or you do not have access to it.`;
      sendJson(res, 404, errorBody(404, message, 'model_not_found'));
      return;
    }
    const next = queue.shift() ?? fallback;
    const decided = typeof next === 'function' ? await next(request) : next;
    await respond(res, request, typeof decided === 'string' ? { kind: 'text', text: decided } : decided);
  }

  async function respond(res: ServerResponse, request: FakeRequest, answer: Exclude<FakeReply, string>): Promise<void> {
    if (answer.kind === 'hang') return; // close() ends it
    if (answer.delayMs) await wait(answer.delayMs);
    if (closed || res.destroyed) return;
    if (answer.kind === 'error') {
      const headers = { 'content-type': 'application/json', ...answer.headers };
      res.writeHead(answer.status, headers);
      res.end(answer.body ?? JSON.stringify(errorBody(answer.status, answer.message, answer.code)));
      return;
    }
    if (answer.kind === 'raw') {
      res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json', ...answer.headers });
      res.end(answer.body);
      return;
    }
    const id = `chatcmpl-fake-${++sequence}`;
    const model = request.model ?? 'fake-model';
    const usage = answer.usage === null ? undefined : usageOf(request, answer.text, answer.usage);
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json', ...answer.headers });
      if (answer.stallAfterChunks !== undefined) {
        res.flushHeaders();
        return;
      }
      const choice: Record<string, unknown> = { index: 0, message: { role: 'assistant', content: answer.text }, logprobs: null };
      if (answer.finishReason !== null) choice.finish_reason = answer.finishReason ?? 'stop';
      res.end(
        JSON.stringify({ id, object: 'chat.completion', created: 0, model, choices: [choice], ...(usage ? { usage } : {}) }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...answer.headers });
    res.flushHeaders();
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish?: string) => ({
      id,
      object: 'chat.completion.chunk',
      created: 0,
      model,
      choices: [{ index: 0, delta, ...(answer.finishReason === null ? {} : { finish_reason: finish ?? null }) }],
    });
    const pieces = answer.chunks ?? splitWords(answer.text);
    for (const [index, piece] of pieces.entries()) {
      if (answer.stallAfterChunks !== undefined && index >= answer.stallAfterChunks) return;
      if (closed || res.destroyed) return;
      if (answer.keepAliveComments) res.write(': keep-alive\n\n');
      send(chunk(index === 0 ? { role: 'assistant', content: piece } : { content: piece }));
      if (answer.chunkDelayMs) await wait(answer.chunkDelayMs);
    }
    if (answer.stallAfterChunks !== undefined && pieces.length <= answer.stallAfterChunks) return;
    if (closed || res.destroyed) return;
    if (answer.finishReason !== null) send(chunk({}, answer.finishReason ?? 'stop'));
    const wantsUsage = (request.body?.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    if (usage && wantsUsage) send({ id, object: 'chat.completion.chunk', created: 0, model, choices: [], usage });
    if (!answer.omitDone) res.write('data: [DONE]\n\n');
    res.end();
  }

  const chatRequests = () =>
    requests.filter((r) => r.method === 'POST' && r.path.replace(/\/+$/, '') === '/v1/chat/completions');

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get completions() {
      return chatRequests();
    },
    get callCount() {
      return chatRequests().length;
    },
    script(...replies) {
      queue.push(...replies);
    },
    setDefault(next) {
      fallback = next;
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function toRecord(req: IncomingMessage, rawBody: string): FakeRequest {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = rawBody ? JSON.parse(rawBody) : undefined;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const messages = Array.isArray(body?.messages)
    ? (body.messages as unknown[]).map((m) => {
        const message = (m ?? {}) as { role?: unknown; content?: unknown };
        return { role: typeof message.role === 'string' ? message.role : '', content: flatten(message.content) };
      })
    : [];
  return {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://fake').pathname,
    headers: req.headers,
    body,
    rawBody,
    model: typeof body?.model === 'string' ? body.model : undefined,
    messages,
    stream: body?.stream === true,
    text: messages.map((m) => m.content).join('\n\n'),
    receivedAt: Date.now(),
    abortedByClient: false,
  };
}

/** Message content may be a string or an array of parts ({ type: 'text', text }). */
function flatten(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => {
        const text = part && typeof part === 'object' ? (part as { text?: unknown }).text : undefined;
        return typeof text === 'string' ? text : '';
      })
      .join('');
  }
  return '';
}

function usageOf(request: FakeRequest, text: string, given: FakeUsage | undefined) {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const prompt_tokens = given?.promptTokens ?? Math.max(1, words(request.text));
  const completion_tokens = given?.completionTokens ?? Math.max(1, words(text));
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** "Hello big world" → ["Hello ", "big ", "world"]: several deltas that join back exactly. */
function splitWords(text: string): string[] {
  const pieces = text.match(/\s*\S+\s*/g);
  return pieces && pieces.length > 0 ? pieces : [text];
}

function errorBody(status: number, message?: string, code?: string) {
  const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: message ?? `Fake error ${status}.`, type, param: null, code: code ?? null } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
