import type { Keyv } from 'keyv';
import { UserError } from '../errors.js';
import type { TokenUsage } from '../llm/types.js';
import type { SharedTokenCounter } from '../scale/shared-budget.js';
import type { Requester } from './types.js';

/** Tokens booked for one UTC day, overall or for one user or guild. */
export interface DayUsage {
  /** UTC date, "2025-06-30". */
  date: string;
  promptTokens: number;
  completionTokens: number;
  /** What the budget counts. */
  total: number;
  /** Model calls booked. */
  requests: number;
}

export interface UsageTrackerOptions {
  /** Tokens a day over all users and guilds; no limit when absent. Resets at 00:00 UTC. */
  dailyBudget?: number;
  /** The clock; tests move it. */
  now?: () => Date;
  /** How long day records are kept in the store. Default 90 days. */
  retentionDays?: number;
  /** Several processes: an atomic day counter the budget check reads (scale/shared-budget.ts). */
  shared?: SharedTokenCounter;
}

const DAY_MS = 86_400_000;

/**
 * Books model token usage per UTC day, overall, per user and per guild, in the store (so shards
 * and restarts add up), and enforces an optional daily budget.
 *
 * Keys (in the tracker's Keyv namespace, "usage" by convention): `day:<date>`,
 * `user:<date>:<userId>`, `guild:<date>:<guildId>`.
 */
export class UsageTracker {
  readonly #keyv: Keyv;
  readonly #dailyBudget: number | undefined;
  readonly #now: () => Date;
  readonly #retentionMs: number;
  readonly #shared: SharedTokenCounter | undefined;
  /** Bookings of one key happen one after another, so concurrent calls in this process add up. */
  readonly #queues = new Map<string, Promise<void>>();
  /**
   * Per key, the bookings waiting for its next write, merged into one: 100 answers finishing at
   * once cost two writes of the day's total, not 100 in a row that the last answer waits behind.
   */
  readonly #waiting = new Map<string, { booking: Booking; written: Promise<void> }>();
  /**
   * What this process booked today. The budget check never goes below it: a store that fails
   * (reads come back empty) must not reopen a spent budget.
   */
  #local: DayUsage;

  constructor(keyv: Keyv, o: UsageTrackerOptions = {}) {
    this.#keyv = keyv;
    this.#dailyBudget = o.dailyBudget !== undefined && o.dailyBudget > 0 ? o.dailyBudget : undefined;
    this.#now = o.now ?? (() => new Date());
    this.#retentionMs = (o.retentionDays ?? 90) * DAY_MS;
    this.#shared = o.shared;
    this.#local = emptyDay(this.#today());
  }

  /** The daily budget in tokens, if one is set. */
  get dailyBudget(): number | undefined {
    return this.#dailyBudget;
  }

  /**
   * Throws UserError('budget_exhausted') once today's tokens reach the budget. Call it right
   * before a model call (after the cache lookup), so cached answers keep working.
   */
  async assertBudget(): Promise<void> {
    if (this.#dailyBudget === undefined) return;
    const { total: known } = await this.today();
    const shared = await this.#shared?.total(this.#today());
    const total = Math.max(known, shared ?? 0);
    if (total >= this.#dailyBudget) {
      throw new UserError('budget_exhausted', {
        budget: this.#dailyBudget,
        resetsAt: nextUtcMidnight(this.#now()).toISOString(),
      });
    }
  }

  /** Books one model call's tokens for today, overall and for the requester's user and guild. */
  async record(usage: TokenUsage, who?: Requester): Promise<void> {
    const date = this.#today();
    const booking = toBooking(usage);
    if (this.#local.date !== date) this.#local = emptyDay(date);
    this.#local = add(this.#local, booking);
    const keys = [`day:${date}`];
    if (who?.userId) keys.push(`user:${date}:${who.userId}`);
    if (who?.guildId) keys.push(`guild:${date}:${who.guildId}`);
    await Promise.all([...keys.map(async (key) => this.#book(key, date, booking)), this.#shared?.add(date, booking.total)]);
  }

  /** Today's tokens over all users and guilds. */
  async today(): Promise<DayUsage> {
    const date = this.#today();
    const stored = await this.#read(`day:${date}`, date);
    const local = this.#local.date === date ? this.#local : emptyDay(date);
    return stored.total >= local.total ? stored : local;
  }

  /** Today's tokens of one user. */
  async user(userId: string): Promise<DayUsage> {
    const date = this.#today();
    return this.#read(`user:${date}:${userId}`, date);
  }

  /** Today's tokens of one guild. */
  async guild(guildId: string): Promise<DayUsage> {
    const date = this.#today();
    return this.#read(`guild:${date}:${guildId}`, date);
  }

  #today(): string {
    return this.#now().toISOString().slice(0, 10);
  }

  async #read(key: string, date: string): Promise<DayUsage> {
    try {
      const value: unknown = await this.#keyv.get(key);
      return isDayUsage(value) ? value : emptyDay(date);
    } catch {
      // Herald's Keyv never throws; a bare one might. Usage is bookkeeping, not worth a failed answer.
      return emptyDay(date);
    }
  }

  /** Resolves once `booking` is in the store (or the store failed). */
  async #book(key: string, date: string, booking: Booking): Promise<void> {
    const waiting = this.#waiting.get(key);
    if (waiting) {
      waiting.booking = merge(waiting.booking, booking);
      return waiting.written;
    }
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const batch = { booking, written: Promise.resolve() };
    this.#waiting.set(key, batch);
    const next = previous.then(async () => {
      // Bookings from now on wait for the next write: this one's sum is taken.
      this.#waiting.delete(key);
      const current = await this.#read(key, date);
      try {
        await this.#keyv.set(key, add(current, batch.booking), this.#retentionMs);
      } catch {
        // See #read.
      }
    });
    batch.written = next;
    this.#queues.set(key, next);
    try {
      await next;
    } finally {
      if (this.#queues.get(key) === next) this.#queues.delete(key);
    }
  }
}

/** Tokens of one or more model calls (`requests`), to add to a day. */
type Booking = Pick<DayUsage, 'promptTokens' | 'completionTokens' | 'total' | 'requests'>;

function toBooking(usage: TokenUsage): Booking {
  const clean = (n: number) => (Number.isFinite(n) && n > 0 ? Math.round(n) : 0);
  const promptTokens = clean(usage.promptTokens);
  const completionTokens = clean(usage.completionTokens);
  return { promptTokens, completionTokens, total: clean(usage.totalTokens) || promptTokens + completionTokens, requests: 1 };
}

function merge(a: Booking, b: Booking): Booking {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    total: a.total + b.total,
    requests: a.requests + b.requests,
  };
}

function add(day: DayUsage, booking: Booking): DayUsage {
  return {
    date: day.date,
    promptTokens: day.promptTokens + booking.promptTokens,
    completionTokens: day.completionTokens + booking.completionTokens,
    total: day.total + booking.total,
    requests: day.requests + booking.requests,
  };
}

function emptyDay(date: string): DayUsage {
  return { date, promptTokens: 0, completionTokens: 0, total: 0, requests: 0 };
}

function isDayUsage(value: unknown): value is DayUsage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.date === 'string' && typeof v.total === 'number' && typeof v.promptTokens === 'number' &&
    typeof v.completionTokens === 'number' && typeof v.requests === 'number';
}

function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
