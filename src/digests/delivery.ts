import type { Article } from '../articles/types.js';
import type { Logger } from '../log.js';
import type { ChannelMessage, DigestChannel, DirectMessageChannel, Membership } from './channel.js';
import { datedDigest, selectArticles, type ComposeMemo, type DigestComposer, type DigestContent, type SelectionLimits } from './compose.js';
import { cachedMembership } from './membership-cache.js';
import { verdictOn, verdictOnAccess, verdictOnMembership } from './post-failures.js';
import type { DigestNote, DigestOutcome, PendingDelivery, Subscription, SubscriptionStore } from './subscriptions.js';

/** What one delivery attempt ended with. */
export type DeliveryReport =
  | { status: 'already' | 'gone' | 'busy' }
  | { status: DigestOutcome['status']; outcome: DigestOutcome; subscription: Subscription };

/** Everything DigestDelivery needs. */
export interface DeliveryDeps {
  store: SubscriptionStore;
  composer: DigestComposer;
  articles: DigestArticles;
  /** Where digests are rendered and posted. */
  channel: DigestChannel;
  /** Where personal briefings (subscriptions with a `member`) are rendered and sent by DM. */
  directMessages?: DirectMessageChannel;
  logger: Logger;
  now: () => Date;
  limits?: SelectionLimits;
  /** Called with every recorded outcome (metrics). */
  onOutcome?: (subscription: Subscription, outcome: DigestOutcome) => void;
}

/** The articles digests choose from; with `in`, each guild's digest sees that guild's feeds too. */
export interface DigestArticles {
  list(): Article[];
  in?(guildId: string | undefined): { list(): Article[] };
}

/** The articles a guild's digest chooses from; '' (a briefing subscribed in DMs): seeds and operator feeds only. */
export function articlesOf(articles: DigestArticles, guildId: string): Article[] {
  return (articles.in?.(guildId || undefined) ?? articles).list();
}

/** Manual runs (`/digest run`) use slot keys like "run:2026-03-29T06:12:00.000Z"; they never consume a scheduled slot. */
export function isManualSlot(key: string): boolean {
  return key.startsWith('run:');
}

/** Wait before retry number `attempts` (1 min, 2, 4... at most 30). */
export function retryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Raised inside a store update when another run already took the slot. */
class SlotTaken extends Error {}

/**
 * Delivers one subscription's digest for one slot, exactly once.
 *
 * The protocol: (1) compose; (2) write the delivery record — slot, exact message bodies, posted = []
 * — BEFORE posting anything; (3) post each message and add its index to `posted` right after
 * Discord accepts it; (4) commit: `seenRef` ← snapshot, `lastSlot` ← slot, record removed. A process
 * that dies anywhere finds the record at start-up and posts only the indexes not yet in `posted`.
 * If recording an accepted message fails (store outage), the index is kept in memory and written
 * first on the next attempt, so it is never posted again however long the outage lasts. The one
 * gap — Discord accepted a message but the process died before recording it — is covered by the
 * message nonce with enforce_nonce: Discord returns the first message instead of a second, for the
 * few minutes it remembers nonces. If the record cannot be written, nothing is posted.
 */
export class DigestDelivery {
  private halted = false;
  /**
   * Indexes Discord accepted whose `posted` mark the store has not confirmed, by subscription and
   * slot. Memory is the only place left to keep them while the store is down.
   */
  private readonly unrecorded = new Map<string, Set<number>>();

  /** The DM channel's membership answers, reused within one slot's fan-out. */
  private readonly membership: (guildId: string, userId: string) => Promise<Membership>;

  constructor(private readonly deps: DeliveryDeps) {
    const direct = deps.directMessages;
    this.membership = cachedMembership(
      (guildId, userId) => (direct ? direct.membership(guildId, userId) : Promise.reject(new Error('personal briefings need a direct-message channel'))),
      () => this.now(),
    );
  }

  /**
   * Shutting down: deliveries in flight stop before their next message and keep their record, so
   * the next start posts the rest. Without this a large fan-out would hold shutdown for minutes.
   */
  halt(): void {
    this.halted = true;
  }

  /** Undoes halt() (start after stop). */
  resume(): void {
    this.halted = false;
  }

  /**
   * Runs `slot` for subscription `id`, or finishes a delivery it still owes (a pending delivery is
   * always completed first, whatever slot is asked for). The caller serializes calls per id.
   */
  async deliver(id: string, slot: { key: string; at: Date }, memo?: ComposeMemo): Promise<DeliveryReport> {
    const { store, logger } = this.deps;
    let sub = await store.get(id);
    if (!sub) return { status: 'gone' };
    if (!sub.delivery?.messages) {
      const slotKey = sub.delivery?.slot ?? slot.key;
      if (!isManualSlot(slotKey) && sub.lastSlot === slotKey) return { status: 'already' };
      const slotAt = sub.delivery ? new Date(sub.delivery.slotAt) : slot.at;
      const prepared = await this.prepare(sub, slotKey, slotAt, memo);
      if ('status' in prepared) return prepared;
      sub = prepared.subscription;
    }
    logger.debug({ subscription: id, slot: sub.delivery?.slot }, 'posting digest');
    return this.post(sub);
  }

  /** Gives up a pending delivery (retry window over): records "failed"; `seenRef` is kept, so the articles come again next time. */
  async abandon(id: string, detail: string, note?: DigestNote): Promise<Subscription | undefined> {
    let outcome: DigestOutcome | undefined;
    const sub = await this.deps.store.update(id, (cur) => {
      if (!cur.delivery) return cur;
      const delivery = cur.delivery;
      const posted = new Set([...delivery.posted, ...(this.unrecorded.get(unrecordedKey(id, delivery.slot)) ?? [])]);
      outcome = { status: 'failed', slot: delivery.slot, at: this.now(), messages: posted.size, articles: delivery.articles ?? 0, detail, ...(note ? { detailNote: note } : {}) };
      return this.finish(cur, delivery, outcome, {});
    });
    if (sub && outcome) {
      this.unrecorded.delete(unrecordedKey(id, outcome.slot));
      this.report(sub, outcome);
    }
    return sub;
  }

  /** Records a slot that came and went while Herald was down for longer than the catch-up window. */
  async skipMissed(id: string, slotKey: string, detail: string, note?: DigestNote): Promise<Subscription | undefined> {
    return this.closeSlot(id, { status: 'missed', slot: slotKey, at: this.now(), messages: 0, articles: 0, detail, ...(note ? { detailNote: note } : {}) });
  }

  /** Records as failed a slot that never got a delivery record: Herald was running, but the store could not be used for the whole retry window. */
  async giveUpSlot(id: string, slotKey: string, detail: string, note?: DigestNote): Promise<Subscription | undefined> {
    return this.closeSlot(id, { status: 'failed', slot: slotKey, at: this.now(), messages: 0, articles: 0, detail, ...(note ? { detailNote: note } : {}) });
  }

  /** Consumes a slot nothing was posted for; a delivery record written meanwhile wins. */
  private async closeSlot(id: string, outcome: DigestOutcome): Promise<Subscription | undefined> {
    const sub = await this.deps.store.update(id, (cur) => (cur.delivery ? cur : this.finish(cur, undefined, outcome, {})));
    if (sub && !sub.delivery) this.report(sub, outcome);
    return sub;
  }

  /** Composes the digest and writes the delivery record; no message is posted before this returns. */
  private async prepare(sub: Subscription, slotKey: string, slotAt: Date, memo?: ComposeMemo): Promise<DeliveryReport | { subscription: Subscription }> {
    const { store, composer } = this.deps;
    const selection = selectArticles(articlesOf(this.deps.articles, sub.guildId), await store.loadSnapshot(sub.seenRef), this.deps.limits, this.now());
    const target = this.targetOf(sub);
    // Removed articles drop out of what was seen; a snapshot equal to the old one keeps its ref.
    if (selection.articles.length === 0) return this.nothingNew(sub, slotKey, await store.saveSnapshot(selection.snapshot, this.now()));
    let content: DigestContent;
    let messages: ChannelMessage[];
    const seenRef = await store.saveSnapshot(selection.snapshot, this.now());
    const posted = await store.loadSnapshot(sub.postedRef);
    try {
      content = await composer.compose(selection, sub.language, sub.length, memo, sub.guildId || undefined, { ...(sub.postedRef ? { ref: sub.postedRef } : {}), ...(posted ? { memory: posted } : {}) });
      messages = target.channel.render(datedDigest(content, sub.timezone, slotAt), `${sub.id}|${slotKey}`);
    } catch (error) {
      const cause = describe(error);
      const pending: PendingDelivery = { slot: slotKey, slotAt: slotAt.getTime(), startedAt: this.now(), posted: [], attempts: 0 };
      return this.failAttempt(sub.id, pending, { detail: `the summaries could not be written (${cause})`, note: { code: 'compose_failed', params: { error: cause } } }, sub.delivery);
    }
    // Stopping: model calls may have been cut short into offline fallbacks. Nothing is recorded, so
    // the next start composes this slot again, with the model.
    if (this.halted) return { status: 'busy' };
    // Every story was posted before and nothing in it is new: nothing to post.
    if (content.items.length === 0) return this.nothingNew(sub, slotKey, seenRef);
    const items = content.items.length;
    const postedRef = content.memory ? await store.saveSnapshot(content.memory, this.now()) : undefined;
    try {
      const updated = await store.update(sub.id, (cur) => {
        if (cur.delivery?.messages || (!isManualSlot(slotKey) && cur.lastSlot === slotKey)) throw new SlotTaken();
        const delivery: PendingDelivery = {
          slot: slotKey,
          slotAt: slotAt.getTime(),
          startedAt: cur.delivery?.startedAt ?? this.now(),
          messages,
          posted: [],
          seenRef,
          ...(postedRef ? { postedRef } : {}),
          articles: items,
          attempts: cur.delivery?.attempts ?? 0,
        };
        return { ...cur, delivery };
      });
      return updated ? { subscription: updated } : { status: 'gone' };
    } catch (error) {
      if (error instanceof SlotTaken) return { status: 'already' };
      throw error;
    }
  }

  /** Ends a slot with nothing to post; the articles seen now (`seenRef`) are not news next time. */
  private async nothingNew(sub: Subscription, slotKey: string, seenRef: string): Promise<DeliveryReport> {
    const outcome: DigestOutcome = { status: 'nothing_new', slot: slotKey, at: this.now(), messages: 0, articles: 0 };
    const updated = await this.deps.store.update(sub.id, (cur) => this.finish(cur, cur.delivery, outcome, { seenRef }));
    if (updated) this.report(updated, outcome);
    return updated ? { status: 'nothing_new', outcome, subscription: updated } : { status: 'gone' };
  }

  /** Posts every message not yet posted, recording each one as Discord accepts it. */
  private async post(start: Subscription): Promise<DeliveryReport> {
    const { store } = this.deps;
    const delivery = start.delivery;
    if (!delivery?.messages) return { status: 'already' };
    // Messages accepted before a store outage are recorded before anything else is posted.
    let sub = await this.markPosted(start, delivery.slot);
    if (!sub) return { status: 'gone' };
    const owed = delivery.messages.some((_, index) => !sub?.delivery?.posted.includes(index));
    if (owed && sub.member && sub.guildId && !this.halted) {
      // A guild briefing carries that guild's private feeds: only while the member (and Herald) are still there.
      const verdict = verdictOnMembership(await this.membership(sub.guildId, sub.member));
      if (verdict?.action === 'pause') return this.pause(sub, verdict);
      if (verdict) return this.failAttempt(sub.id, sub.delivery ?? delivery, verdict);
    }
    for (let index = 0; index < delivery.messages.length; index++) {
      if (sub.delivery?.posted.includes(index)) continue;
      const body = delivery.messages[index];
      if (!body) continue;
      if (this.halted) return { status: 'busy' };
      const target = this.targetOf(sub);
      const lacking = target.checkAccess && verdictOnAccess(target.checkAccess());
      if (lacking) return this.pause(sub, lacking);
      const failure = await target.channel.post(target.id, body);
      const verdict = failure && verdictOn(failure);
      if (verdict?.action === 'pause') return this.pause(sub, verdict);
      if (verdict) return this.failAttempt(sub.id, sub.delivery ?? delivery, verdict);
      sub = await this.markPosted(sub, delivery.slot, index);
      if (!sub) return { status: 'gone' };
    }
    const outcome: DigestOutcome = { status: 'posted', slot: delivery.slot, at: this.now(), messages: delivery.messages.length, articles: delivery.articles ?? 0 };
    const done = await store.update(sub.id, (cur) =>
      cur.delivery?.slot === delivery.slot ? this.finish(cur, cur.delivery, outcome, { seenRef: delivery.seenRef ?? cur.seenRef, postedRef: delivery.postedRef ?? cur.postedRef, lastRunAt: outcome.at, pausedReason: undefined, pausedNote: undefined }) : cur,
    );
    if (!done) return { status: 'gone' };
    this.report(done, outcome);
    this.deps.logger.info({ subscription: done.id, guild: done.guildId, slot: delivery.slot, messages: delivery.messages.length }, 'digest posted');
    return { status: 'posted', outcome, subscription: done };
  }

  /**
   * Adds `accepted` (a message Discord just accepted) and any marks an earlier store failure left in
   * memory to the record's `posted`. The marks stay in memory until the store confirms the write:
   * retrying the write is safe, posting again is not once Discord has forgotten the nonce.
   * Returns the updated subscription, or undefined when it no longer exists.
   */
  private async markPosted(sub: Subscription, slot: string, accepted?: number): Promise<Subscription | undefined> {
    const key = unrecordedKey(sub.id, slot);
    const marks = this.unrecorded.get(key) ?? new Set<number>();
    if (accepted !== undefined) marks.add(accepted);
    if (marks.size === 0) return sub;
    this.unrecorded.set(key, marks);
    const recorded = await this.deps.store.update(sub.id, (cur) =>
      cur.delivery?.slot === slot ? { ...cur, delivery: { ...cur.delivery, posted: [...new Set([...cur.delivery.posted, ...marks])] } } : cur,
    );
    this.unrecorded.delete(key);
    return recorded;
  }

  /** Pauses the subscription until an admin's manual run; `code` is the platform's, for the log. */
  private async pause(sub: Subscription, failure: { code?: number | string; reason: string; note: DigestNote }): Promise<DeliveryReport> {
    const delivery = sub.delivery;
    const outcome: DigestOutcome = { status: 'paused', slot: delivery?.slot ?? '', at: this.now(), messages: delivery?.posted.length ?? 0, articles: delivery?.articles ?? 0, detail: failure.reason, detailNote: failure.note };
    // A member is told about a new pause the next time they use Herald (see MemberBriefings.noticeFor).
    const updated = await this.deps.store.update(sub.id, (cur) => this.finish(cur, cur.delivery, outcome, { pausedReason: failure.reason, pausedNote: failure.note, pauseNoticed: undefined }));
    this.deps.logger.warn({ subscription: sub.id, guild: sub.guildId, channel: sub.channelId, code: failure.code }, `digest subscription paused: ${failure.reason}`);
    if (!updated) return { status: 'gone' };
    this.report(updated, outcome);
    return { status: 'paused', outcome, subscription: updated };
  }

  /** Records a failed attempt with its retry time; the delivery record (and what was posted) stays. */
  private async failAttempt(id: string, delivery: PendingDelivery, failure: { detail: string; note: DigestNote }, existing?: PendingDelivery): Promise<DeliveryReport> {
    const { detail, note } = failure;
    const attempts = (existing?.attempts ?? delivery.attempts) + 1;
    const retryAt = this.now() + retryDelayMs(attempts);
    const outcome: DigestOutcome = { status: 'retrying', slot: delivery.slot, at: this.now(), messages: delivery.posted.length, articles: delivery.articles ?? 0, detail, detailNote: note };
    const updated = await this.deps.store.update(id, (cur) => ({
      ...cur,
      delivery: { ...(cur.delivery ?? delivery), attempts, retryAt },
      lastOutcome: outcome,
    }));
    this.deps.logger.warn({ subscription: id, slot: delivery.slot, attempts, retryAt: new Date(retryAt).toISOString() }, `digest delivery failed, will retry: ${detail}`);
    if (!updated) return { status: 'gone' };
    this.report(updated, outcome);
    return { status: 'retrying', outcome, subscription: updated };
  }

  /**
   * Where a subscription's messages go: its channel, or the member's DMs for a personal briefing
   * (no permission check there: Discord's answer decides). Throws when briefings have no DM channel
   * configured, a set-up fault the scheduler retries.
   */
  private targetOf(sub: Subscription): { channel: Pick<DigestChannel, 'render' | 'post'>; id: string; checkAccess?: () => ReturnType<DigestChannel['checkAccess']> } {
    if (!sub.member) {
      const channel = this.deps.channel;
      return { channel, id: sub.channelId, checkAccess: () => channel.checkAccess(sub.guildId, sub.channelId) };
    }
    if (!this.deps.directMessages) throw new Error('personal briefings need a direct-message channel');
    return { channel: this.deps.directMessages, id: sub.member };
  }

  /** Ends a slot: clears the record, stamps the outcome, and consumes the slot unless it was a manual run. */
  private finish(cur: Subscription, delivery: PendingDelivery | undefined, outcome: DigestOutcome, changes: Partial<Subscription>): Subscription {
    const next: Subscription = { ...cur, ...changes, lastOutcome: outcome };
    delete next.delivery;
    if (next.pausedReason === undefined) delete next.pausedReason;
    if (next.pausedNote === undefined) delete next.pausedNote;
    if (next.pauseNoticed === undefined) delete next.pauseNoticed;
    const slot = delivery?.slot ?? outcome.slot;
    if (!isManualSlot(slot)) next.lastSlot = slot;
    return next;
  }

  private report(sub: Subscription, outcome: DigestOutcome): void {
    try {
      this.deps.onOutcome?.(sub, outcome);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'digest outcome listener failed');
    }
  }

  private now(): number {
    return this.deps.now().getTime();
  }
}

function unrecordedKey(id: string, slot: string): string {
  return `${id}|${slot}`;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'error';
}
