/**
 * The in-memory world of the fake Discord (users, guilds, roles, channels, members, messages) and
 * the wire payloads built from it. Pure functions only: no sockets, no clocks beyond `Date.now()`.
 *
 * Field sets follow what Discord sends and what discord.js 14.28 reads; missing fields make
 * discord.js throw or silently drop events, so builders fill every field it touches.
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';

/** A JSON object as it travels over the wire. */
export type Json = Record<string, unknown>;

/**
 * A wire field read as text: strings as they are, numbers and booleans printed, anything else
 * (absent, null, an object) as `''`, so a malformed body fails the checks that follow instead of
 * reading as "[object Object]".
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return '';
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastSnowflakeMs = 0;

/**
 * A fresh, strictly increasing snowflake. Each id takes its own millisecond, so ids created in a row
 * spread round-robin over shards (`(id >> 22) % shardCount`).
 */
export function snowflake(): string {
  lastSnowflakeMs = Math.max(lastSnowflakeMs + 1, Date.now());
  return ((BigInt(lastSnowflakeMs) - DISCORD_EPOCH) << 22n).toString();
}

/** The shard that receives a guild's events: `(guild_id >> 22) % shardCount`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Every permission bit Discord knows (what owners and administrators have). */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What @everyone may do in a freshly created server. */
export const EVERYONE_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** What the bot's managed role grants by default (the invite link's permissions). */
export const BOT_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions;

/** A Discord user as sent in payloads. */
export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

/** A guild role. `permissions` is a decimal bit string, as on the wire. */
export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  icon: null;
  unicode_emoji: null;
  tags?: { bot_id: string };
}

/** A channel permission overwrite: type 0 = role, 1 = member. */
export interface FakeOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** A guild channel or a DM channel. */
export interface FakeChannel {
  id: string;
  type: ChannelType;
  name: string | null;
  guild_id?: string;
  position?: number;
  permission_overwrites?: FakeOverwrite[];
  parent_id?: string | null;
  topic?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  last_message_id: string | null;
  flags: number;
  /** DM channels only: the other party. */
  recipients?: FakeUser[];
}

/** A guild member. */
export interface FakeMember {
  user: FakeUser;
  roles: string[];
  nick: string | null;
  avatar: null;
  joined_at: string;
  premium_since: null;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  communication_disabled_until: null;
}

/** A guild with everything GUILD_CREATE carries that Herald cares about. */
export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  preferred_locale: string;
  roles: FakeRole[];
  channels: FakeChannel[];
  members: FakeMember[];
}

/** A stored message (what Discord returns from message routes), plus bookkeeping of the fake. */
export interface FakeMessage extends Json {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: Json[];
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  type: number;
}

/** The three people every default guild has, plus the bot. */
export interface FakePeople {
  bot: FakeUser;
  /** Owner of every default guild, with an Administrator role. */
  admin: FakeUser;
  /** A plain member: no Manage Server. */
  member: FakeUser;
}

/** A permission overwrite in a {@link ChannelSpec}; `target` names a role or member loosely. */
export interface OverwriteSpec {
  /** `'everyone'`, `'bot'` (the bot's managed role), `'member'`/`'admin'` (those users), or a raw role/user id. */
  target: string;
  allow?: bigint;
  deny?: bigint;
}

/** A channel to create in a guild. */
export interface ChannelSpec {
  id?: string;
  name: string;
  /** Default GuildText. */
  type?: ChannelType;
  overwrites?: OverwriteSpec[];
}

/** A guild to create; everything optional. */
export interface GuildSpec {
  id?: string;
  name?: string;
  /** Default 'en-US'. */
  locale?: string;
  /**
   * Default: `general` (text), `announcements` (announcement), `read-only` (text; the bot is denied
   * Send Messages and Embed Links), `no-embeds` (text; the bot is denied Embed Links), `hidden`
   * (text; @everyone is denied View Channel, so the bot too), `lounge` (voice).
   */
  channels?: ChannelSpec[];
  /** Bits of the bot's managed role; default {@link BOT_PERMISSIONS}. */
  botPermissions?: bigint;
  /** Bits of @everyone; default {@link EVERYONE_PERMISSIONS}. */
  everyonePermissions?: bigint;
}

/** The channels a default guild gets. */
export const DEFAULT_CHANNELS: readonly ChannelSpec[] = [
  { name: 'general' },
  { name: 'announcements', type: ChannelType.GuildAnnouncement },
  {
    name: 'read-only',
    overwrites: [{ target: 'bot', deny: PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks }],
  },
  { name: 'no-embeds', overwrites: [{ target: 'bot', deny: PermissionFlagsBits.EmbedLinks }] },
  { name: 'hidden', overwrites: [{ target: 'everyone', deny: PermissionFlagsBits.ViewChannel }] },
  { name: 'lounge', type: ChannelType.GuildVoice },
];

/** A user with Discord's current (discriminator-less) naming. */
export function aUser(overrides: Partial<FakeUser> = {}): FakeUser {
  const id = overrides.id ?? snowflake();
  return { id, username: `user${id.slice(-4)}`, global_name: null, discriminator: '0', avatar: null, ...overrides };
}

/** A guild member of `user` with the given role ids. */
export function aMember(user: FakeUser, roles: string[] = []): FakeMember {
  return {
    user,
    roles,
    nick: null,
    avatar: null,
    joined_at: new Date(0).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

function aRole(overrides: Partial<FakeRole> & { id: string; name: string }): FakeRole {
  return {
    permissions: '0',
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
    icon: null,
    unicode_emoji: null,
    ...overrides,
  };
}

/**
 * Builds a guild from a spec: roles @everyone, the bot's managed role and "Admin" (Administrator);
 * members bot, admin (also owner) and member; channels from the spec.
 */
export function buildGuild(spec: GuildSpec, people: FakePeople): FakeGuild {
  const id = spec.id ?? snowflake();
  const botRole = aRole({
    id: snowflake(),
    name: people.bot.username,
    position: 2,
    managed: true,
    permissions: (spec.botPermissions ?? BOT_PERMISSIONS).toString(),
    tags: { bot_id: people.bot.id },
  });
  const adminRole = aRole({ id: snowflake(), name: 'Admin', position: 1, permissions: PermissionFlagsBits.Administrator.toString() });
  const everyone = aRole({ id, name: '@everyone', permissions: (spec.everyonePermissions ?? EVERYONE_PERMISSIONS).toString() });
  const targetId = (target: string): { id: string; type: 0 | 1 } => {
    switch (target) {
      case 'everyone':
        return { id, type: 0 };
      case 'bot':
        return { id: botRole.id, type: 0 };
      case 'admin':
        return { id: people.admin.id, type: 1 };
      case 'member':
        return { id: people.member.id, type: 1 };
      default:
        return { id: target, type: [people.bot.id, people.admin.id, people.member.id].includes(target) ? 1 : 0 };
    }
  };
  const channels = (spec.channels ?? DEFAULT_CHANNELS).map(
    (c, position): FakeChannel => ({
      id: c.id ?? snowflake(),
      type: c.type ?? ChannelType.GuildText,
      name: c.name,
      guild_id: id,
      position,
      permission_overwrites: (c.overwrites ?? []).map((o) => ({
        ...targetId(o.target),
        allow: (o.allow ?? 0n).toString(),
        deny: (o.deny ?? 0n).toString(),
      })),
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
    }),
  );
  return {
    id,
    name: spec.name ?? `Guild ${id.slice(-4)}`,
    owner_id: people.admin.id,
    preferred_locale: spec.locale ?? 'en-US',
    roles: [everyone, adminRole, botRole],
    channels,
    members: [aMember(people.bot, [botRole.id]), aMember(people.admin, [adminRole.id]), aMember(people.member)],
  };
}

/**
 * Discord's permission algorithm: base from @everyone and the member's roles (owner and
 * Administrator get everything), then channel overwrites: @everyone, roles, the member.
 */
export function computePermissions(guild: FakeGuild, userId: string, channelId?: string): bigint {
  if (guild.owner_id === userId) return ALL_PERMISSIONS;
  const member = guild.members.find((m) => m.user.id === userId);
  if (!member) return 0n;
  const roleBits = (roleId: string): bigint => BigInt(guild.roles.find((r) => r.id === roleId)?.permissions ?? '0');
  let perms = roleBits(guild.id);
  for (const roleId of member.roles) perms |= roleBits(roleId);
  if (perms & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
  const channel = channelId ? guild.channels.find((c) => c.id === channelId) : undefined;
  const overwrites = channel?.permission_overwrites ?? [];
  const apply = (o: FakeOverwrite | undefined): void => {
    if (!o) return;
    perms &= ~BigInt(o.deny);
    perms |= BigInt(o.allow);
  };
  apply(overwrites.find((o) => o.id === guild.id));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  apply(overwrites.find((o) => o.type === 1 && o.id === userId));
  return perms;
}

/** The GUILD_CREATE payload of a guild. */
export function guildCreatePayload(guild: FakeGuild): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.owner_id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.preferred_locale,
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: guild.members,
    channels: guild.channels.map(({ guild_id: _omit, ...rest }) => rest),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message authored by `author` in `channel`, with every field discord.js's Message reads. */
export function aMessage(channel: FakeChannel, author: FakeUser, fields: Partial<FakeMessage> = {}): FakeMessage {
  return {
    id: snowflake(),
    channel_id: channel.id,
    ...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
    author,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    type: 0,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...fields,
  };
}

/** The channel object inside an interaction payload (guild channels carry the bot's permissions). */
export function interactionChannel(channel: FakeChannel, appPermissions: bigint): Json {
  if (channel.type === ChannelType.DM) return { ...channel };
  return { ...channel, permissions: appPermissions.toString() };
}
