import type { Keyv } from 'keyv';
import type { Logger } from '../log.js';
import { SqliteFileChangedError, type StoreAccess } from './sqlite-file.js';

/** What a cache store looks like from the outside right now. */
export interface StoreStatus {
  /** False from the first failed operation until one succeeds again. */
  ok: boolean;
  /** Where the store lives, without credentials ("redis://cache:6379", "sqlite://data/herald.sqlite"). */
  store: string;
  /** When the current outage began (ms since the epoch); absent while ok. */
  downSince?: number;
  /** Failed operations during the current outage. */
  failures: number;
  /** The last failure's message, for /healthz and logs; never contains the store URL's password. */
  lastError?: string;
}

/**
 * Tracks one store's outages so that a dead Redis or a full disk produces one warning when it
 * goes down and one line when it comes back, however many requests fail in between.
 */
export class StoreHealth {
  #ok = true;
  #downSince: number | undefined;
  #failures = 0;
  #lastError: string | undefined;
  /** A write failed during this outage: only a write that works proves the store usable again. */
  #writesFailing = false;
  readonly #listeners = new Set<(status: StoreStatus) => void>();

  constructor(
    private readonly logger: Logger,
    /** Credential-free description of the store, for log lines. */
    readonly store: string,
  ) {}

  /**
   * Records a failed operation; only the first of an outage is logged (as a warning, or as an error
   * when the SQLite file was deleted or replaced).
   */
  fault(error: unknown, access?: StoreAccess): void {
    this.#failures += 1;
    if (access === 'write') this.#writesFailing = true;
    this.#lastError = describeError(error);
    if (!this.#ok) return;
    this.#ok = false;
    this.#downSince = Date.now();
    if (error instanceof SqliteFileChangedError) {
      // Not an outage that heals by itself: someone removed the data under Herald, and only putting
      // the file back (or a restart, starting empty) ends it.
      this.logger.error(
        { store: this.store, reason: this.#lastError },
        'The SQLite store file is gone or replaced; answering without the cache and refusing to store subscriptions until the file is back (a restart starts with what is at the path now)',
      );
    } else {
      this.logger.warn(
        { store: this.store, reason: this.#lastError },
        'Cache store is failing; answering without the cache until it works again',
      );
    }
    this.#notify();
  }

  /**
   * Records a successful operation; ends an outage (logged once) if one was going on. A full disk
   * still serves reads: a read that works does not end an outage in which writes failed, or every
   * request would log the outage ending and starting again.
   */
  ok(access?: StoreAccess): void {
    if (this.#ok) return;
    if (access === 'read' && this.#writesFailing) return;
    const downForMs = Date.now() - (this.#downSince ?? Date.now());
    this.logger.info(
      { store: this.store, failedOperations: this.#failures, downForMs },
      'Cache store works again',
    );
    this.#ok = true;
    this.#downSince = undefined;
    this.#failures = 0;
    this.#writesFailing = false;
    this.#notify();
  }

  status(): StoreStatus {
    return {
      ok: this.#ok,
      store: this.store,
      failures: this.#failures,
      ...(this.#downSince === undefined ? {} : { downSince: this.#downSince }),
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
    };
  }

  /** Calls `listener` whenever the store goes down or comes back; returns an unsubscribe function. */
  onChange(listener: (status: StoreStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    const status = this.status();
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch {
        // A broken observer (metrics, health endpoint) must not break cache bookkeeping.
      }
    }
  }
}

const registry = new WeakMap<Keyv, StoreHealth>();

/** Associates a health tracker with a Keyv instance (done by createKeyv). */
export function registerStoreHealth(keyv: Keyv, health: StoreHealth): void {
  registry.set(keyv, health);
}

/**
 * The health tracker of a Keyv instance. Instances not made by createKeyv (tests, tools) get one
 * on first use that listens to Keyv's own `error` events.
 */
export function storeHealth(keyv: Keyv, logger: Logger, store = 'keyv'): StoreHealth {
  let health = registry.get(keyv);
  if (!health) {
    const created = new StoreHealth(logger, store);
    keyv.on('error', (error: unknown) => created.fault(error));
    registry.set(keyv, created);
    health = created;
  }
  return health;
}

/** The current status of a store, or undefined when nothing has tracked it yet. */
export function storeStatus(keyv: Keyv): StoreStatus | undefined {
  return registry.get(keyv)?.status();
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const text = error.message || error.name;
    return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
  }
  return String(error);
}
