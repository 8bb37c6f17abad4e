/**
 * A fake Discord for end-to-end tests: one node:http server on 127.0.0.1 serving the REST API under
 * `/api/v10` and the gateway WebSocket on the same port. The real discord.js `Client` connects to it
 * through `rest: { api: fake.apiUrl }` (Herald: `DISCORD_API_URL=fake.apiUrl`).
 *
 * It holds an in-memory Discord (guilds, channels, messages, commands, interactions), records every
 * REST request with its answer, checks Discord's limits and interaction rules (recorded in
 * `violations`), and injects faults (429, 5xx, Discord errors, delays, gateway drops).
 *
 * Times are `performance.now()` of the process running the fake.
 *
 * @example
 * ```ts
 * const fake = await startFakeDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
 *   partials: [Partials.Channel], rest: { api: fake.apiUrl } });
 * const ready = once(client, Events.ClientReady);
 * await client.login(fake.token);
 * await ready;                              // guild cache filled from GUILD_CREATE
 * const i = fake.sendCommand('summarize', { article: 'ford', length: 'short' }, { locale: 'de' });
 * const record = await fake.waitForAnswer(i.id);   // reply, or defer + edit/follow-up
 * expect(record.callbacks[0]!.type).toBe(5);       // deferred first
 * expect(fake.violations).toEqual([]);
 * await client.destroy(); await fake.close();
 * ```
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelType } from 'discord.js';
import { TokenBucket, type Fault, type FaultInjector, type FaultMatch, type FaultRule } from './discord-faults.js';
import { FakeGateway, type GatewaySession } from './discord-gateway.js';
import { RestRouter, type RecordedRequest, type Violation } from './discord-http.js';
import {
  buttonInteraction,
  commandInteraction,
  messageCommandInteraction,
  type InteractionContext,
  type MessageTarget,
  type OptionValue,
} from './discord-interactions.js';
import { defineMessageRoutes } from './discord-message-routes.js';
import { DiscordModel, type InteractionRecord, type PostedMessage } from './discord-model.js';
import { aMember, aMessage, guildCreatePayload, shardOf, type FakeChannel, type FakeGuild, type FakeMessage, type FakePeople, type FakeUser, type GuildSpec, type Json } from './discord-payloads.js';
import { defineRoutes } from './discord-routes.js';
import type { CommandStore } from './discord-commands.js';

export type { Fault, FaultMatch, FaultRule } from './discord-faults.js';
export type { GatewayConnection, GatewaySession } from './discord-gateway.js';
export type { RecordedRequest, Violation } from './discord-http.js';
export type { InteractionContext, MessageTarget, OptionValue } from './discord-interactions.js';
export type { InteractionRecord, PostedMessage, RecordedFile } from './discord-model.js';
export type { StoredCommand } from './discord-commands.js';
export type { LimitProblem } from './discord-limits.js';
export type {
  ChannelSpec,
  FakeChannel,
  FakeGuild,
  FakeMember,
  FakeMessage,
  FakePeople,
  FakeUser,
  GuildSpec,
  Json,
  OverwriteSpec,
} from './discord-payloads.js';
export { LIMITS } from './discord-limits.js';
export { ALL_PERMISSIONS, BOT_PERMISSIONS, EVERYONE_PERMISSIONS, computePermissions, shardOf, snowflake } from './discord-payloads.js';

/** Options of {@link startFakeDiscord}; all optional. */
export interface FakeDiscordOptions {
  /** Guilds to create: a count of default guilds, or specs. Default: one default guild. */
  guilds?: number | GuildSpec[];
  /** The token clients must use (REST `Authorization: Bot …` and IDENTIFY). Default `'fake-token'`. */
  token?: string;
  /** `shards` in GET /gateway/bot (what `shards: 'auto'` uses). Default 1. */
  recommendedShards?: number;
  /** HELLO's heartbeat interval. Default 41250 ms, as Discord. */
  heartbeatIntervalMs?: number;
  /**
   * Discord drops interactions not acknowledged within 3 s; a later callback gets 404 10062 and a
   * violation. Default 3000 ms; `Infinity` turns the check off.
   */
  interactionTimeoutMs?: number;
  /**
   * Global bot rate limit (Discord: 50/s), answered with global 429s and recorded as
   * `global_rate_limit` violations. Interaction callbacks and webhooks are outside it, as on Discord. Off by default.
   */
  rateLimit?: { perSecond: number; burst?: number };
  /** Bot user name. Default 'Herald'. */
  botName?: string;
}

/** Options of the `waitFor…` helpers. */
export interface WaitOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * Starts a fake Discord on 127.0.0.1 (a free port).
 *
 * @example
 * const fake = await startFakeDiscord({ guilds: 2 });
 * process.env.DISCORD_API_URL = fake.apiUrl; process.env.DISCORD_TOKEN = fake.token;
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}

/** The fake Discord. Create with {@link startFakeDiscord}; destroy clients first, then `close()`. */
export class FakeDiscord {
  /** The token to log in with. */
  readonly token: string;
  private readonly model: DiscordModel;
  private readonly router: RestRouter;
  private readonly server: Server;
  private gatewayServer: FakeGateway | undefined;
  private readonly listeners = new Set<() => void>();
  private port = 0;

  constructor(private readonly options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-token';
    this.model = new DiscordModel(options);
    this.router = new RestRouter(this.token, () => this.changed());
    if (options.rateLimit) this.setGlobalRateLimit(options.rateLimit);
    defineRoutes(this.router, this.model, { gatewayUrl: () => this.gatewayUrl, recommendedShards: options.recommendedShards ?? 1 });
    defineMessageRoutes(this.router, this.model, { interactionTimeoutMs: options.interactionTimeoutMs ?? 3000, changed: () => this.changed() });
    this.server = createServer((req, res) => void this.router.handle(req, res));
  }

  // ---------------------------------------------------------------- addresses and state

  /** REST base for discord.js `rest.api` and DISCORD_API_URL: `http://127.0.0.1:PORT/api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Gateway URL handed out by GET /gateway/bot (resumes go to `${gatewayUrl}/resume`). */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get applicationId(): string {
    return this.model.applicationId;
  }

  /** The bot, an administrator (owner of every default guild, Administrator role) and a plain member. */
  get people(): FakePeople {
    return this.model.people;
  }

  /** All guilds, in creation order. Change them through the methods so the gateway hears of it. */
  get guilds(): readonly FakeGuild[] {
    return this.model.guilds;
  }

  /** The first guild, where interactions happen by default. */
  get guild(): FakeGuild {
    const guild = this.model.guilds[0];
    if (!guild) throw new Error('fake-discord: started without guilds');
    return guild;
  }

  /** Registered application commands (`list(guildId?)`). */
  get commands(): CommandStore {
    return this.model.commands;
  }

  /** Interactions by id. */
  get interactions(): ReadonlyMap<string, InteractionRecord> {
    return this.model.interactions;
  }

  /** Every REST request, in arrival order (in-flight ones have no `status` yet). */
  get requests(): readonly RecordedRequest[] {
    return this.router.requests;
  }

  /** Everything the bot did that Discord would refuse or punish; tests expect `[]`. */
  get violations(): readonly Violation[] {
    return this.router.violations;
  }

  /** The injected fault rules (`clear()`, `remove(rule)`). */
  get faults(): FaultInjector {
    return this.router.faults;
  }

  /** The gateway: `sessions`, `connections`, `ackHeartbeats`, `invalidateSessions`, `requestReconnect`. */
  get gateway(): FakeGateway {
    if (!this.gatewayServer) throw new Error('fake-discord: not listening');
    return this.gatewayServer;
  }

  /** @internal Called by {@link startFakeDiscord}. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    this.gatewayServer = new FakeGateway(this.server, `${this.gatewayUrl}/resume`, {
      token: this.token,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 41_250,
      ready: (session) => this.readyPayload(session),
      guildCreates: (session) => this.model.guilds.filter((g) => this.onShard(g.id, session)).map(guildCreatePayload),
      members: (guildId) => (this.model.findGuild(guildId)?.members ?? []) as unknown as Json[],
      changed: () => this.changed(),
    });
  }

  /** Stops the server and the gateway. Destroy discord.js clients first, or they keep reconnecting. */
  async close(): Promise<void> {
    await this.gatewayServer?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- reading what happened

  /** A guild channel by name (first guild unless `guildId`); throws if absent. */
  channel(name: string, guildId?: string): FakeChannel {
    const guild = guildId ? this.model.findGuild(guildId) : this.guild;
    const channel = guild?.channels.find((c) => c.name === name);
    if (!channel) throw new Error(`fake-discord: no channel named ${name}`);
    return channel;
  }

  /** The bot's DM channel with a user (created on first use, as POST /users/@me/channels does). */
  dmChannel(userId: string): FakeChannel {
    return this.model.dmChannel(userId);
  }

  /** A known user, or a new one with that id. */
  user(userId: string): FakeUser {
    return this.model.user(userId);
  }

  /** Messages in a channel (guild or DM), oldest first; deleted ones included with `deletedAt`. */
  channelMessages(channelId: string): PostedMessage[] {
    return this.model.channelMessages(channelId);
  }

  /** Every message the bot created anywhere (channel posts, replies, follow-ups), oldest first. */
  botMessages(): PostedMessage[] {
    return this.model.botMessages();
  }

  /** Bot messages that would notify someone (@everyone/@here, a user, a role). Herald: always `[]`. */
  pings(): PostedMessage[] {
    return this.model
      .botMessages()
      .filter((p) => p.message.mention_everyone === true || (p.message.mentions as unknown[]).length > 0 || (p.message.mention_roles as unknown[]).length > 0);
  }

  /** The interaction's record; throws for unknown ids. */
  interaction(id: string): InteractionRecord {
    const record = this.model.interactions.get(id);
    if (!record) throw new Error(`fake-discord: unknown interaction ${id}`);
    return record;
  }

  /** Requests whose route template equals `route`, e.g. `'POST /channels/:channelId/messages'`. */
  requestsTo(route: string): RecordedRequest[] {
    return this.router.requests.filter((r) => r.route === route);
  }

  /** Successful requests that created, changed or deleted application commands. */
  commandWrites(): RecordedRequest[] {
    return this.router.requests.filter(
      (r) => r.method !== 'GET' && /^\/applications\/[^/]+\/(guilds\/[^/]+\/)?commands/.test(r.path) && r.status !== undefined && r.status < 300,
    );
  }

  /** Answered requests counted by `"<route> <status>"` (unknown routes by path), e.g. for bench reports. */
  requestCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.router.answered) {
      const key = `${r.route ?? `${r.method} ${r.path}`} ${r.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Throws a readable error when there are violations. */
  assertNoViolations(): void {
    const { violations } = this.router;
    if (violations.length === 0) return;
    const lines = violations.map((v) => `${v.kind}: ${v.method} ${v.path}: ${v.detail}`);
    throw new Error(`fake-discord: ${violations.length} violation(s):\n${lines.join('\n')}`);
  }

  /** Forgets recorded requests and violations (the model stays). For tests sharing one fake. */
  clearRecords(): void {
    this.router.requests.length = 0;
    this.router.answered.length = 0;
    this.router.violations.length = 0;
  }

  // ---------------------------------------------------------------- faults

  /**
   * Answers matching requests with `fault`, `times` times (default 1; `Infinity` for ever).
   *
   * @example fake.injectFault({ method: 'POST', path: `/channels/${id}/messages` }, { kind: 'rateLimit', retryAfterMs: 200 });
   */
  injectFault(match: FaultMatch, fault: Fault, times = 1): FaultRule {
    return this.router.faults.add(match, fault, times);
  }

  /** Every request on this channel answers this Discord error from now on (10003, 50001, 50013, …). */
  failChannel(channelId: string, code: number): FaultRule {
    return this.router.faults.add({ path: new RegExp(`^/channels/${channelId}(/|$)`) }, { kind: 'discordError', code }, Infinity);
  }

  /**
   * Turns the global bot rate limit on (`perSecond`, `burst` default = perSecond; the bucket starts
   * full) or off (`undefined`). Interaction callbacks and webhooks are outside it, as on Discord.
   */
  setGlobalRateLimit(limit: { perSecond: number; burst?: number } | undefined): void {
    this.router.bucket = limit ? new TokenBucket(limit.perSecond, limit.burst) : undefined;
  }

  // ---------------------------------------------------------------- changing the world (dispatched)

  /** Adds a guild and sends GUILD_CREATE to its shard (the bot joins it). */
  addGuild(spec: GuildSpec = {}): FakeGuild {
    const guild = this.model.addGuild(spec);
    this.dispatch('GUILD_CREATE', guildCreatePayload(guild), { guildId: guild.id });
    return guild;
  }

  /** Removes the bot from a guild: GUILD_DELETE, then its routes answer 10004 and channels 10003. */
  removeGuild(guildId: string): void {
    const guild = this.model.findGuild(guildId);
    if (!guild) return;
    this.dispatch('GUILD_DELETE', { id: guildId }, { guildId });
    this.model.removeGuild(guild);
  }

  /** A user joins a guild (no gateway event: see removeMember); a command sent there adds them too. */
  addMember(guildId: string, userId: string): void {
    const guild = this.model.findGuild(guildId);
    if (guild && !guild.members.some((m) => m.user.id === userId)) guild.members.push(aMember(this.model.user(userId)));
  }

  /**
   * A member leaves (or is banned from) a guild: GET /guilds/{guild}/members/{user} answers 10007
   * Unknown Member from then on. No gateway event: GUILD_MEMBER_REMOVE needs the privileged members
   * intent, which Herald does not ask for.
   */
  removeMember(guildId: string, userId: string): void {
    const guild = this.model.findGuild(guildId);
    if (guild) guild.members = guild.members.filter((m) => m.user.id !== userId);
  }

  /** Deletes a channel: CHANNEL_DELETE is dispatched and REST answers 10003 Unknown Channel. */
  deleteChannel(channelId: string): void {
    const deleted = this.model.deleteChannel(channelId);
    if (deleted) this.dispatch('CHANNEL_DELETE', deleted.channel, { guildId: deleted.guild.id });
  }

  /** Replaces a channel's permission overwrites and dispatches CHANNEL_UPDATE. */
  setChannelOverwrites(channelId: string, overwrites: NonNullable<FakeChannel['permission_overwrites']>): void {
    const channel = this.model.findChannel(channelId);
    if (!channel?.guild_id) throw new Error(`fake-discord: no guild channel ${channelId}`);
    channel.permission_overwrites = overwrites;
    this.dispatch('CHANNEL_UPDATE', channel, { guildId: channel.guild_id });
  }

  /** The bot's permissions in a guild channel, as Discord computes them. */
  botPermissions(channelId: string): bigint {
    return this.model.botPermissions(channelId);
  }

  // ---------------------------------------------------------------- gateway

  /**
   * Sends a gateway dispatch. With `guildId` it goes to that guild's shard, otherwise to `shard`
   * (default 0, where Discord sends DMs). Returns how many sessions got it (disconnected but
   * resumable sessions buffer it and receive it on RESUME).
   */
  dispatch(event: string, data: unknown, target: { guildId?: string; shard?: number } = {}): number {
    const { guildId, shard } = target;
    return this.gateway.dispatch(event, data, (s) => (guildId ? this.onShard(guildId, s) : s.shard[0] === (shard ?? 0)));
  }

  /** Drops gateway connections: close code 4000 (resumable) by default, or `abrupt` (TCP reset, 1006). */
  dropConnection(options: { shard?: number; code?: number; abrupt?: boolean } = {}): number {
    return this.gateway.drop(options);
  }

  /**
   * Resolves when a session of `shard` (default 0) is connected, optionally resumed `minResumes`
   * times. Identified is not yet ready: the client still processes READY and GUILD_CREATE, but
   * discord.js queues later events until then, so sending interactions right away is safe.
   */
  waitForSession(shard = 0, options?: WaitOptions & { minResumes?: number }): Promise<GatewaySession> {
    const minResumes = options?.minResumes ?? 0;
    return this.waitFor(
      () => this.gateway.liveSessions(shard).find((s) => s.socket && s.resumes >= minResumes),
      `a gateway session for shard ${shard}${minResumes ? ` resumed ${minResumes}x` : ''}`,
      options,
    );
  }

  // ---------------------------------------------------------------- interactions and DMs

  /**
   * A user runs a slash command. `command` may name a subcommand: `'digest subscribe'`. Option
   * types come from the registered command when there is one (channel/user/role options are then
   * resolved from the model; unknown or missing required options throw), else from the JS type.
   *
   * @example fake.sendCommand('digest subscribe', { channel: fake.channel('news').id, time: '08:00' }, { userId: fake.people.admin.id });
   */
  sendCommand(command: string, options: Record<string, OptionValue> = {}, context: InteractionContext = {}): InteractionRecord {
    return this.deliver(commandInteraction(this.model, 'command', command, options, undefined, context));
  }

  /** A user types into option `focused` of a command: an autocomplete interaction (answer: type 8). */
  sendAutocomplete(command: string, options: Record<string, OptionValue>, focused: string, context: InteractionContext = {}): InteractionRecord {
    return this.deliver(commandInteraction(this.model, 'autocomplete', command, options, focused, context));
  }

  /**
   * A user picks a message context menu command on `target`: a stored message, or the text of a
   * new one (stored in the context's channel, authored by the admin unless `authorId`).
   */
  sendMessageCommand(name: string, target: MessageTarget, context: InteractionContext = {}): InteractionRecord {
    return this.deliver(messageCommandInteraction(this.model, name, target, context));
  }

  /**
   * A user clicks a button: on `options.message`, or else on the newest message carrying a component
   * with this `custom_id`. Channel and guild follow that message.
   */
  sendButton(customId: string, options: InteractionContext & { message?: PostedMessage | FakeMessage } = {}): InteractionRecord {
    return this.deliver(buttonInteraction(this.model, customId, options));
  }

  /**
   * A user writes to the bot in DM: MESSAGE_CREATE on shard 0 in the DM channel (no guild_id).
   * Default author: the plain member. `bot: true` marks the author a bot; `authorId:
   * fake.people.bot.id` makes it the bot itself (in its DM with the member).
   */
  sendDirectMessage(content: string, options: { authorId?: string; bot?: boolean; replyTo?: PostedMessage } = {}): PostedMessage {
    const authorId = options.authorId ?? this.model.people.member.id;
    const author = { ...this.model.user(authorId), ...(options.bot ? { bot: true } : {}) };
    const recipientId = authorId === this.model.people.bot.id ? this.model.people.member.id : authorId;
    const posted = this.model.store(aMessage(this.model.dmChannel(recipientId), author, { content, ...replyFields(options.replyTo) }), 'user');
    this.dispatch('MESSAGE_CREATE', { ...posted.message, ...referenced(options.replyTo), channel_type: ChannelType.DM });
    return posted;
  }

  /**
   * A member writes in a guild channel (default: the first guild's first text channel): MESSAGE_CREATE
   * on the guild's shard. With `replyTo` it is a reply (message_reference, referenced_message); a reply
   * to the bot pings it unless `ping: false`. As for a bot without the Message Content intent, the
   * gateway carries the text only when the message mentions the bot (a pinging reply does).
   */
  sendChannelMessage(content: string, options: { channelId?: string; authorId?: string; replyTo?: PostedMessage; ping?: boolean } = {}): PostedMessage {
    const channel = options.channelId ? this.model.findChannel(options.channelId) : this.guild.channels.find((c) => c.type === ChannelType.GuildText);
    if (!channel?.guild_id) throw new Error('fake-discord: sendChannelMessage needs a guild text channel');
    const author = this.model.user(options.authorId ?? this.model.people.member.id);
    const pingsBot = options.ping !== false && options.replyTo?.message.author.id === this.model.people.bot.id;
    const mentions = pingsBot ? [this.model.botAuthor()] : [];
    const posted = this.model.store(aMessage(channel, author, { content, mentions, ...replyFields(options.replyTo) }), 'user');
    this.dispatch('MESSAGE_CREATE', { ...posted.message, content: pingsBot ? content : '', ...referenced(options.replyTo) }, { guildId: channel.guild_id });
    return posted;
  }

  // ---------------------------------------------------------------- waiting

  /**
   * Resolves with the first value `probe` returns that is not `undefined`/`null`/`false`, checked now,
   * after every change in the fake and every 20 ms (probes may read a client's cache). Rejects after
   * `timeoutMs` (default 10 s) naming `what` and the last requests; rejects if `probe` throws.
   */
  waitFor<T>(probe: () => T | undefined | null | false, what = 'a condition', options: WaitOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = probe();
        } catch (problem) {
          cleanup();
          reject(problem instanceof Error ? problem : new Error(String(problem)));
          return true;
        }
        if (value === undefined || value === null || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.router.requests.slice(-8).map((r) => `  ${r.method} ${r.path} → ${r.status ?? 'pending'}`);
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}; last requests:\n${recent.join('\n')}`));
      }, timeoutMs);
      const poll = setInterval(() => void check(), 20);
      const listener = (): void => void check();
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(listener);
      };
      if (!check()) this.listeners.add(listener);
    });
  }

  /**
   * Resolves with the first answered request matching `predicate`. Requests answered before the call
   * count too, unless `since` (a {@link mark}) excludes them.
   *
   * @example const post = await fake.waitForRequest((r) => r.route === 'POST /channels/:channelId/messages' && r.status === 200);
   */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, options: WaitOptions & { since?: number } = {}): Promise<RecordedRequest> {
    const since = options.since ?? 0;
    let cursor = 0;
    return this.waitFor(
      () => {
        const { answered } = this.router;
        for (; cursor < answered.length; cursor++) {
          const r = answered[cursor];
          if (r && r.seq > since && predicate(r)) return r;
        }
        return undefined;
      },
      'a matching request',
      options,
    );
  }

  /** The seq of the latest request so far, for `waitForRequest(…, { since })`. */
  mark(): number {
    return this.router.requests.at(-1)?.seq ?? 0;
  }

  /** Resolves with the channel's first live message matching `predicate` (any when absent). */
  waitForMessage(channelId: string, predicate: (p: PostedMessage) => boolean = () => true, options?: WaitOptions): Promise<PostedMessage> {
    return this.waitFor(
      () => this.model.channelMessages(channelId).find((p) => p.deletedAt === undefined && predicate(p)),
      `a message in channel ${channelId}`,
      options,
    );
  }

  /** Resolves when `predicate` holds for the interaction's record (default: it got a callback). */
  waitForInteraction(
    id: string,
    predicate: (r: InteractionRecord) => boolean = (r) => r.callbacks.length > 0,
    options?: WaitOptions,
  ): Promise<InteractionRecord> {
    return this.waitFor(() => (predicate(this.interaction(id)) ? this.interaction(id) : undefined), `interaction ${id}`, options);
  }

  /**
   * Resolves when the interaction has a visible answer: a reply/update/choices/modal, or, after a
   * defer (type 5/6), an edit of the original or a follow-up. For streamed answers wait further with
   * {@link waitForInteraction} and a predicate on `original.message`.
   */
  waitForAnswer(id: string, options?: WaitOptions): Promise<InteractionRecord> {
    return this.waitForInteraction(
      id,
      (r) => {
        const first = r.callbacks.find((c) => c.status > 0 && c.status < 300);
        if (!first) return false;
        if (first.type !== 5 && first.type !== 6) return true;
        return (r.original?.edits.length ?? 0) > 0 || r.followups.length > 0;
      },
      options,
    );
  }

  // ================================================================ internals

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private deliver(record: InteractionRecord): InteractionRecord {
    const delivered = this.dispatch('INTERACTION_CREATE', record.payload, record.guildId ? { guildId: record.guildId } : {});
    if (delivered === 0) throw new Error('fake-discord: no gateway session to deliver the interaction to (is the client logged in?)');
    return record;
  }

  private onShard(guildId: string, session: GatewaySession): boolean {
    return shardOf(guildId, session.shard[1]) === session.shard[0];
  }

  private readyPayload(session: GatewaySession): Json {
    return {
      v: 10,
      user: { ...this.model.botAuthor(), verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: this.model.guilds.filter((g) => this.onShard(g.id, session)).map((g) => ({ id: g.id, unavailable: true })),
      application: { id: this.model.applicationId, flags: 0 },
      user_settings: {},
      relationships: [],
      private_channels: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      session_type: 'normal',
      auth: {},
    };
  }
}

/** The fields that make a message a reply to `to` (type 19, message_reference). */
function replyFields(to: PostedMessage | undefined): Partial<FakeMessage> {
  if (!to) return {};
  return {
    type: 19,
    message_reference: { type: 0, message_id: to.message.id, channel_id: to.message.channel_id, ...(to.message.guild_id ? { guild_id: to.message.guild_id } : {}) },
  };
}

/** The replied-to message as the gateway sends it along with a reply. */
function referenced(to: PostedMessage | undefined): { referenced_message?: FakeMessage } {
  return to ? { referenced_message: to.message } : {};
}
