import { createHash, randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import type { SummaryLength } from '../briefing/types.js';
import type { ChannelMessage } from './channel.js';
import { StorageUnavailableError, UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { storeStatus } from '../cache/store-health.js';

/** What a {@link DigestNote} can say; the /digest replies have a catalog entry for each. */
export type DigestNoteCode =
  | 'channel_unknown'
  | 'channel_no_access'
  | 'channel_no_embeds'
  | 'channel_lacks_permissions'
  | 'discord_refused'
  | 'discord_error'
  | 'discord_status'
  | 'discord_unreachable'
  | 'compose_failed'
  | 'gave_up'
  | 'offline'
  | 'store_unavailable'
  | 'dms_closed'
  | 'member_left'
  | 'member_left_unnamed'
  | 'guild_left'
  | 'guild_left_unnamed';

/**
 * An outcome detail or pause reason as a code and its values, stored next to the English text so
 * `/digest list` can word it in the reader's language. Lists hold Discord's English permission names.
 */
export interface DigestNote {
  code: DigestNoteCode;
  params?: Readonly<Record<string, string | number | readonly string[]>>;
}

/** What happened at a subscription's last slot, shown by `/digest list`. */
export interface DigestOutcome {
  /**
   * posted: every message went out · nothing_new: no article added or changed, nothing posted ·
   * retrying: a delivery failed and will be retried · failed: retries ran out ·
   * paused: Discord refused the channel (see pausedReason) · missed: Herald was down for longer than the catch-up window.
   */
  status: 'posted' | 'nothing_new' | 'retrying' | 'failed' | 'paused' | 'missed';
  /** Slot key ("2026-03-29T08:00") or "run:<iso>" for a manual run. */
  slot: string;
  /** When the outcome was recorded (ms since the epoch). */
  at: number;
  /** Messages posted for this slot. */
  messages?: number;
  /** Articles in the digest. */
  articles?: number;
  /** Plain-English detail (error summary), never a secret; for logs, and shown when `detailNote` is absent (older records). */
  detail?: string;
  /** `detail` as a code and values, for the reader's language. */
  detailNote?: DigestNote;
}

/**
 * A digest delivery in progress. It is written BEFORE the first message is posted and updated after
 * each one, so a crash leaves a record saying exactly which messages are still owed.
 */
export interface PendingDelivery {
  /** Slot key or "run:<iso>". */
  slot: string;
  /** When the slot fired (ms since the epoch); dates the digest header. */
  slotAt: number;
  /** When the delivery record was first written. */
  startedAt: number;
  /**
   * The exact message bodies, so a resumed delivery posts what the first attempt would have.
   * Absent when composing failed and is to be retried.
   */
  messages?: ChannelMessage[];
  /** Indexes into `messages` already accepted by Discord. */
  posted: number[];
  /** Snapshot (see `seenRef`) to commit once every message is posted. */
  seenRef?: string;
  /** Story memory (see `postedRef`) to commit once every message is posted. */
  postedRef?: string;
  /** Articles in the digest. */
  articles?: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Earliest time of the next attempt after a failure (ms since the epoch). */
  retryAt?: number;
}

/** One channel's daily digest, or one member's personal briefing (`member` set) sent by DM. */
export interface Subscription {
  /** Short id users type in `/digest remove`. */
  id: string;
  /** Where the articles come from (that guild's feeds too); '' for a briefing subscribed in DMs (seeds and operator feeds). */
  guildId: string;
  /** The channel posted in; '' for a personal briefing (its DM channel is opened when posting). */
  channelId: string;
  /** User id of the member a personal briefing is for: it is posted to them by DM. */
  member?: string;
  /** Set once a member was told that their briefing paused (DMs closed), so they are told once. */
  pauseNoticed?: boolean;
  /** Local time of day, "HH:MM" (24 h). */
  time: string;
  /** IANA time zone, canonical spelling. */
  timezone: string;
  /** ISO 639-1 code of the summaries. */
  language: string;
  length: SummaryLength;
  /** User id of the admin who subscribed. */
  createdBy: string;
  /** ms since the epoch; slots at or before it are never due. */
  createdAt: number;
  /** Key of the last slot handled (posted, nothing new, missed or given up). */
  lastSlot?: string;
  /** When the last digest finished posting (ms since the epoch). */
  lastRunAt?: number;
  lastOutcome?: DigestOutcome;
  /** Set when Discord refused the channel (deleted, no access); the scheduler skips it until a manual run succeeds. */
  pausedReason?: string;
  /** `pausedReason` as a code and values, for the reader's language; absent in older records. */
  pausedNote?: DigestNote;
  /**
   * The articles as they were at the last digest (article id → content hash), by reference to a
   * shared snapshot (SubscriptionStore.loadSnapshot); undefined before the first digest. Shared
   * because every subscription of a run sees the same articles: 10,000 subscriptions over a
   * folder of 10,000 articles would otherwise store 100 million entries.
   */
  seenRef?: string;
  /**
   * What the subscription posted, story by story (digests/story-memory.ts), as a shared snapshot
   * like `seenRef`: the next digest repeats none of it, and a story comes back only with what is new.
   */
  postedRef?: string;
  /** Present while a delivery is owed. */
  delivery?: PendingDelivery;
}

/** What `subscribe` needs; validated by the service. */
export type NewSubscription = Pick<Subscription, 'guildId' | 'channelId' | 'time' | 'timezone' | 'language' | 'length' | 'createdBy'> & Pick<Partial<Subscription>, 'member'>;

/**
 * Who a subscription's index entry belongs to: its guild for a channel digest, `member:<user id>` for
 * a personal briefing (the member sees and removes their own, wherever they subscribed).
 */
export function ownerOf(sub: Pick<Subscription, 'guildId' | 'member'>): string {
  return sub.member ? memberOwner(sub.member) : sub.guildId;
}

/** The owner key of a member's personal briefings. */
export function memberOwner(userId: string): string {
  return `member:${userId}`;
}

/** Personal briefings one member may have. */
export const MAX_BRIEFINGS_PER_MEMBER = 5;

/**
 * Thrown when the store fails a read or does not confirm a write; callers must not act as if the
 * write happened, nor treat a failed read as "no such entry" (that would overwrite an index). A
 * command that meets it tells the user the storage is unavailable (code `storage_unavailable`).
 */
export class DigestStoreError extends StorageUnavailableError {
  override name = 'DigestStoreError';
}

const GUILDS_KEY = 'guilds';
/**
 * Members with briefings are listed in this many index keys (by a hash of the owner), not in
 * `guilds`: with one list, each new member would rewrite a key holding every other member.
 */
const MEMBER_INDEXES = 64;
const memberIndexKey = (owner: string) => `members:${createHash('sha256').update(owner).digest().readUInt16BE(0) % MEMBER_INDEXES}`;
/** The index key that lists an owner: `guilds`, or its member index. */
const indexKeyOf = (owner: string) => (owner.startsWith('member:') ? memberIndexKey(owner) : GUILDS_KEY);
/** Snapshots unused for this long expire; each use within a day's run rewrites (refreshes) them. */
const SNAPSHOT_TTL_MS = 180 * 86_400_000;
const SNAPSHOT_REFRESH_MS = 86_400_000;
const snapshotKey = (ref: string) => `snap:${ref}`;
const guildKey = (guildId: string) => `guild:${guildId}`;
const subKey = (id: string) => `sub:${id}`;

/**
 * Subscriptions in Keyv (namespace "digests"): `sub:<id>` holds one subscription, `guild:<id>` the
 * ids of a guild's subscriptions, `guilds` the guilds that have any (and `members:<0-63>` the
 * members with personal briefings, owner `member:<id>`) (so start-up can find them all
 * without a store-specific key scan).
 *
 * Writes to one key are serialized in this process. Across processes the design relies on one
 * writer per guild: commands for a guild and its scheduler both live on the shard that owns it.
 * The `guilds` list is the one key shared by shards; `listGuild` re-adds a missing guild so a lost
 * concurrent update heals itself.
 */
/** The most digests one guild may have (`/digest list` shows them all on one page). */
export const MAX_SUBSCRIPTIONS_PER_GUILD = 25;

export class SubscriptionStore {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Guilds this process has seen in (or put into) the `guilds` list; checked once, not per call. */
  private readonly knownGuilds = new Set<string>();
  /** Snapshots read or written lately, with when they were last written (0 = only read). */
  private readonly snapshots = new Map<string, { seen: Readonly<Record<string, string>>; writtenAt: number; saving?: Promise<void> }>();
  readonly maxPerGuild: number;

  constructor(
    private readonly keyv: Keyv,
    private readonly options: { logger: Logger; maxPerGuild?: number },
  ) {
    this.maxPerGuild = options.maxPerGuild ?? MAX_SUBSCRIPTIONS_PER_GUILD;
  }

  /**
   * Stores a new subscription. Throws UserError('subscription_limit') past the per-guild limit, and
   * whatever `reject` returns for the guild's current subscriptions (a duplicate). `reject` runs
   * under the guild's lock, so two identical subscribes at once cannot both pass it.
   */
  async create(input: NewSubscription, now = Date.now(), reject?: (existing: readonly Subscription[]) => Error | undefined): Promise<Subscription> {
    const owner = ownerOf(input);
    return this.locked(guildKey(owner), async () => {
      const refusal = reject?.(await this.loadGuild(owner));
      if (refusal) throw refusal;
      const ids = await this.guildIds(owner);
      const limit = input.member ? MAX_BRIEFINGS_PER_MEMBER : this.maxPerGuild;
      if (ids.length >= limit) {
        throw new UserError(input.member ? 'briefing_limit' : 'subscription_limit', { limit });
      }
      const id = await this.freshId();
      const subscription: Subscription = { ...input, id, createdAt: now };
      // The guild's index makes the subscription exist, so it is written last: a write that fails
      // before it leaves only an unreachable record, never a subscription the user was told failed.
      await this.write(subKey(id), subscription);
      await this.addGuild(owner);
      await this.write(guildKey(owner), [...ids, id]);
      return subscription;
    });
  }

  async get(id: string): Promise<Subscription | undefined> {
    return this.read<Subscription>(subKey(id));
  }

  /** A guild's subscriptions (or a member's briefings: owner `member:<id>`), oldest first. */
  async listGuild(guildId: string): Promise<Subscription[]> {
    const subs = await this.loadGuild(guildId);
    if (subs.length > 0) await this.addGuild(guildId).catch(() => undefined);
    return subs;
  }

  /** Every subscription of the owners (guilds, `member:<id>`) `owns` accepts (this shard's). */
  async listAll(owns: (guildId: string) => boolean = () => true): Promise<Subscription[]> {
    const indexes = [GUILDS_KEY, ...Array.from({ length: MEMBER_INDEXES }, (_, i) => `members:${i}`)];
    const guilds = (await Promise.all(indexes.map((key) => this.read<string[]>(key)))).flatMap((owners) => owners ?? []).filter(owns);
    const out: Subscription[] = [];
    // Bounded parallelism: thousands of guilds on SQLite should not open thousands of reads at once.
    for (let i = 0; i < guilds.length; i += 50) {
      const batch = await Promise.all(guilds.slice(i, i + 50).map((g) => this.loadGuild(g)));
      for (const subs of batch) out.push(...subs);
    }
    return out;
  }

  /**
   * Applies `change` to the stored subscription and writes it back, serialized per id.
   * Returns the new value, or undefined when it no longer exists. Throws DigestStoreError when the
   * store failed.
   */
  async update(id: string, change: (current: Subscription) => Subscription): Promise<Subscription | undefined> {
    return this.locked(subKey(id), async () => {
      const current = await this.get(id);
      if (!current) return undefined;
      const next = change(current);
      await this.write(subKey(id), next);
      return next;
    });
  }

  /** Deletes a guild's subscription; undefined when the guild has none with that id. */
  async remove(guildId: string, id: string): Promise<Subscription | undefined> {
    return this.locked(guildKey(guildId), async () => {
      const ids = await this.guildIds(guildId);
      const existing = ids.includes(id) ? await this.get(id) : undefined;
      if (!existing || ownerOf(existing) !== guildId) return undefined;
      await this.locked(subKey(id), async () => {
        await this.write(guildKey(guildId), ids.filter((x) => x !== id));
        await this.keyv.delete(subKey(id));
      });
      // The guild stays in `guilds` even when empty: harmless, and removing it would race with other shards.
      return existing;
    });
  }

  /**
   * Stores an article snapshot (id → hash) under its content hash and returns that reference.
   * Identical snapshots — every subscription of a run — share one key, written once a day at most.
   */
  async saveSnapshot(seen: Readonly<Record<string, string>>, now = Date.now()): Promise<string> {
    const canonical = JSON.stringify(Object.keys(seen).sort().map((id) => [id, seen[id]]));
    const ref = createHash('sha256').update(canonical).digest('hex').slice(0, 24);
    const known = this.snapshots.get(ref);
    if (known?.saving) {
      await known.saving;
      return ref;
    }
    if (known && now - known.writtenAt < SNAPSHOT_REFRESH_MS) return ref;
    const entry: { seen: Readonly<Record<string, string>>; writtenAt: number; saving?: Promise<void> } = { seen, writtenAt: known?.writtenAt ?? 0 };
    entry.saving = this.write(snapshotKey(ref), seen, SNAPSHOT_TTL_MS).then(
      () => {
        entry.writtenAt = now;
        delete entry.saving;
      },
      (error: unknown) => {
        delete entry.saving;
        throw error;
      },
    );
    this.snapshots.set(ref, entry);
    this.trimSnapshots();
    await entry.saving;
    return ref;
  }

  /**
   * The snapshot a subscription saw at its last digest. Undefined when there is none (no digest yet,
   * or it expired after half a year unused: the next digest is then a first digest). Throws
   * DigestStoreError when the store cannot be read.
   */
  async loadSnapshot(ref: string | undefined): Promise<Readonly<Record<string, string>> | undefined> {
    if (!ref) return undefined;
    const known = this.snapshots.get(ref);
    if (known) return known.seen;
    const seen = await this.read<Record<string, string>>(snapshotKey(ref));
    if (!seen) {
      this.options.logger.warn({ snapshot: ref }, 'digest snapshot missing; the next digest starts afresh with the newest articles');
      return undefined;
    }
    this.snapshots.set(ref, { seen, writtenAt: 0 });
    this.trimSnapshots();
    return seen;
  }

  /** A handful of snapshots are live at once (one per distinct article state); keep memory bounded anyway. */
  private trimSnapshots(): void {
    while (this.snapshots.size > 64) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
  }

  private async loadGuild(guildId: string): Promise<Subscription[]> {
    const ids = await this.guildIds(guildId);
    const subs = await Promise.all(ids.map((id) => this.get(id)));
    return subs.filter((s): s is Subscription => s !== undefined && ownerOf(s) === guildId);
  }

  private async guildIds(guildId: string): Promise<string[]> {
    return (await this.read<string[]>(guildKey(guildId))) ?? [];
  }

  private async addGuild(guildId: string): Promise<void> {
    if (this.knownGuilds.has(guildId)) return;
    const index = indexKeyOf(guildId);
    await this.locked(index, async () => {
      const guilds = (await this.read<string[]>(index)) ?? [];
      if (!guilds.includes(guildId)) await this.write(index, [...guilds, guildId]);
      this.knownGuilds.add(guildId);
    });
  }

  private async freshId(): Promise<string> {
    for (;;) {
      // 6 base-36 characters: short enough to type, 2 billion values, checked for collisions.
      const id = (randomBytes(5).readUIntBE(0, 5) % 36 ** 6).toString(36).padStart(6, '0');
      if (!(await this.get(id))) return id;
    }
  }

  /** A value, or undefined for a genuine miss; throws when the store is failing (createKeyv answers undefined then). */
  private async read<T>(key: string): Promise<T | undefined> {
    const value = (await this.keyv.get<T>(key)) ?? undefined;
    if (value === undefined && storeStatus(this.keyv)?.ok === false) {
      throw new DigestStoreError(`the digest store could not be read (${key.split(':')[0]})`);
    }
    return value;
  }

  private async write(key: string, value: unknown, ttlMs = 0): Promise<void> {
    // ttl 0: subscriptions never expire, whatever default TTL the store was opened with.
    const ok = await this.keyv.set(key, value, ttlMs);
    if (ok === false) {
      this.options.logger.error({ key: key.split(':')[0] }, 'digest store did not confirm a write');
      throw new DigestStoreError(`the digest store did not save ${key.split(':')[0]}`);
    }
  }

  private locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return next;
  }
}
