/**
 * Claims on work that several processes could otherwise do twice: a digest slot, a feed poll, an
 * interaction. Two processes may serve the same shard (a rolling deploy runs old and new side by
 * side), so "this process owns the guild" is not enough; the one holding the lease does the work.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import type { LeaseStore } from './lease-store.js';

/** A lease this process holds while its work runs. */
export interface HeldLease {
  readonly key: string;
  /** True once the store said the lease is gone (expired or taken) before the work ended. */
  readonly lost: boolean;
}

/** What {@link Leases.withLease} did. */
export type LeaseRun<T> = { ran: true; value: T; lost: boolean } | { ran: false; reason: 'held' | 'store' };

/** Counters for /metrics. */
export interface LeaseCounts {
  acquired: number;
  refused: number;
  lost: number;
  /** The store could not be asked (Redis down): the work was skipped, to be tried again later. */
  errors: number;
}

export interface LeasesOptions {
  store: LeaseStore;
  logger: Logger;
  /** Told when a lease is lost mid-work (metrics). */
  onLost?: (key: string) => void;
}

export class Leases {
  readonly counts: LeaseCounts = { acquired: 0, refused: 0, lost: 0, errors: 0 };
  private readonly holding = new Map<string, number>();
  private storeFailing = false;

  constructor(private readonly options: LeasesOptions) {}

  /** Keys of the leases held right now, for /healthz. */
  held(): string[] {
    return [...this.holding.keys()].sort();
  }

  /**
   * Runs `work` while holding `key`, keeping the lease alive every third of `ttlMs`; when another
   * process holds it, or the store cannot be asked, `work` does not run. The lease is released
   * afterwards (only if still ours). A lease lost mid-work is logged: the work may then overlap
   * another holder's, which the work's own records must absorb.
   */
  async withLease<T>(key: string, ttlMs: number, work: (lease: HeldLease) => Promise<T>): Promise<LeaseRun<T>> {
    const token = randomUUID();
    const got = await this.ask(() => this.options.store.acquire(key, token, ttlMs));
    if (got === undefined) return { ran: false, reason: 'store' };
    if (!got) {
      this.counts.refused++;
      return { ran: false, reason: 'held' };
    }
    this.counts.acquired++;
    this.holding.set(key, (this.holding.get(key) ?? 0) + 1);
    const lease = { key, lost: false };
    const renew = setInterval(() => {
      void this.options.store.extend(key, token, ttlMs).then(
        (kept) => {
          if (!kept) this.markLost(lease);
        },
        // A store that does not answer cannot confirm the lease; the next renewal tries again.
        () => undefined,
      );
    }, Math.max(10, Math.floor(ttlMs / 3)));
    renew.unref();
    let value: T;
    try {
      value = await work(lease);
    } finally {
      clearInterval(renew);
      const count = (this.holding.get(key) ?? 1) - 1;
      if (count > 0) this.holding.set(key, count);
      else this.holding.delete(key);
      const released = await this.options.store.release(key, token).catch(() => undefined);
      if (released === false) this.markLost(lease);
    }
    return { ran: true, value, lost: lease.lost };
  }

  /**
   * Claims `key` for `ttlMs` and never releases it: the first process to claim an interaction, a
   * DM or a feed's poll interval does it, every later claim in that time is refused. Undefined
   * when the store cannot be asked (the caller decides what is safer).
   */
  async claimOnce(key: string, ttlMs: number): Promise<boolean | undefined> {
    const got = await this.ask(() => this.options.store.acquire(key, randomUUID(), ttlMs));
    if (got === true) this.counts.acquired++;
    else if (got === false) this.counts.refused++;
    return got;
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  private async ask(command: () => Promise<boolean>): Promise<boolean | undefined> {
    try {
      const answer = await command();
      if (this.storeFailing) this.options.logger.info('leases can be claimed again');
      this.storeFailing = false;
      return answer;
    } catch (error) {
      this.counts.errors++;
      // One warning per outage; the store's own health logs the outage too.
      if (!this.storeFailing) this.options.logger.warn({ err: error }, 'could not claim a lease; the work waits until the store answers');
      this.storeFailing = true;
      return undefined;
    }
  }

  private markLost(lease: { key: string; lost: boolean }): void {
    if (lease.lost) return;
    lease.lost = true;
    this.counts.lost++;
    this.options.logger.warn({ lease: lease.key }, 'lease lost mid-work: another process may be doing the same work');
    this.options.onLost?.(lease.key);
  }
}
