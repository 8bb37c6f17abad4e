import { ChannelType, PermissionFlagsBits, type Guild, type GuildBasedChannel, type GuildMember, type PermissionsBitField } from 'discord.js';
import { UserError } from '../../errors.js';
import type { ChannelProblemReason } from '../errors.js';

/** Channel types a digest may go to. */
export const DIGEST_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** What Herald needs in a digest channel, in the order a user should fix them, with Discord's UI names. */
export const DIGEST_PERMISSIONS: readonly { flag: bigint; name: string }[] = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  // Without it Discord posts the message but silently drops every embed: no error to react to.
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
];

/** Names of the digest permissions missing from a permission set. */
export function missingDigestPermissions(permissions: Readonly<PermissionsBitField> | null | undefined): string[] {
  if (!permissions) return DIGEST_PERMISSIONS.map((p) => p.name);
  return DIGEST_PERMISSIONS.filter((p) => !permissions.has(p.flag, true)).map((p) => p.name);
}

/** Herald's missing permissions in a cached guild channel. */
export function missingInChannel(channel: GuildBasedChannel, me: GuildMember): string[] {
  return missingDigestPermissions(channel.permissionsFor(me));
}

/**
 * Why Herald cannot post digests in a channel, or undefined when it can: the channel is not a text or
 * announcement channel, Herald cannot see it, or Herald lacks permissions there. The error's params
 * (`channel`, `reason`, `missing`) let src/discord/errors.ts word it in the user's language; the
 * English message is for logs and the console.
 */
export async function digestChannelProblem(guild: Guild, channelId: string): Promise<UserError | undefined> {
  const channel = await fetchChannel(guild, channelId);
  if (!channel) {
    return channelError(channelId, 'hidden', `Herald cannot see <#${channelId}> (deleted, or no View Channel).`);
  }
  if (!(DIGEST_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    return channelError(channelId, 'type', 'Digests can go to text or announcement channels only.');
  }
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const missing = missingInChannel(channel, me);
  if (missing.length === 0) return undefined;
  const names = missing.map((name) => `**${name}**`).join(', ');
  return channelError(
    channelId,
    'missing',
    `Herald is missing ${names} in <#${channelId}>. Give Herald's role that permission in the channel settings, then try again.`,
    missing,
  );
}

function channelError(channelId: string, reason: ChannelProblemReason, message: string, missing: readonly string[] = []): UserError {
  return new UserError('invalid_channel', message, { channel: channelId, reason, missing });
}

async function fetchChannel(guild: Guild, channelId: string): Promise<GuildBasedChannel | undefined> {
  return guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null)) ?? undefined;
}
