import type { ChannelType, Guild, GuildBasedChannel } from 'discord.js';
import { DIGEST_CHANNEL_TYPES, missingInChannel } from '../digests/discord-permissions.js';
import { UserError } from '../errors.js';

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
