import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client, type REST } from 'discord.js';
import type { DirectMessageChannel, Membership } from '../../digests/channel.js';
import { failureOf, postMessage, type MessageRest } from './channel.js';
import { digestMessages } from './messages.js';

/** DM channel ids remembered; a briefing fan-out opens each member's once, not once a day. */
const REMEMBERED_DM_CHANNELS = 50_000;

/** What the DM channel needs: REST for posts and the membership check, through the normal queue. */
type DirectRest = MessageRest & Pick<REST, 'get'>;

/** Discord errors on GET /guilds/{guild}/members/{user} that decide membership; anything else decides nothing. */
const MEMBER_GONE: ReadonlySet<number> = new Set([RESTJSONErrorCodes.UnknownMember, RESTJSONErrorCodes.UnknownUser]);
const GUILD_GONE: ReadonlySet<number> = new Set([RESTJSONErrorCodes.UnknownGuild, RESTJSONErrorCodes.MissingAccess]);

/**
 * Personal briefings on Discord: the digest's embeds sent to a member's DMs. The DM channel is
 * opened (POST /users/@me/channels, which returns the existing one) on first use and remembered.
 * A member who does not accept DMs answers 50007 on the message post: the delivery pauses.
 */
export function discordDirectMessages(deps: { rest: DirectRest | (() => DirectRest); client?: () => Client | undefined }): DirectMessageChannel {
  const channels = new Map<string, string>();
  const rest = () => (typeof deps.rest === 'function' ? deps.rest() : deps.rest);
  return {
    render: (digest, deliveryKey) => digestMessages(digest, deliveryKey),
    async post(userId, message) {
      let channelId = channels.get(userId);
      if (!channelId) {
        try {
          const opened = (await rest().post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
          channelId = opened.id;
        } catch (error) {
          return failureOf(error);
        }
        if (channels.size >= REMEMBERED_DM_CHANNELS) channels.delete(channels.keys().next().value ?? '');
        channels.set(userId, channelId);
      }
      return postMessage(rest(), channelId, message);
    },
    // Asked over REST, not from the gateway cache: member lists need the privileged members intent.
    membership: (guildId, userId) => memberOf(rest(), deps.client?.(), guildId, userId),
  };
}

async function memberOf(rest: DirectRest, client: Client | undefined, guildId: string, userId: string): Promise<Membership> {
  try {
    await rest.get(Routes.guildMember(guildId, userId));
    return { status: 'member' };
  } catch (error) {
    // The name from the client's cache: known while Herald is still in the guild.
    const guildName = client?.guilds.cache.get(guildId)?.name;
    const named = guildName === undefined ? {} : { guildName };
    if (error instanceof DiscordAPIError && typeof error.code === 'number') {
      if (MEMBER_GONE.has(error.code)) return { status: 'left', code: error.code, ...named };
      if (GUILD_GONE.has(error.code)) return { status: 'guild_gone', code: error.code, ...named };
    }
    return { status: 'unknown', failure: failureOf(error) };
  }
}
