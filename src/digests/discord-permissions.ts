import { ChannelType, PermissionFlagsBits, type Client, type GuildBasedChannel, type GuildMember, type PermissionsBitField } from 'discord.js';
import type { PermissionName } from '../errors.js';
import type { ChannelCheckResult } from './delivery.js';

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
 * A pre-post check for the scheduler built on the client's cache: a reason to pause when Herald
 * can see that it lacks a permission (Embed Links above all, which Discord never reports), or
 * undefined when all is well or the cache does not know the channel (then Discord's answer decides).
 */
export function channelCheckFromClient(client: () => Client | undefined): (guildId: string, channelId: string) => ChannelCheckResult {
  return (guildId, channelId) => {
    const guild = client()?.guilds.cache.get(guildId);
    const me = guild?.members.me;
    const channel = guild?.channels.cache.get(channelId);
    if (!guild || !me || !channel) return undefined;
    const missing = missingInChannel(channel, me);
    if (missing.length === 0) return undefined;
    return { reason: `Herald lacks ${missing.join(', ')} in the channel`, note: { code: 'channel_lacks_permissions', params: { permissions: missing } } };
  };
}
