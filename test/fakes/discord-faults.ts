/**
 * Fault injection for the fake Discord's REST side: scripted 429s, 5xx and Discord JSON errors on
 * matching routes, and an optional global token bucket like Discord's 50 requests/s per bot.
 */

/** A response the fake gives instead of the real one. */
export type Fault =
  /** 429 with `Retry-After` (seconds), `X-RateLimit-Scope` and, when global, `X-RateLimit-Global: true`. */
  | { kind: 'rateLimit'; retryAfterMs?: number; global?: boolean; scope?: 'user' | 'global' | 'shared' }
  /** A bare server error; @discordjs/rest retries 5xx up to 3 times. */
  | { kind: 'serverError'; status?: 500 | 502 | 503 | 504 }
  /**
   * A Discord JSON error. Status defaults from the code: 10003 Unknown Channel and 10008 Unknown
   * Message → 404; 50001 Missing Access and 50013 Missing Permissions → 403; others 400.
   */
  | { kind: 'discordError'; code: number; status?: number; message?: string }
  /** Answers normally, but only after `ms` (a slow Discord). */
  | { kind: 'delay'; ms: number };

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** HTTP method, upper case; any when absent. */
  method?: string;
  /**
   * The path after `/api/v10`, decoded (`/channels/123/messages`). A string matches when the path
   * contains it; a RegExp is tested against it.
   */
  path?: string | RegExp;
}

/** A registered fault; `remaining` counts down per hit, `Infinity` for persistent ones. */
export interface FaultRule extends FaultMatch {
  fault: Fault;
  remaining: number;
  /** How many requests it has answered so far. */
  hits: number;
}

/** Well-known Discord error messages, keyed by code. */
export const DISCORD_ERRORS: Readonly<Record<number, { status: number; message: string }>> = {
  10003: { status: 404, message: 'Unknown Channel' },
  10004: { status: 404, message: 'Unknown Guild' },
  10008: { status: 404, message: 'Unknown Message' },
  10015: { status: 404, message: 'Unknown Webhook' },
  10062: { status: 404, message: 'Unknown interaction' },
  10063: { status: 404, message: 'Unknown application command' },
  40060: { status: 400, message: 'Interaction has already been acknowledged.' },
  50001: { status: 403, message: 'Missing Access' },
  50007: { status: 403, message: 'Cannot send messages to this user' },
  50013: { status: 403, message: 'Missing Permissions' },
};

/** The rules, in the order they were added; the first match wins. */
export class FaultInjector {
  readonly rules: FaultRule[] = [];

  /** Adds a rule; `times` defaults to 1. Returns it so a test can read `hits` or remove it. */
  add(match: FaultMatch, fault: Fault, times = 1): FaultRule {
    const rule: FaultRule = { ...match, fault, remaining: times, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  remove(rule: FaultRule): void {
    const i = this.rules.indexOf(rule);
    if (i >= 0) this.rules.splice(i, 1);
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The fault for this request, consuming one use of its rule. */
  take(method: string, path: string): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === 'string' && !path.includes(rule.path)) continue;
      if (rule.path instanceof RegExp && !rule.path.test(path)) continue;
      rule.remaining -= 1;
      rule.hits += 1;
      return rule.fault;
    }
    return undefined;
  }
}

/** A token bucket: `perSecond` tokens a second, holding at most `burst`. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    readonly perSecond: number,
    readonly burst: number = perSecond,
  ) {
    this.tokens = burst;
  }

  /** Takes a token, or says how long until one is available. */
  take(): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - this.tokens) / this.perSecond) * 1000) };
  }
}
