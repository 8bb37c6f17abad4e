import type { SummaryLength } from '../briefing/types.js';
import { UserError } from '../errors.js';
import { resolveLanguage } from '../languages/index.js';
import type { Logger } from '../log.js';
import { formatTimeOfDay, parseTimeOfDay, previousSlot } from '../time/slots.js';
import { resolveTimeZone } from '../time/timezones.js';
import type { DigestScheduler } from './scheduler.js';
import { memberOwner, type NewSubscription, type Subscription, type SubscriptionStore } from './subscriptions.js';

/** What `/briefing subscribe` passes in; raw user input is validated here. */
export interface BriefingInput {
  /** The member's user id: who gets it by DM and who may list and remove it. */
  member: string;
  /** The guild it was subscribed in (its feeds are read too); undefined in DMs (seeds and operator feeds). */
  guildId: string | undefined;
  time: string;
  timezone: string;
  language: string;
  length: SummaryLength;
}

/** A briefing as `/briefing list` shows it. */
export interface BriefingStatus {
  subscription: Subscription;
  /** Undefined while paused. */
  nextRunAt: Date | undefined;
}

/**
 * Personal briefings: the digest machinery (store, scheduler, delivery, composer) with a member as
 * the target instead of a channel. A member sees and manages only their own.
 */
export interface MemberBriefings {
  /**
   * Validates and stores a briefing, scheduled at once. The same settings again resume a paused
   * one (the member opened their DMs) instead of adding a twin. UserError on bad input, a
   * duplicate or past the limit.
   */
  subscribe(input: BriefingInput): Promise<Subscription>;
  list(member: string): Promise<BriefingStatus[]>;
  /** UserError('briefing_not_found') when the member has none with that id. */
  remove(member: string, id: string): Promise<Subscription>;
  /**
   * The member's briefings paused since they were last told (DMs closed), marked as told: the
   * caller shows the notice once. Cheap for everyone else: only members this process saw paused
   * are looked up in the store.
   */
  takePauseNotices(member: string): Promise<Subscription[]>;
  /** Keeps the "has a notice waiting" hint current; called with every subscription the scheduler tracks. */
  observe(sub: Subscription): void;
}

export interface MemberBriefingsDeps {
  store: SubscriptionStore;
  scheduler: DigestScheduler;
  now: () => Date;
  logger: Logger;
}

export function memberBriefings({ store, scheduler, now, logger }: MemberBriefingsDeps): MemberBriefings {
  /** Members with a paused briefing they were not told about (a hint; the store decides). */
  const waiting = new Set<string>();

  const find = async (member: string, id: string): Promise<Subscription> => {
    const wanted = id.trim().toLowerCase();
    const sub = (await store.listGuild(memberOwner(member))).find((s) => s.id === wanted);
    if (!sub) throw new UserError('briefing_not_found', { input: id.trim().slice(0, 20) });
    return sub;
  };

  const resume = async (twin: Subscription): Promise<Subscription> => {
    const resumed = await scheduler.exclusive(twin.id, () =>
      store.update(twin.id, (cur) => {
        const next: Subscription = { ...cur, lastSlot: previousSlot(parseTimeOfDay(cur.time), cur.timezone, now()).key };
        // The slot that passed during the pause is not delivered late: the next one is.
        delete next.pausedReason;
        delete next.pausedNote;
        delete next.pauseNoticed;
        return next;
      }),
    );
    if (!resumed) throw new UserError('briefing_not_found', { input: twin.id });
    scheduler.track(resumed);
    logger.info({ subscription: resumed.id }, 'personal briefing resumed');
    return resumed;
  };

  return {
    async subscribe(input) {
      const wanted: NewSubscription = {
        guildId: input.guildId ?? '',
        channelId: '',
        member: input.member,
        time: formatTimeOfDay(parseTimeOfDay(input.time)),
        timezone: resolveTimeZone(input.timezone),
        language: resolveLanguage(input.language).code,
        length: input.length,
        createdBy: input.member,
      };
      const same = (s: Subscription) => s.guildId === wanted.guildId && s.time === wanted.time && s.timezone === wanted.timezone && s.language === wanted.language && s.length === wanted.length;
      const twin = (await store.listGuild(memberOwner(input.member))).find(same);
      if (twin?.pausedReason !== undefined) return resume(twin);
      const sub = await store.create(wanted, now().getTime(), (existing) => {
        const duplicate = existing.find(same);
        return duplicate ? new UserError('briefing_duplicate', { id: duplicate.id }) : undefined;
      });
      scheduler.track(sub);
      logger.info({ subscription: sub.id, guild: sub.guildId || undefined, time: sub.time, timezone: sub.timezone, language: sub.language }, 'personal briefing created');
      return sub;
    },

    async list(member) {
      const at = now();
      return (await store.listGuild(memberOwner(member))).map((subscription) => ({ subscription, nextRunAt: scheduler.nextRun(subscription, at) }));
    },

    async remove(member, id) {
      const sub = await find(member, id);
      const removed = await scheduler.exclusive(sub.id, () => store.remove(memberOwner(member), sub.id));
      if (!removed) throw new UserError('briefing_not_found', { input: id });
      scheduler.forget(sub.id);
      logger.info({ subscription: sub.id }, 'personal briefing removed');
      return removed;
    },

    async takePauseNotices(member) {
      if (!waiting.has(member)) return [];
      const told: Subscription[] = [];
      for (const sub of await store.listGuild(memberOwner(member))) {
        if (sub.pausedReason === undefined || sub.pauseNoticed) continue;
        // Told once: only the update that sets the mark (writes are serialized per id) shows the notice.
        let setHere = false;
        const marked = await store.update(sub.id, (cur) => {
          if (cur.pausedReason === undefined || cur.pauseNoticed) return cur;
          setHere = true;
          return { ...cur, pauseNoticed: true };
        });
        if (marked && setHere) told.push(marked);
      }
      waiting.delete(member);
      return told;
    },

    observe(sub) {
      if (sub.member && sub.pausedReason !== undefined && !sub.pauseNoticed) waiting.add(sub.member);
    },
  };
}
