import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { createRequire } from 'node:module';
import type * as PinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'DISCORD_TOKEN',
  'OPENAI_API_KEY',
  'token',
  'apiKey',
  'password',
  'authorization',
  'headers.Authorization',
  // One level down covers `{ config }`, `{ headers }`, `{ settings }`; deeper nesting is left to
  // value and shape redaction (wildcard paths make every line slower).
  '*.DISCORD_TOKEN',
  '*.OPENAI_API_KEY',
  '*.token',
  '*.apiKey',
  '*.password',
  '*.authorization',
  '*.Authorization',
];

/**
 * Shapes of secrets that are caught even when nobody told the logger their exact value: a value
 * can reach a line through a path nobody thought of (an error message, a URL, a child binding).
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // Discord bot tokens: base64 user id, timestamp, HMAC. Also matches JWTs, which are secrets too.
  {
    name: 'discord-token',
    // The full pattern backtracks at every position; the middle part is rare and cheap to find.
    hint: /\.[\w-]{6,7}\./,
    pattern: /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,45}/g,
    replacement: '[redacted]',
  },
  // OpenAI-style keys (sk-..., sk-proj-...).
  { name: 'api-key', hint: /sk-/, pattern: /\bsk-[\w-]{16,}/g, replacement: '[redacted]' },
  // Passwords inside URLs, e.g. STORE_URL=redis://:password@host:6379.
  {
    name: 'url-credentials',
    hint: /:\/\/[^\s@/]*@/,
    pattern: /\b([a-z][a-z\d+.-]*:\/\/)[^\s:@/]*:[^\s@/]+@/gi,
    replacement: '$1[redacted]@',
  },
];

/** A kind of secret recognised by its shape. */
export interface SecretPattern {
  name: string;
  /** Cheap test run first; the pattern only runs on text that passes it. */
  hint: RegExp;
  pattern: RegExp;
  replacement: string;
}

export interface LoggerOptions {
  level?: string;
  /** Exact secret values to scrub from every line, beyond the redacted paths and secret shapes. */
  secrets?: string[];
  /** Where lines go; standard error by default, so the console's answers on stdout stay clean. */
  destination?: pino.DestinationStream;
  /** Readable lines instead of JSON; defaults to "no destination given and stderr is a terminal". */
  pretty?: boolean;
}

/** Replaces every occurrence of a secret in text with [redacted]. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * Removes known secret values and anything shaped like a secret (tokens, API keys, URL passwords)
 * from text; for messages that leave the process (logs, health reasons, error replies).
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = scrub(text, secrets);
  for (const { hint, pattern, replacement } of SECRET_PATTERNS) {
    if (hint.test(out)) out = out.replace(pattern, replacement);
  }
  return out;
}

/**
 * Herald's logger: JSON lines in production, readable on a terminal.
 *
 * Secrets are redacted three ways: by path (config objects, headers), by exact value and by shape.
 * Value and shape redaction run on the finished line, so nothing escapes them: not child bindings,
 * not error messages or stacks, not nested objects of any depth.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = expandSecrets(options.secrets ?? []);
  const pretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true);
  // Synchronous writes: lines logged just before process.exit (shutdown, fatal config) are not lost.
  const sink = options.destination ?? pino.destination({ dest: 2, sync: true });
  // Loaded only for a terminal: a bot logging JSON, or a container, never pays for it at start.
  const format = pretty ? prettyFormatter()({ colorize: options.destination === undefined }) : undefined;
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Lines logged deep in the services (model retries, cache faults) while answering a request
      // carry that request's fields too, without every layer passing a logger down.
      mixin: (_merge, _level, instance) => {
        const fields = requestFields.getStore();
        return fields && !('requestId' in instance.bindings()) ? fields : {};
      },
    },
    redactingStream(sink, secrets, format),
  );
}

/** Wraps a destination so every line is scrubbed (and optionally prettified) before it is written. */
function redactingStream(
  sink: pino.DestinationStream,
  secrets: readonly string[],
  format: ((line: string) => string) | undefined,
): pino.DestinationStream & { flush(cb?: (err?: Error) => void): void; flushSync(): void } {
  const flushable = sink as Partial<{ flush(cb?: (err?: Error) => void): void; flushSync(): void }>;
  return {
    write(line: string) {
      const clean = redactText(line, secrets);
      sink.write(format ? format(clean) : clean);
    },
    flush(cb?: (err?: Error) => void) {
      if (typeof flushable.flush === 'function') flushable.flush.call(sink, cb);
      else cb?.();
    },
    flushSync() {
      if (typeof flushable.flushSync === 'function') flushable.flushSync.call(sink);
    },
  };
}

/** A secret also appears JSON-escaped inside a JSON line; scrub both spellings. */
function expandSecrets(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    out.add(secret);
    out.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret containing another is removed whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Who and what a log line about one interaction (or DM request) is about. */
export interface RequestContext {
  /** Command name (`summarize`, `digest subscribe`, `dm:summarize`, ...). */
  command: string;
  /** Guild id; undefined in DMs. */
  guildId?: string | null;
  /** Id of the user who asked. */
  userId: string;
  /** Correlates every line of one request; a fresh id when not given. */
  requestId?: string;
}

/** A short random id for one request. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/** The fields of the request being answered in the current async context. */
const requestFields = new AsyncLocalStorage<RequestFields>();

interface RequestFields {
  command: string;
  guild: string;
  user: string;
  requestId: string;
}

function fieldsOf(context: RequestContext): RequestFields {
  return {
    command: context.command,
    guild: context.guildId ?? 'dm',
    user: context.userId,
    requestId: context.requestId ?? newRequestId(),
  };
}

/**
 * A child logger whose every line carries `command`, `guild`, `user` and `requestId`, so one
 * interaction can be followed through the service, the cache and the model.
 */
export function requestLogger(logger: Logger, context: RequestContext): Logger {
  return logger.child(fieldsOf(context));
}

/**
 * Runs `work` as part of one request: every line any Herald logger writes meanwhile (the service's,
 * the model's, the cache's) carries the request's `command`, `guild`, `user` and `requestId`.
 */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return requestFields.run(fieldsOf(context), work);
}

/** A logger that writes nothing; for tests and tools. */
export const silentLogger: Logger = pino({ level: 'silent' });

function prettyFormatter(): typeof PinoPretty.prettyFactory {
  return (createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty).prettyFactory;
}
