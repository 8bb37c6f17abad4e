/**
 * INTERACTION_CREATE payloads of the fake Discord: chat input commands (with subcommands and
 * resolved channels/users/roles), autocomplete, message context menus and buttons. Each builder
 * registers an {@link InteractionRecord} in the model; the caller dispatches `record.payload`.
 */
import { randomBytes } from 'node:crypto';
import { ChannelType } from 'discord.js';
import { DM_APP_PERMISSIONS, type DiscordModel, type InteractionRecord, type PostedMessage } from './discord-model.js';
import {
  aMember,
  aMessage,
  computePermissions,
  interactionChannel,
  snowflake,
  type FakeChannel,
  type FakeGuild,
  type FakeMember,
  type FakeMessage,
  type FakeUser,
  type Json,
} from './discord-payloads.js';

/** Where and as whom an interaction happens. Default: first guild, its first text channel, the plain member. */
export interface InteractionContext {
  /** A guild id; default the first guild. Ignored when `dm`. */
  guildId?: string;
  /** A channel id; default the guild's first text channel (or the DM channel). */
  channelId?: string;
  /** Who acts; default `fake.people.member.id`. Use `fake.people.admin.id` for an administrator. */
  userId?: string;
  /** In the bot's DM with the user instead of a guild. */
  dm?: boolean;
  /** The user's client locale, e.g. 'de'. Default 'en-US'. */
  locale?: string;
  /** Overrides the computed `member.permissions`. */
  memberPermissions?: bigint;
  /** Overrides the computed `app_permissions`. */
  appPermissions?: bigint;
}

/** A slash command option value; its type comes from the registered command, else from the JS type. */
export type OptionValue = string | number | boolean;

/** The target of a message context menu: a stored message, or the text of a new one. */
export type MessageTarget = PostedMessage | FakeMessage | { content: string; authorId?: string; embeds?: Json[] };

interface Where {
  guild: FakeGuild | undefined;
  channel: FakeChannel;
  user: FakeUser;
  member: FakeMember | undefined;
  locale: string;
  memberPermissions: bigint;
  appPermissions: bigint;
}

interface Resolved {
  channels: Json;
  users: Json;
  members: Json;
  roles: Json;
}

export function isPosted(value: object): value is PostedMessage {
  return 'via' in value && 'message' in value && 'edits' in value;
}

function isMessage(value: object): value is FakeMessage {
  return 'id' in value && 'channel_id' in value && 'author' in value;
}

function resolveContext(model: DiscordModel, context: InteractionContext): Where {
  const user = model.user(context.userId ?? model.people.member.id);
  const locale = context.locale ?? 'en-US';
  if (context.dm) {
    const channel = model.dmChannel(user.id);
    return { guild: undefined, channel, user, member: undefined, locale, memberPermissions: 0n, appPermissions: context.appPermissions ?? DM_APP_PERMISSIONS };
  }
  const guild = context.guildId ? model.findGuild(context.guildId) : model.guilds[0];
  if (!guild) throw new Error(`fake-discord: unknown guild ${context.guildId ?? '(none configured)'}`);
  const channel = context.channelId
    ? guild.channels.find((c) => c.id === context.channelId)
    : guild.channels.find((c) => c.type === ChannelType.GuildText);
  if (!channel) throw new Error(`fake-discord: no channel ${context.channelId ?? '(text)'} in guild ${guild.id}`);
  let member = guild.members.find((m) => m.user.id === user.id);
  if (!member) {
    member = aMember(user);
    guild.members.push(member);
  }
  return {
    guild,
    channel,
    user,
    member,
    locale,
    memberPermissions: context.memberPermissions ?? computePermissions(guild, user.id, channel.id),
    appPermissions: context.appPermissions ?? computePermissions(guild, model.people.bot.id, channel.id),
  };
}

function optionPayload(model: DiscordModel, name: string, value: OptionValue, definition: Json | undefined, focused: boolean, guild: FakeGuild | undefined, resolved: Resolved): Json {
  const inferred = typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3;
  // What the user is typing arrives as a string, whatever the option's type.
  const type = Number(definition?.type ?? (focused ? 3 : inferred));
  const id = String(value);
  if (!focused && type === 7 && guild) {
    const channel = guild.channels.find((c) => c.id === id);
    if (channel) resolved.channels[id] = { ...channel, permissions: computePermissions(guild, model.people.bot.id, id).toString() };
  }
  if (!focused && (type === 6 || type === 9) && model.knowsUser(id)) {
    resolved.users[id] = model.user(id);
    const member = guild?.members.find((m) => m.user.id === id);
    if (member && guild) {
      const { user: _user, ...rest } = member;
      resolved.members[id] = { ...rest, permissions: computePermissions(guild, id).toString() };
    }
  }
  if (!focused && (type === 8 || type === 9) && guild) {
    const role = guild.roles.find((r) => r.id === id);
    if (role) resolved.roles[id] = role;
  }
  return { name, type, value, ...(focused ? { focused: true } : {}) };
}

function newInteraction(model: DiscordModel, kind: InteractionRecord['kind'], type: number, data: Json, where: Where, message?: FakeMessage): InteractionRecord {
  const id = snowflake();
  const token = `itok_${randomBytes(24).toString('base64url')}`;
  const guild = where.guild;
  const payload: Json = {
    id,
    application_id: model.applicationId,
    type,
    data,
    token,
    version: 1,
    channel_id: where.channel.id,
    channel: interactionChannel(where.channel, where.appPermissions),
    app_permissions: where.appPermissions.toString(),
    locale: where.locale,
    entitlements: [],
    // Guild installs are keyed "0": the guild id, or "0" in the bot's DM.
    authorizing_integration_owners: { 0: guild ? guild.id : '0' },
    context: guild ? 0 : 1,
    attachment_size_limit: 10 * 1024 * 1024,
    ...(message ? { message } : {}),
    ...(guild && where.member
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.preferred_locale, features: [] },
          guild_locale: guild.preferred_locale,
          member: { ...where.member, permissions: where.memberPermissions.toString() },
        }
      : { user: where.user }),
  };
  const record: InteractionRecord = {
    id,
    token,
    kind,
    payload,
    guildId: guild?.id,
    channelId: where.channel.id,
    userId: where.user.id,
    dispatchedAt: performance.now(),
    callbacks: [],
    original: undefined,
    followups: [],
  };
  model.interactions.set(id, record);
  model.interactionsByToken.set(token, record);
  return record;
}

/**
 * A chat input command or autocomplete interaction. `commandLine` may name a subcommand
 * (`'digest subscribe'`). When the command is registered, option types come from it and unknown or
 * missing required options throw (Discord's client would never send them).
 */
export function commandInteraction(
  model: DiscordModel,
  kind: 'command' | 'autocomplete',
  commandLine: string,
  options: Record<string, OptionValue>,
  focused: string | undefined,
  context: InteractionContext,
): InteractionRecord {
  const where = resolveContext(model, context);
  const [name, ...path] = commandLine.trim().split(/\s+/);
  if (!name) throw new Error('fake-discord: empty command');
  if (focused !== undefined && !(focused in options)) throw new Error(`fake-discord: focused option ${focused} is not among the options`);
  const registered = model.findCommand(name, 1, where.guild?.id);
  // Walk down subcommand groups (type 2) and subcommands (type 1) to the leaf option definitions.
  let definitions = (registered?.options ?? []) as Json[];
  const chain: { name: string; type: number }[] = [];
  for (const part of path) {
    const definition = definitions.find((d) => d.name === part);
    if (registered && !definition) throw new Error(`fake-discord: /${name} has no subcommand ${part}`);
    chain.push({ name: part, type: Number(definition?.type ?? (part === path.at(-1) ? 1 : 2)) });
    definitions = (definition?.options ?? []) as Json[];
  }
  if (registered) {
    for (const key of Object.keys(options)) {
      if (!definitions.some((d) => d.name === key)) throw new Error(`fake-discord: /${commandLine} has no option ${key}`);
    }
    const missing = definitions.filter((d) => d.required === true && !(String(d.name) in options));
    if (kind === 'command' && missing.length > 0) {
      throw new Error(`fake-discord: /${commandLine} requires ${missing.map((d) => String(d.name)).join(', ')}`);
    }
  }
  const resolved: Resolved = { channels: {}, users: {}, members: {}, roles: {} };
  let nested: Json[] = Object.entries(options).map(([key, value]) =>
    optionPayload(model, key, value, definitions.find((d) => d.name === key), key === focused, where.guild, resolved),
  );
  for (const level of chain.reverse()) nested = [{ ...level, options: nested }];
  const usedResolved = Object.entries(resolved).filter(([, entries]) => Object.keys(entries as Json).length > 0);
  const data: Json = {
    id: registered?.id ?? model.unregisteredCommandId(`1:${name}`),
    name,
    type: 1,
    options: nested,
    ...(usedResolved.length > 0 ? { resolved: Object.fromEntries(usedResolved) } : {}),
    ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
  };
  return newInteraction(model, kind, kind === 'autocomplete' ? 4 : 2, data, where);
}

/** A message context menu command on `target` (a new message is stored for plain text). */
export function messageCommandInteraction(model: DiscordModel, name: string, target: MessageTarget, context: InteractionContext): InteractionRecord {
  const where = resolveContext(model, context);
  let message: FakeMessage;
  if (isPosted(target)) message = target.message;
  else if (isMessage(target)) message = target;
  else {
    const author = model.user(target.authorId ?? model.people.admin.id);
    message = model.store(aMessage(where.channel, author, { content: target.content, embeds: target.embeds ?? [] }), 'user').message;
  }
  const registered = model.findCommand(name, 3, where.guild?.id);
  const data: Json = {
    id: registered?.id ?? model.unregisteredCommandId(`3:${name}`),
    name,
    type: 3,
    target_id: message.id,
    resolved: { messages: { [message.id]: message } },
    ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
  };
  return newInteraction(model, 'messageCommand', 2, data, where);
}

/**
 * A button click on `options.message`, or else on the newest stored message carrying a component
 * with this `custom_id`; the channel and guild follow that message.
 */
export function buttonInteraction(
  model: DiscordModel,
  customId: string,
  options: InteractionContext & { message?: PostedMessage | FakeMessage },
): InteractionRecord {
  const given = options.message;
  const message = given ? (isPosted(given) ? given.message : given) : model.findMessageWithComponent(customId);
  if (!message) throw new Error(`fake-discord: no message carries a component with custom_id ${customId}`);
  const where = resolveContext(model, {
    ...options,
    channelId: message.channel_id,
    ...(message.guild_id ? { guildId: message.guild_id } : { dm: true, userId: options.userId ?? model.dmRecipient(message.channel_id) }),
  });
  return newInteraction(model, 'button', 3, { custom_id: customId, component_type: 2 }, where, message);
}
