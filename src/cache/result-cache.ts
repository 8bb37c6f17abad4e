import type { Keyv } from 'keyv';
import type { Logger } from '../log.js';
import { withTimeout } from './guarded-store.js';
import { SingleFlight } from './single-flight.js';
import { storeHealth, type StoreHealth } from './store-health.js';

/** How a lookup was answered; for metrics. */
export type CacheOutcome = 'memory_hit' | 'store_hit' | 'miss' | 'joined';

export interface ResultCacheOptions {
  /** Results kept in process memory in front of the store (0 turns that off). Default 256. */
  memoryEntries?: number;
  /** Lifetime of an entry; defaults to the Keyv's own `ttl` (none when neither is set). */
  ttlMs?: number;
  /** A store read or write slower than this is abandoned (a miss / not stored). Default 3 s. */
  timeoutMs?: number;
  /** Called once per getOrCompute with how it was answered (cache hit/miss metrics). */
  onOutcome?: (outcome: CacheOutcome) => void;
}

/** Counters since start; `joined` are calls that shared another call's computation. */
export interface ResultCacheStats {
  memoryHits: number;
  storeHits: number;
  misses: number;
  joined: number;
}

/** What the store holds per key; the wrapper tells "cached undefined" from "absent". */
interface Envelope {
  value: unknown;
  storedAt: number;
}

const TRANSIENT = Symbol('transient');

/** A computed value to hand to its callers without storing it (see {@link transient}). */
export interface Transient<T> {
  readonly [TRANSIENT]: true;
  readonly value: T;
}

/**
 * Wraps what a `getOrCompute` computation returns when it must not be cached, e.g. an answer the
 * model did not finish: the callers sharing the computation get it, the next request computes again.
 */
export function transient<T>(value: T): Transient<T> {
  return { [TRANSIENT]: true, value };
}

function isTransient(value: unknown): value is Transient<unknown> {
  return typeof value === 'object' && value !== null && TRANSIENT in value;
}

const DEFAULT_MEMORY_ENTRIES = 256;
const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * Answers "compute this unless it is known": memory → store → one shared computation per key,
 * whose result is stored with a TTL. The store is an optimisation only: when it fails, results
 * are computed and returned as if it were empty, and the outage is logged once.
 */
export class ResultCache {
  readonly #keyv: Keyv;
  readonly #health: StoreHealth;
  readonly #flights = new SingleFlight<{ value: unknown; cached: boolean }>();
  /** Store reads in flight: concurrent look-ups of one key share one read. */
  readonly #reads = new SingleFlight<Envelope | undefined>();
  readonly #memory = new Map<string, { value: unknown; expires: number }>();
  /** Keys whose shared run found nothing cached and is computing now. */
  readonly #computing = new Set<string>();
  readonly #memoryEntries: number;
  readonly #ttlMs: number | undefined;
  readonly #timeoutMs: number;
  readonly #onOutcome: ((outcome: CacheOutcome) => void) | undefined;
  readonly #stats: ResultCacheStats = { memoryHits: 0, storeHits: 0, misses: 0, joined: 0 };

  constructor(keyv: Keyv, logger: Logger, options: ResultCacheOptions = {}) {
    this.#keyv = keyv;
    this.#health = storeHealth(keyv, logger);
    this.#memoryEntries = Math.max(0, options.memoryEntries ?? DEFAULT_MEMORY_ENTRIES);
    const ttl = options.ttlMs ?? keyv.ttl;
    this.#ttlMs = typeof ttl === 'number' && ttl > 0 ? ttl : undefined;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#onOutcome = options.onOutcome;
  }

  /**
   * The value cached under `key`, or the result of `compute` (then stored). Concurrent calls with
   * the same key share one store read and one `compute`; if it throws, they all get the error and
   * nothing is stored. `cached` is true when the value came from memory or the store without
   * computing. A value computed as `transient(value)` is returned to them all but not stored.
   * `onMiss` is called when the value is neither in memory nor in the store, before this call joins
   * or starts a computation; what it throws fails this call alone (a per-user limit). It saves the
   * caller a look-up of its own before asking: one store read per miss, not two.
   * `onJoinComputation` is called when this call joins another caller's computation that is already
   * running, so it will wait as long as that one does (the caller that computes knows by `compute`).
   */
  async getOrCompute<T>(
    key: string,
    compute: () => Promise<T | Transient<T>>,
    onJoinComputation?: () => void,
    onMiss?: () => void | Promise<void>,
  ): Promise<{ value: T; cached: boolean }> {
    const remembered = this.#recall(key);
    if (remembered) {
      this.#count('memory_hit');
      return { value: remembered.value as T, cached: true };
    }
    // A computation running means the store had nothing when it started: no read to wait for.
    if (!this.#computing.has(key)) {
      const { stored, leader } = await this.#sharedRead(key);
      if (stored) {
        this.#count(leader ? 'store_hit' : 'joined');
        this.#remember(key, stored.value);
        return { value: stored.value as T, cached: true };
      }
      // Another caller's computation may have finished while this one read the store.
      const meanwhile = this.#recall(key);
      if (meanwhile) {
        this.#count('memory_hit');
        return { value: meanwhile.value as T, cached: true };
      }
    }
    // A per-user limit kept in a shared store answers asynchronously; an in-process one does not wait.
    const admitted = onMiss?.();
    if (admitted) await admitted;
    if (this.#computing.has(key)) onJoinComputation?.();
    let leader = false;
    const result = await this.#flights.run(key, async () => {
      leader = true;
      this.#count('miss');
      this.#computing.add(key);
      let computed: T | Transient<T>;
      try {
        computed = await compute();
      } finally {
        this.#computing.delete(key);
      }
      if (isTransient(computed)) return { value: computed.value, cached: false };
      const value = computed;
      this.#remember(key, value);
      await this.#write(key, value);
      return { value, cached: false };
    });
    if (!leader) this.#count('joined');
    return result as { value: T; cached: boolean };
  }

  /** The cached value for `key` without computing anything; undefined when absent or on faults. */
  async peek<T>(key: string): Promise<T | undefined> {
    const remembered = this.#recall(key);
    if (remembered) return remembered.value as T;
    return (await this.#sharedRead(key)).stored?.value as T | undefined;
  }

  /**
   * Stores `value` under `key` as if `getOrCompute` had computed it: for answers made for several
   * keys at once (a digest generation that also answers each article's own summary question).
   */
  async put<T>(key: string, value: T): Promise<void> {
    this.#remember(key, value);
    await this.#write(key, value);
  }

  /** Counters since start. */
  get stats(): Readonly<ResultCacheStats> {
    return { ...this.#stats };
  }

  /** One store read per key at a time; `leader` is false for the calls that joined another's. */
  async #sharedRead(key: string): Promise<{ stored: Envelope | undefined; leader: boolean }> {
    let leader = false;
    const stored = await this.#reads.run(key, () => {
      leader = true;
      return this.#read(key);
    });
    return { stored, leader };
  }

  async #read(key: string): Promise<Envelope | undefined> {
    try {
      const raw: unknown = await withTimeout(this.#keyv.get(key), this.#timeoutMs);
      return isEnvelope(raw) ? raw : undefined;
    } catch (error) {
      // Stores made by createKeyv never throw; a bare Keyv (or a slow one) may.
      this.#health.fault(error, 'read');
      return undefined;
    }
  }

  async #write(key: string, value: unknown): Promise<void> {
    const envelope: Envelope = { value, storedAt: Date.now() };
    try {
      // Awaited so that a one-shot process (the console) has stored its answer before it exits.
      const stored = await withTimeout(this.#keyv.set(key, envelope, this.#ttlMs), this.#timeoutMs);
      if (stored) this.#health.ok('write');
    } catch (error) {
      this.#health.fault(error, 'write');
    }
  }

  #recall(key: string): { value: unknown } | undefined {
    const entry = this.#memory.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.#memory.delete(key);
      return undefined;
    }
    // Re-inserting keeps the Map in least-recently-used order, so eviction takes the oldest.
    this.#memory.delete(key);
    this.#memory.set(key, entry);
    return entry;
  }

  #remember(key: string, value: unknown): void {
    if (this.#memoryEntries === 0) return;
    this.#memory.delete(key);
    this.#memory.set(key, { value, expires: this.#ttlMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + this.#ttlMs });
    while (this.#memory.size > this.#memoryEntries) {
      const oldest = this.#memory.keys().next();
      if (oldest.done) break;
      this.#memory.delete(oldest.value);
    }
  }

  #count(outcome: CacheOutcome): void {
    if (outcome === 'memory_hit') this.#stats.memoryHits += 1;
    else if (outcome === 'store_hit') this.#stats.storeHits += 1;
    else if (outcome === 'miss') this.#stats.misses += 1;
    else this.#stats.joined += 1;
    try {
      this.#onOutcome?.(outcome);
    } catch {
      // Metrics must never break answering.
    }
  }
}

function isEnvelope(raw: unknown): raw is Envelope {
  return typeof raw === 'object' && raw !== null && 'value' in raw && 'storedAt' in raw;
}
