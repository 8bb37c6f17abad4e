import type Keyv from 'keyv';
import type { SummaryLength } from '../briefing/types.js';
import { UserError } from '../errors.js';
import { resolveLanguage } from '../languages/index.js';
import type { Logger } from '../log.js';
import { canonicalTimeZone, resolveTimeZone } from '../time/timezones.js';
import { DigestComposer, datedDigest, selectArticles, type ComposerStats, type Digest, type DigestSummarizer, type SelectionLimits } from './compose.js';
import type { DigestChannel, DirectMessageChannel } from './channel.js';
import { memberBriefings, type MemberBriefings } from './member-briefings.js';
import type { StoryGrouper } from '../stories/story.js';
import { articlesOf, DigestDelivery, type DeliveryReport, type DigestArticles } from './delivery.js';
import { DigestScheduler, type SlotClaim, type Ticker, type TickReport } from './scheduler.js';
import { SubscriptionStore, type DigestOutcome, type NewSubscription, type Subscription } from './subscriptions.js';
import { formatTimeOfDay, parseTimeOfDay, previousSlot } from '../time/slots.js';

/** What `/digest subscribe` passes in; raw user input is validated here. */
export interface SubscribeInput {
  guildId: string;
  /** A text or announcement channel (the command checks type and Herald's permissions). */
  channelId: string;
  /** "08:00", "8am", "20:30"... */
  time: string;
  /** IANA name, any case ("Europe/Berlin"). */
  timezone: string;
  /** Code or name in any common spelling ("de", "German", "Deutsch"). */
  language: string;
  length: SummaryLength;
  /** User id of the admin. */
  createdBy: string;
}

/** A subscription as `/digest list` shows it. */
export interface SubscriptionStatus {
  subscription: Subscription;
  /** When the next digest is due; undefined while paused. */
  nextRunAt: Date | undefined;
}

/** A digest preview: what the next digest of a subscription (or a first digest) would contain; the caller renders it. */
export interface DigestPreview {
  /** The subscription previewed, if the guild has one. */
  subscription?: Subscription;
  /** Undefined when nothing is new since the subscription's last digest. */
  digest?: Digest;
}

/** Options of `preview`. */
export interface PreviewOptions {
  /** Subscription to preview; default the guild's first. */
  id?: string;
  /** Used when the guild has no subscription (default: English). */
  language?: string;
  length?: SummaryLength;
  timezone?: string;
}

/** The result of a manual run for one subscription. */
export interface RunResult {
  subscription: Subscription;
  /** posted · nothing_new · retrying · paused · failed, or busy/gone/already (see DeliveryReport). */
  status: DeliveryReport['status'];
  outcome?: DigestOutcome;
}

/** Scheduled digests: what the /digest command and the bot's start-up use. */
export interface DigestService {
  /** Validates and stores a subscription; it is scheduled at once. UserError on bad input or past the limit. */
  subscribe(input: SubscribeInput): Promise<Subscription>;
  /** The guild's subscriptions with their next run. */
  list(guildId: string): Promise<SubscriptionStatus[]>;
  /** Removes one; UserError('subscription_not_found') when the guild has none with that id. */
  remove(guildId: string, id: string): Promise<Subscription>;
  /** The next digest without posting it or changing any state. */
  preview(guildId: string, options?: PreviewOptions): Promise<DigestPreview>;
  /**
   * Posts the digest now (one subscription, or all of the guild's), outside the schedule, with the
   * same exactly-once record. Clears a pause: the admin says the channel is fixed.
   */
  runNow(guildId: string, id?: string): Promise<RunResult[]>;
  /** Loads this shard's subscriptions, catches up missed slots (< 2 h), then ticks every minute. */
  start(): Promise<TickReport>;
  /** Stops scheduling and waits for deliveries in flight. */
  stop(): Promise<void>;
  /** Runs one scheduler tick now (tests, tools). */
  tick(): Promise<TickReport>;
  /** Composition counters (tests, bench). */
  readonly stats: ComposerStats;
  /** Members' personal briefings by DM (`/briefing`), on the same scheduler and delivery. */
  readonly briefings: MemberBriefings;
}

/**
 * Dependencies of createDigestService.
 *
 * ```ts
 * createDigestService({
 *   store: createKeyv(config.STORE_URL, { namespace: 'digests', logger }), // no TTL needed: writes use ttl 0
 *   articles,                 // ArticleStore
 *   briefing,                 // BriefingService (its cache + single-flight share summaries)
 *   channel: discordDigestChannel({ rest: () => bot.client.rest, client: () => bot.client }),
 *   logger,
 *   // sharded: this shard's guilds only (ShardClientUtil.shardIdForGuildId(id, count) === shardId)
 *   ownsGuild: (id) => ShardClientUtil.shardIdForGuildId(id, shardCount) === shardId,
 *   onOutcome: (sub, o) => metrics.digests.inc({ outcome: o.status }),
 * })
 * ```
 */
export interface DigestServiceDeps {
  /** Keyv for the "digests" namespace (subscriptions and their delivery records). */
  store: Keyv;
  articles: DigestArticles;
  briefing: DigestSummarizer;
  /** Where digests are rendered, checked and posted: Discord's REST API in the bot. */
  channel: DigestChannel;
  /** Where personal briefings are sent: members' DMs. Without it, briefings wait (retried) until one is configured. */
  directMessages?: DirectMessageChannel;
  logger: Logger;
  /** Shard filter: true for guilds this process serves. Default: every guild. */
  ownsGuild?: (guildId: string) => boolean;
  /** Several processes on one shard: the lease a scheduled slot is posted under. Default: none. */
  claimSlot?: SlotClaim;
  /** Several processes on one store: re-read subscriptions before every tick. Default false. */
  reloadEachTick?: boolean;
  /** Clock; default `() => new Date()`. */
  now?: () => Date;
  /** Minute ticker; default one node-cron task. */
  ticker?: Ticker;
  /** Called with every recorded outcome (metrics). */
  onOutcome?: (subscription: Subscription, outcome: DigestOutcome) => void;
  /** Subscriptions per guild; default MAX_SUBSCRIPTIONS_PER_GUILD (25). */
  maxPerGuild?: number;
  /** How articles become stories (one digest item each); default every article a story of its own. */
  grouper?: StoryGrouper;
  /** Articles per digest: first digest 5, later ones at most 10. */
  limits?: SelectionLimits;
  /** Catch-up window for slots missed while down; default 2 h. */
  catchUpMs?: number;
  /** Deliveries in flight at once; default 64. */
  concurrency?: number;
}

/** Builds the digest service. Nothing runs until start(). */
export function createDigestService(deps: DigestServiceDeps): DigestService {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ module: 'digests' });
  const store = new SubscriptionStore(deps.store, { logger, ...(deps.maxPerGuild ? { maxPerGuild: deps.maxPerGuild } : {}) });
  const composer = new DigestComposer({ briefing: deps.briefing, logger, ...(deps.grouper ? { grouper: deps.grouper } : {}) });
  const delivery = new DigestDelivery({
    store,
    composer,
    articles: deps.articles,
    channel: deps.channel,
    ...(deps.directMessages ? { directMessages: deps.directMessages } : {}),
    logger,
    now,
    ...(deps.limits ? { limits: deps.limits } : {}),
    ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
  });
  const scheduler = new DigestScheduler({
    // Tracking starts after this function returns, when `briefings` exists.
    onTrack: (sub) => briefings.observe(sub),
    store,
    delivery,
    logger,
    now,
    ownsGuild: deps.ownsGuild ?? (() => true),
    ...(deps.claimSlot ? { claimSlot: deps.claimSlot } : {}),
    ...(deps.reloadEachTick ? { reloadEachTick: true } : {}),
    ...(deps.catchUpMs ? { catchUpMs: deps.catchUpMs } : {}),
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.ticker ? { ticker: deps.ticker } : {}),
  });
  const briefings: MemberBriefings = memberBriefings({ store, scheduler, now, logger });

  const find = async (guildId: string, id: string): Promise<Subscription> => {
    const wanted = id.trim().toLowerCase();
    const sub = (await store.listGuild(guildId)).find((s) => s.id === wanted);
    if (!sub) {
      throw new UserError('subscription_not_found', { input: id.trim().slice(0, 20) });
    }
    return sub;
  };

  return {
    stats: composer.stats,
    briefings,

    async subscribe(input) {
      const time = formatTimeOfDay(parseTimeOfDay(input.time));
      const timezone = resolveTimeZone(input.timezone);
      const language = resolveLanguage(input.language).code;
      const wanted: NewSubscription = { guildId: input.guildId, channelId: input.channelId, time, timezone, language, length: input.length, createdBy: input.createdBy };
      const sub = await store.create(wanted, now().getTime(), (existing) => duplicateOf(wanted, existing));
      scheduler.track(sub);
      logger.info({ subscription: sub.id, guild: sub.guildId, channel: sub.channelId, time, timezone, language }, 'digest subscription created');
      return sub;
    },

    async list(guildId) {
      const subs = await store.listGuild(guildId);
      const at = now();
      return subs.map((stored) => ({ subscription: inTodaysZoneName(stored), nextRunAt: scheduler.nextRun(stored, at) }));
    },

    async remove(guildId, id) {
      const sub = await find(guildId, id);
      // Wait for a delivery in flight, so it does not write the record back after removal.
      const removed = await scheduler.exclusive(sub.id, () => store.remove(guildId, sub.id));
      if (!removed) throw new UserError('subscription_not_found', { input: id });
      scheduler.forget(sub.id);
      logger.info({ subscription: sub.id, guild: guildId }, 'digest subscription removed');
      return inTodaysZoneName(removed);
    },

    async preview(guildId, options = {}) {
      const subs = await store.listGuild(guildId);
      const sub = options.id ? await find(guildId, options.id) : subs[0];
      const language = sub?.language ?? resolveLanguage(options.language ?? 'en').code;
      const length = sub?.length ?? options.length ?? 'short';
      const timezone = sub?.timezone ?? (options.timezone ? resolveTimeZone(options.timezone) : 'UTC');
      const selection = selectArticles(articlesOf(deps.articles, guildId), await store.loadSnapshot(sub?.seenRef), deps.limits, now().getTime());
      if (selection.articles.length === 0) return sub ? { subscription: sub } : {};
      const posted = await store.loadSnapshot(sub?.postedRef);
      const content = await composer.compose(selection, language, length, undefined, guildId, { ...(sub?.postedRef ? { ref: sub.postedRef } : {}), ...(posted ? { memory: posted } : {}) });
      if (content.items.length === 0) return sub ? { subscription: sub } : {};
      return { ...(sub ? { subscription: sub } : {}), digest: datedDigest(content, timezone, now()) };
    },

    /**
     * A run now takes the same lease as a scheduled slot: another process posting this subscription
     * at that moment makes the run answer 'busy' instead of posting beside it.
     */
    async runNow(guildId, id) {
      const targets = id ? [await find(guildId, id)] : await store.listGuild(guildId);
      if (targets.length === 0) {
        throw new UserError('no_subscriptions');
      }
      const memo = new Map();
      const results: RunResult[] = [];
      for (const target of targets) {
        const run = async (): Promise<RunResult> => {
          const cleared = await store.update(target.id, (cur) => {
            const next = { ...cur };
            // Resuming a paused digest: this run stands for the scheduled slot that passed during the
            // pause, which must not be delivered late (or given up) right after it.
            if (cur.pausedReason !== undefined) next.lastSlot = previousSlot(parseTimeOfDay(cur.time), cur.timezone, now()).key;
            delete next.pausedReason;
            delete next.pausedNote;
            return next;
          });
          if (!cleared) return { subscription: target, status: 'gone' };
          const at = now();
          const report = await delivery.deliver(target.id, { key: `run:${at.toISOString()}`, at }, memo);
          const latest = 'subscription' in report ? report.subscription : ((await store.get(target.id)) ?? cleared);
          scheduler.track(latest);
          return { subscription: latest, status: report.status, ...('outcome' in report ? { outcome: report.outcome } : {}) };
        };
        const result = await scheduler.exclusiveClaimed(target.id, run, (ran) => ran.status);
        results.push(result ?? { subscription: target, status: 'busy' });
      }
      return results;
    },

    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    tick: () => scheduler.tick(),
  };
}

/** The refusal for a subscription the guild already has (same channel, time, zone, language and length). */
function duplicateOf(wanted: NewSubscription, existing: readonly Subscription[]): UserError | undefined {
  // Records from before zones were canonicalized may hold another spelling of the same zone.
  const twin = existing.find(
    (s) => s.channelId === wanted.channelId && s.time === wanted.time && sameZone(s.timezone) === wanted.timezone && s.language === wanted.language && s.length === wanted.length,
  );
  return twin ? new UserError('subscription_duplicate', { id: twin.id }) : undefined;
}

/** A stored zone in the one spelling resolveTimeZone gives today (old records may hold another). */
function sameZone(zone: string): string {
  return canonicalTimeZone(zone) ?? zone;
}

/** A subscription as shown: its zone by today's name (a record may hold ICU's older one, Asia/Calcutta). */
function inTodaysZoneName(stored: Subscription): Subscription {
  const timezone = sameZone(stored.timezone);
  return timezone === stored.timezone ? stored : { ...stored, timezone };
}
