/**
 * The fake Discord's in-memory state: people, guilds, DM channels, messages, interactions and
 * application commands, with the look-ups every part of the fake shares.
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { CommandStore, type StoredCommand } from './discord-commands.js';
import {
  aUser,
  buildGuild,
  computePermissions,
  snowflake,
  textOf,
  type FakeChannel,
  type FakeGuild,
  type FakeMessage,
  type FakePeople,
  type FakeUser,
  type GuildSpec,
  type Json,
} from './discord-payloads.js';

/** A message the fake holds, with when it arrived and how. */
export interface PostedMessage {
  /** The message as Discord returns it (edits applied). */
  message: FakeMessage;
  /** `performance.now()` when it was created. */
  at: number;
  /** How it got there. `user` = created by the test (DMs, targets of menus). */
  via: 'channel' | 'interaction' | 'followup' | 'user';
  /** For interaction replies and follow-ups. */
  interactionId?: string;
  /** Each edit's body, in order, with `performance.now()`. */
  edits: { at: number; body: Json }[];
  /** `performance.now()` when deleted. */
  deletedAt?: number;
  /**
   * The nonce it was created with under `enforce_nonce`, while Discord still remembers it
   * (`until`, `performance.now()`). Tests delete it to act out the window having passed.
   */
  enforcedNonce?: { nonce: string; until: number };
}

/** How long Discord remembers an enforced nonce ("the past few minutes" in its docs). */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** What the fake knows about one interaction it dispatched. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly kind: 'command' | 'autocomplete' | 'messageCommand' | 'button';
  /** The INTERACTION_CREATE payload sent. */
  readonly payload: Json;
  readonly guildId: string | undefined;
  readonly channelId: string;
  readonly userId: string;
  /** `performance.now()` when dispatched. */
  readonly dispatchedAt: number;
  /**
   * Interaction callbacks in order (Discord accepts only the first), with the status answered.
   * `type`: 4 reply, 5 defer, 6 defer update, 7 update, 8 autocomplete result, 9 modal.
   */
  callbacks: { type: number; data: Json | undefined; at: number; status: number }[];
  /** The original response (type 4/5), or the component's message after type 6/7. */
  original: PostedMessage | undefined;
  followups: PostedMessage[];
}

/** A file of a multipart request. */
export interface RecordedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** The state of the fake Discord. */
export class DiscordModel {
  readonly applicationId: string = snowflake();
  /** The bot, an administrator (owner of every default guild) and a plain member. */
  readonly people: FakePeople;
  readonly guilds: FakeGuild[] = [];
  readonly commands: CommandStore;
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  readonly messagesById = new Map<string, PostedMessage>();
  private readonly users = new Map<string, FakeUser>();
  private readonly dmChannels = new Map<string, FakeChannel>();
  private readonly messages = new Map<string, PostedMessage[]>();
  private readonly deletedChannels = new Set<string>();
  private readonly commandIds = new Map<string, string>();
  /** Messages created with `enforce_nonce`, by author and nonce. */
  private readonly nonces = new Map<string, PostedMessage>();

  constructor(options: { botName?: string; guilds?: number | GuildSpec[] }) {
    this.people = {
      bot: aUser({ username: options.botName ?? 'Herald', bot: true }),
      admin: aUser({ username: 'alice-admin', global_name: 'Alice' }),
      member: aUser({ username: 'bob-member', global_name: 'Bob' }),
    };
    for (const user of [this.people.bot, this.people.admin, this.people.member]) this.users.set(user.id, user);
    this.commands = new CommandStore(this.applicationId);
    const specs = typeof options.guilds === 'number' ? Array.from({ length: options.guilds }, () => ({})) : (options.guilds ?? [{}]);
    for (const spec of specs) this.addGuild(spec);
  }

  addGuild(spec: GuildSpec): FakeGuild {
    const guild = buildGuild(spec, this.people);
    this.guilds.push(guild);
    return guild;
  }

  removeGuild(guild: FakeGuild): void {
    for (const channel of guild.channels) this.deletedChannels.add(channel.id);
    this.guilds.splice(this.guilds.indexOf(guild), 1);
  }

  /** Deletes a guild channel; returns its guild, if it existed. */
  deleteChannel(channelId: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (!channel) continue;
      guild.channels = guild.channels.filter((c) => c !== channel);
      this.deletedChannels.add(channelId);
      return { guild, channel };
    }
    return undefined;
  }

  findGuild(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  /** A guild or DM channel that exists (not deleted). */
  findChannel(channelId: string): FakeChannel | undefined {
    if (this.deletedChannels.has(channelId)) return undefined;
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (channel) return channel;
    }
    return [...this.dmChannels.values()].find((c) => c.id === channelId);
  }

  /** The user id on the other side of a DM channel. */
  dmRecipient(channelId: string): string | undefined {
    return [...this.dmChannels.entries()].find(([, c]) => c.id === channelId)?.[0];
  }

  /** A known user, or a new one with that id. */
  user(userId: string): FakeUser {
    let user = this.users.get(userId);
    if (!user) {
      user = aUser({ id: userId });
      this.users.set(userId, user);
    }
    return user;
  }

  knowsUser(userId: string): boolean {
    return this.users.has(userId);
  }

  /** The bot's DM channel with a user, created on first use. */
  dmChannel(userId: string): FakeChannel {
    let channel = this.dmChannels.get(userId);
    if (!channel) {
      channel = { id: snowflake(), type: ChannelType.DM, name: null, last_message_id: null, flags: 0, recipients: [this.user(userId)] };
      this.dmChannels.set(userId, channel);
    }
    return channel;
  }

  botAuthor(): FakeUser {
    return { ...this.people.bot, bot: true };
  }

  /** The bot's permissions in a guild channel (0 when it is not a guild channel). */
  botPermissions(channelId: string): bigint {
    const guild = this.guilds.find((g) => g.channels.some((c) => c.id === channelId));
    return guild ? computePermissions(guild, this.people.bot.id, channelId) : 0n;
  }

  /** Stores a new message and indexes it. */
  store(message: FakeMessage, via: PostedMessage['via'], interactionId?: string): PostedMessage {
    const posted: PostedMessage = { message, at: performance.now(), via, edits: [], ...(interactionId ? { interactionId } : {}) };
    const list = this.messages.get(message.channel_id) ?? [];
    list.push(posted);
    this.messages.set(message.channel_id, list);
    this.messagesById.set(message.id, posted);
    const channel = this.findChannel(message.channel_id);
    if (channel) channel.last_message_id = message.id;
    return posted;
  }

  /**
   * The message this author created with `nonce` under `enforce_nonce` within the nonce window:
   * Discord returns it instead of creating another.
   */
  messageWithNonce(authorId: string, nonce: string): PostedMessage | undefined {
    const key = `${authorId}|${nonce}`;
    const posted = this.nonces.get(key);
    if (posted?.enforcedNonce?.nonce === nonce && performance.now() < posted.enforcedNonce.until) return posted;
    this.nonces.delete(key);
    return undefined;
  }

  /** Remembers a message created with `enforce_nonce` for the nonce window. */
  rememberNonce(posted: PostedMessage, nonce: string): void {
    posted.enforcedNonce = { nonce, until: performance.now() + NONCE_WINDOW_MS };
    this.nonces.set(`${posted.message.author.id}|${nonce}`, posted);
  }

  channelMessages(channelId: string): PostedMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  botMessages(): PostedMessage[] {
    return [...this.messagesById.values()].filter((p) => p.message.author.id === this.people.bot.id).sort((a, b) => a.at - b.at);
  }

  /** The newest live message carrying a component with this `custom_id`. */
  findMessageWithComponent(customId: string): FakeMessage | undefined {
    const has = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.some(has);
      if (value && typeof value === 'object') {
        const o = value as Json;
        return o.custom_id === customId || has(o.components);
      }
      return false;
    };
    const live = [...this.messagesById.values()].filter((p) => p.deletedAt === undefined).sort((a, b) => b.at - a.at);
    return live.find((p) => has(p.message.components))?.message;
  }

  /** The registered command of that name and type, guild scope first. */
  findCommand(name: string, type: number, guildId: string | undefined): StoredCommand | undefined {
    const match = (c: StoredCommand): boolean => c.name === name && c.type === type;
    return (guildId ? this.commands.list(guildId).find(match) : undefined) ?? this.commands.list().find(match);
  }

  /** A stable id for an unregistered command, so repeated sends look like the same command. */
  unregisteredCommandId(key: string): string {
    let id = this.commandIds.get(key);
    if (!id) {
      id = snowflake();
      this.commandIds.set(key, id);
    }
    return id;
  }

  /** The message fields Discord derives from a create/edit body: content, embeds, mentions as allowed. */
  messageFields(body: Json, guild: FakeGuild | undefined, files: RecordedFile[]): Partial<FakeMessage> {
    const fields: Partial<FakeMessage> = {};
    if (body.content !== undefined) fields.content = textOf(body.content);
    if (Array.isArray(body.embeds)) fields.embeds = (body.embeds as Json[]).map((e) => ({ type: 'rich', ...e }));
    if (Array.isArray(body.components)) fields.components = body.components as Json[];
    if (body.flags !== undefined) fields.flags = Number(body.flags ?? 0);
    if (files.length > 0 || Array.isArray(body.attachments)) {
      fields.attachments = files.map((f, i) => ({
        id: String(i),
        filename: f.filename,
        size: f.data.length,
        content_type: f.contentType,
        url: `https://cdn.invalid/${f.filename}`,
      }));
    }
    if (fields.content !== undefined) Object.assign(fields, this.mentionsOf(fields.content, body.allowed_mentions, guild));
    return fields;
  }

  /** Who a message would notify: Discord parses everything unless `allowed_mentions` restricts it. */
  private mentionsOf(content: string, allowed: unknown, guild: FakeGuild | undefined): Json {
    const rules = allowed && typeof allowed === 'object' ? (allowed as Json) : undefined;
    const parse = rules ? (Array.isArray(rules.parse) ? (rules.parse as string[]) : []) : ['everyone', 'users', 'roles'];
    const allowUsers = rules && Array.isArray(rules.users) ? (rules.users as string[]) : [];
    const allowRoles = rules && Array.isArray(rules.roles) ? (rules.roles as string[]) : [];
    const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '');
    const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '');
    return {
      mention_everyone: parse.includes('everyone') && /@(everyone|here)/.test(content),
      mentions: userIds.filter((id) => parse.includes('users') || allowUsers.includes(id)).map((id) => this.user(id)),
      mention_roles: roleIds.filter((id) => (parse.includes('roles') || allowRoles.includes(id)) && (!guild || guild.roles.some((r) => r.id === id))),
    };
  }
}

/** What a DM-side interaction grants the bot. */
export const DM_APP_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;
