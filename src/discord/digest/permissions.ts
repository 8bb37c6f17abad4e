import { ChannelType, PermissionFlagsBits, type Guild, type GuildBasedChannel, type GuildMember, type PermissionsBitField } from 'discord.js';
import { UserError, type PermissionName } from '../../errors.js';

/** Channel types a digest may go to. */
export const DIGEST_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** What Herald needs in a digest channel, in the order a user should fix them, with Discord's UI names. */
export const DIGEST_PERMISSIONS: readonly { flag: bigint; name: PermissionName }[] = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  // Without it Discord posts the message but silently drops every embed: no error to react to.
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
];

/** Names of the digest permissions missing from a permission set. */
export function missingDigestPermissions(permissions: Readonly<PermissionsBitField> | null | undefined): PermissionName[] {
  if (!permissions) return DIGEST_PERMISSIONS.map((p) => p.name);
  return DIGEST_PERMISSIONS.filter((p) => !permissions.has(p.flag, true)).map((p) => p.name);
}

/** Herald's missing permissions in a cached guild channel. */
export function missingInChannel(channel: GuildBasedChannel, me: GuildMember): PermissionName[] {
  return missingDigestPermissions(channel.permissionsFor(me));
}

/**
 * Why Herald cannot post digests in a channel, or undefined when it can: the channel is not a text or
 * announcement channel, Herald cannot see it, or Herald lacks permissions there.
 */
export async function digestChannelProblem(guild: Guild, channelId: string): Promise<UserError | undefined> {
  const channel = await fetchChannel(guild, channelId);
  if (!channel) return new UserError('invalid_channel', { channel: channelId, reason: 'hidden', missing: [] });
  if (!(DIGEST_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    return new UserError('invalid_channel', { channel: channelId, reason: 'type', missing: [] });
  }
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const missing = missingInChannel(channel, me);
  return missing.length === 0 ? undefined : new UserError('invalid_channel', { channel: channelId, reason: 'missing', missing });
}

async function fetchChannel(guild: Guild, channelId: string): Promise<GuildBasedChannel | undefined> {
  return guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null)) ?? undefined;
}
