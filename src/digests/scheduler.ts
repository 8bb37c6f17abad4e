import cron from 'node-cron';
import type { Logger } from '../log.js';
import type { ComposeMemo } from './compose.js';
import type { DeliveryReport, DigestDelivery } from './delivery.js';
import { DigestStoreError, ownerOf, type Subscription, type SubscriptionStore } from './subscriptions.js';
import { nextSlot, parseTimeOfDay, previousSlot, slotFromKey } from '../time/slots.js';

/** Calls `onTick` at the start of every minute until stopped. */
export type Ticker = (onTick: () => void) => { stop(): void };

/** The production ticker: one node-cron task firing at second 0 of every minute. */
export const cronTicker: Ticker = (onTick) => {
  const task = cron.schedule('* * * * *', onTick, { name: `herald-digests-${process.pid}-${Date.now()}` });
  // A missed minute needs no warning: the next tick posts every slot that came due meanwhile (see
  // maxLateMs), and node-cron's warning would otherwise go to the console once per missed minute.
  task.on('execution:missed', () => undefined);
  return {
    stop() {
      void task.destroy();
    },
  };
};

/** Everything the scheduler needs; see createDigestService for defaults. */
export interface SchedulerDeps {
  store: SubscriptionStore;
  delivery: DigestDelivery;
  logger: Logger;
  now: () => Date;
  /**
   * True for the owners (guild ids, `member:<id>` for personal briefings) this process (shard)
   * serves; others' subscriptions are left to their shard.
   */
  ownsGuild: (guildId: string) => boolean;
  /**
   * Runs one subscription's due work only if no other process runs it (a lease, see
   * scale/leases.ts), else answers 'busy' without running it. Default: run it (one process).
   */
  claimSlot?: SlotClaim;
  /**
   * Several processes on one shard: read the shard's subscriptions from the store again before
   * every tick, so one made (or removed) through another process is posted by whichever holds the
   * lease, even after that other process died. Default false (this process made them all).
   */
  reloadEachTick?: boolean;
  /**
   * A slot that passed while the scheduler was not running is posted late if it is less than this
   * old; older ones are skipped as missed. Default 2 h.
   */
  catchUpMs?: number;
  /** How long a failing delivery is retried before it is given up. Default 12 h. */
  retryWindowMs?: number;
  /** Deliveries in flight at once (the channel's REST client queues the posts themselves at Discord's rate). Default 64. */
  concurrency?: number;
  ticker?: Ticker;
  /** Called with every subscription tracked (loaded, created, changed by a delivery). */
  onTrack?: (sub: Subscription) => void;
}

/** See SchedulerDeps.claimSlot. */
export type SlotClaim = (subscriptionId: string, run: () => Promise<DeliveryReport['status']>) => Promise<DeliveryReport['status']>;

/** What one tick did (tests, the bench and logs). */
export interface TickReport {
  /** Subscriptions that were due. */
  due: number;
  /** Outcome counts. */
  outcomes: Partial<Record<DeliveryReport['status'], number>>;
}

interface Entry {
  subscription: Subscription;
  /** When this subscription next needs attention (ms since the epoch); Infinity while paused. */
  dueAt: number;
}

const HOUR = 3_600_000;

/**
 * Decides when each subscription's digest is due and hands it to DigestDelivery.
 *
 * Design: ONE node-cron task ticks every minute; each subscription's next slot is computed by
 * time/slots.ts (IANA zone, DST rules) and kept in memory, so a tick is a comparison per subscription.
 * Against one cron task per subscription this gives: the same slot arithmetic for firing, catch-up
 * and `/digest list`, with the DST behaviour we chose and tested (skipped times fire right after the
 * jump, repeated times once) instead of whatever a cron library does in those hours; catch-up and
 * retries fall out of the same "due" check; 10,000 subscriptions cost one timer, not 10,000.
 *
 * A slot is due when it is after the subscription's creation and not yet its `lastSlot`. A due slot
 * that passed before start() (Herald was down) is delivered if less than `catchUpMs` old; an older
 * one is skipped, logged and recorded as "missed". A slot that passed while the scheduler ran but
 * could not be delivered (the store was unavailable) is retried for `retryWindowMs`, like a failed
 * delivery. A pending delivery (crash mid-post, failed attempt) is resumed first.
 */
export class DigestScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<unknown>>();
  private ticker: { stop(): void } | undefined;
  private stopping = false;
  /** Whether the subscriptions were read from the store since start. */
  private loaded = false;
  private loadFailures = 0;
  /**
   * When start() last ran (ms since the epoch). Slots before it passed while Herald was not
   * scheduling; infinite before the first start, so a bare tick() treats every late slot that way.
   */
  private startedAt = Number.POSITIVE_INFINITY;
  private readonly catchUpMs: number;
  private readonly retryWindowMs: number;
  private readonly concurrency: number;

  constructor(private readonly deps: SchedulerDeps) {
    this.catchUpMs = deps.catchUpMs ?? 2 * HOUR;
    this.retryWindowMs = deps.retryWindowMs ?? 12 * HOUR;
    this.concurrency = deps.concurrency ?? 64;
  }

  /**
   * Loads this shard's subscriptions, catches up what is due, then ticks every minute. If the store
   * cannot be read (Redis down at start-up), the ticker starts anyway and every tick tries to load
   * again, so digests resume by themselves once the store is back.
   */
  async start(): Promise<TickReport> {
    this.stopping = false;
    this.startedAt = this.deps.now().getTime();
    this.deps.delivery.resume();
    const report = (await this.load()) ? await this.tick() : { due: 0, outcomes: {} };
    if (!this.stopping) {
      this.ticker = (this.deps.ticker ?? cronTicker)(
        () => void this.scheduledTick().catch((error: unknown) => this.deps.logger.error({ err: error }, 'digest tick failed')),
      );
    }
    return report;
  }

  private async load(): Promise<boolean> {
    try {
      const subs = await this.deps.store.listAll(this.deps.ownsGuild);
      for (const sub of subs) this.track(sub);
      this.loaded = true;
      this.loadFailures = 0;
      this.deps.logger.info({ subscriptions: this.entries.size }, 'digest scheduler started');
      return true;
    } catch (error) {
      // One warning per outage; the minute-by-minute retries that follow stay at debug.
      const level = this.loadFailures++ === 0 ? 'warn' : 'debug';
      this.deps.logger[level]({ err: error }, 'could not load digest subscriptions; trying again every minute');
      return false;
    }
  }

  private async scheduledTick(): Promise<void> {
    if (!this.loaded && !(await this.load())) return;
    if (this.deps.reloadEachTick) await this.reload();
    await this.tick();
  }

  /** Tracks what the store lists now; on failure the tick goes on with what is known. */
  private async reload(): Promise<void> {
    try {
      const subs = await this.deps.store.listAll(this.deps.ownsGuild);
      const listed = new Set(subs.map((sub) => sub.id));
      for (const id of this.entries.keys()) if (!listed.has(id) && !this.running.has(id)) this.forget(id);
      for (const sub of subs) if (!this.running.has(sub.id)) this.track(sub);
    } catch (error) {
      this.deps.logger.debug({ err: error }, 'could not re-read digest subscriptions; ticking with the known ones');
    }
  }

  /**
   * Stops ticking; deliveries in flight finish the message they are posting and keep their record
   * for the next start. Resolves when they have (a composition waiting on the LLM is awaited too;
   * callers bound shutdown with their own timeout — the records make that safe).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.deps.delivery.halt();
    this.ticker?.stop();
    this.ticker = undefined;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Starts or refreshes tracking of a subscription (after subscribe, or a delivery changed it). */
  track(sub: Subscription): void {
    if (!this.deps.ownsGuild(ownerOf(sub))) return;
    this.deps.onTrack?.(sub);
    this.entries.set(sub.id, { subscription: sub, dueAt: this.dueAt(sub) });
  }

  /** Stops tracking a removed subscription. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  /** Number of subscriptions this scheduler tracks. */
  get size(): number {
    return this.entries.size;
  }

  /** When the subscription's next digest will be attempted; undefined while paused. */
  nextRun(sub: Subscription, now = this.deps.now()): Date | undefined {
    if (sub.pausedReason) return undefined;
    if (sub.delivery) return new Date(Math.max(sub.delivery.retryAt ?? now.getTime(), now.getTime()));
    const dueAt = this.dueAt(sub);
    // A due slot not yet run (the next tick takes it), or the next one.
    return new Date(dueAt <= now.getTime() ? now.getTime() : dueAt);
  }

  /** Runs `work` for one subscription once no other run of it is in flight. */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.running.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.running.set(id, tail);
    void tail.then(() => {
      if (this.running.get(id) === tail) this.running.delete(id);
    });
    return next;
  }

  /**
   * Runs `work` for one subscription once no other run of it is in flight here and, when processes
   * share the store, under its slot lease (`claimSlot`). Undefined when another process holds it.
   */
  async exclusiveClaimed<T>(id: string, work: () => Promise<T>, statusOf: (value: T) => DeliveryReport['status']): Promise<T | undefined> {
    return this.exclusive(id, async () => {
      const claim = this.deps.claimSlot;
      if (!claim) return work();
      let value: T | undefined;
      await claim(id, async () => {
        value = await work();
        return statusOf(value);
      });
      return value;
    });
  }

  /** Delivers every due slot. Subscriptions still running from an earlier tick are left to it. */
  async tick(): Promise<TickReport> {
    const now = this.deps.now().getTime();
    const due = [...this.entries.values()].filter((e) => e.dueAt <= now && !this.running.has(e.subscription.id));
    const report: TickReport = { due: due.length, outcomes: {} };
    if (due.length === 0) return report;
    const memo: ComposeMemo = new Map();
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopping) {
        const entry = due[next++];
        if (!entry) break;
        const id = entry.subscription.id;
        // Claimed before the store is read: the previous holder's records are then complete.
        const run = () => this.runDue(id, memo);
        const status = (await this.exclusiveClaimed(id, run, (ran) => ran)) ?? 'busy';
        report.outcomes[status] = (report.outcomes[status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
    return report;
  }

  private async runDue(id: string, memo: ComposeMemo): Promise<DeliveryReport['status']> {
    const { store, delivery, logger } = this.deps;
    try {
      const sub = await store.get(id);
      if (!sub) {
        this.forget(id);
        return 'gone';
      }
      const now = this.deps.now();
      let result: DeliveryReport;
      if (sub.delivery) {
        if (now.getTime() - sub.delivery.slotAt > this.retryWindowMs) {
          logger.warn({ subscription: id, slot: sub.delivery.slot }, 'digest delivery given up after retrying for too long');
          const attempts = sub.delivery.attempts;
          const updated = await delivery.abandon(id, `gave up after ${attempts} failed attempts`, { code: 'gave_up', params: { attempts } });
          if (updated) this.track(updated);
          return 'failed';
        }
        result = await delivery.deliver(id, { key: sub.delivery.slot, at: new Date(sub.delivery.slotAt) }, memo);
      } else {
        if (sub.pausedReason) {
          this.track(sub);
          return 'paused';
        }
        const slot = previousSlot(parseTimeOfDay(sub.time), sub.timezone, now);
        if (slot.at.getTime() <= sub.createdAt || slot.key === sub.lastSlot) {
          this.track(sub);
          return 'already';
        }
        const lateMs = now.getTime() - slot.at.getTime();
        const skipped = await this.skipLate(sub, slot, lateMs);
        if (skipped) return skipped;
        if (lateMs > 90_000) logger.info({ subscription: id, slot: slot.key, lateMinutes: Math.round(lateMs / 60_000) }, 'catching up a missed digest slot');
        result = await delivery.deliver(id, slot, memo);
      }
      const latest = 'subscription' in result ? result.subscription : await store.get(id);
      if (latest) this.track(latest);
      else this.forget(id);
      return result.status;
    } catch (error) {
      // Store trouble: nothing was posted without a record; look again at the next tick. A store
      // outage is logged once by the store's health; repeating it per subscription and minute
      // would bury everything else, so those stay at debug.
      const level = error instanceof DigestStoreError ? 'debug' : 'error';
      logger[level]({ err: error, subscription: id }, 'digest run failed; retrying next minute');
      const entry = this.entries.get(id);
      if (entry) entry.dueAt = this.deps.now().getTime() + 60_000;
      return 'retrying';
    }
  }

  /**
   * Gives up a slot too late to post: one that passed while Herald was down and is older than the
   * catch-up window ("missed"), or one that passed while Herald ran but the store could not be used
   * for the whole retry window ("failed"; Herald was not offline, so it must not say so).
   * Undefined when the slot is still to be delivered.
   */
  private async skipLate(sub: Subscription, slot: { key: string; at: Date }, lateMs: number): Promise<'missed' | 'failed' | undefined> {
    const { delivery, logger } = this.deps;
    const at = slot.key.replace('T', ' ');
    const context = { subscription: sub.id, guild: sub.guildId, slot: slot.key, timezone: sub.timezone, lateMinutes: Math.round(lateMs / 60_000) };
    if (slot.at.getTime() < this.startedAt) {
      if (lateMs <= this.catchUpMs) return undefined;
      logger.info(context, 'skipping a digest slot missed while Herald was down (older than the catch-up window)');
      this.trackStored(await delivery.skipMissed(sub.id, slot.key, `Herald was offline at ${at}`, { code: 'offline', params: { slot: at } }));
      return 'missed';
    }
    if (lateMs <= this.retryWindowMs) return undefined;
    logger.warn(context, 'digest slot given up: the store was unavailable for the whole retry window');
    this.trackStored(await delivery.giveUpSlot(sub.id, slot.key, `the digest store could not be used from ${at} on`, { code: 'store_unavailable', params: { slot: at } }));
    return 'failed';
  }

  /** Tracks a subscription a store update returned (undefined: it was removed meanwhile). */
  private trackStored(sub: Subscription | undefined): void {
    if (sub) this.track(sub);
  }

  private dueAt(sub: Subscription): number {
    if (sub.pausedReason) return Number.POSITIVE_INFINITY;
    if (sub.delivery) return sub.delivery.retryAt ?? 0;
    const last = sub.lastSlot ? slotFromKey(sub.lastSlot, sub.timezone)?.at.getTime() ?? 0 : 0;
    const base = new Date(Math.max(sub.createdAt, last));
    return nextSlot(parseTimeOfDay(sub.time), sub.timezone, base).at.getTime();
  }
}
