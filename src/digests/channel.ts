import type { Digest } from './compose.js';

/**
 * One message as the channel rendered it. The delivery record keeps it verbatim, so a delivery
 * resumed after a crash posts exactly what the first attempt would have. Digests read nothing but
 * its nonce: the platform's guard against showing a re-posted message twice.
 */
export interface ChannelMessage {
  readonly nonce: string;
}

/**
 * Why a post did not go through, in digests' terms. The first four pause the subscription (no retry
 * fixes them); `transient` and `unreachable` are retried. `code` and `status` are the platform's
 * own numbers, kept for logs and the stored English detail.
 */
export type PostFailure =
  /** The channel no longer exists. */
  | { kind: 'channel_gone'; code: number }
  /** Herald may no longer see the channel. */
  | { kind: 'no_access'; code: number }
  /** Herald lacks a permission it needs to post there. */
  | { kind: 'missing_permissions'; code: number }
  /** The member does not accept direct messages from Herald (their privacy settings). */
  | { kind: 'dms_closed'; code: number }
  /** The message itself was refused: the same bytes would be refused again. */
  | { kind: 'invalid'; status: number; code: number | string }
  /** The platform answered with an error that may pass (5xx, timeout); `code` when it gave one. */
  | { kind: 'transient'; status: number; code?: number | string }
  /** The platform could not be reached; `cause` names the network error. */
  | { kind: 'unreachable'; cause: string };

/** What Herald may do in a channel as far as is known without asking the platform. */
export type ChannelAccess = { ok: true } | { ok: false; missing: readonly string[] };

/**
 * Where digests go: the one thing scheduling and delivery need from the chat platform.
 * discordDigestChannel (with the /digest command) implements it on Discord's REST API.
 */
export interface DigestChannel {
  /**
   * The messages of one digest, in order, within the platform's limits. Each carries a nonce made
   * from `deliveryKey` and its index, so a message re-posted after a crash is recognised rather
   * than shown twice; the same digest and key always give the same messages.
   */
  render(digest: Digest, deliveryKey: string): ChannelMessage[];
  /**
   * A check before each post: the permissions Herald can see it lacks (ones the platform would
   * not report, such as embeds silently dropped). `ok` also when nothing is known: the post decides.
   */
  checkAccess(guildId: string, channelId: string): ChannelAccess;
  /** Posts one rendered message; undefined once the platform accepted it. Only a set-up fault (no client yet) throws. */
  post(channelId: string, message: ChannelMessage): Promise<PostFailure | undefined>;
}

/**
 * Whether a member may still read a guild's feeds, as the platform answers: still a member; left
 * (or banned); the guild is gone for Herald (removed, or no access); or `unknown` when the platform
 * could not answer (5xx, rate limit, network), which decides nothing. `guildName` when known.
 */
export type Membership =
  | { status: 'member' }
  | { status: 'left'; code: number; guildName?: string }
  | { status: 'guild_gone'; code: number; guildName?: string }
  | { status: 'unknown'; failure: PostFailure };

/**
 * Where personal briefings go: a member's direct messages. Rendered like a channel's digest; `post`
 * takes the member's user id (the platform's DM channel is opened on demand). `membership` is asked
 * before a briefing subscribed in a guild is sent: it carries that guild's private feeds.
 */
export type DirectMessageChannel = Pick<DigestChannel, 'render' | 'post'> & {
  membership(guildId: string, userId: string): Promise<Membership>;
};
