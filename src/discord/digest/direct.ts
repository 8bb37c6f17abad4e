import { Routes } from 'discord.js';
import type { DirectMessageChannel } from '../../digests/channel.js';
import { failureOf, postMessage, type MessageRest } from './channel.js';
import { digestMessages } from './messages.js';

/** DM channel ids remembered; a briefing fan-out opens each member's once, not once a day. */
const REMEMBERED_DM_CHANNELS = 50_000;

/**
 * Personal briefings on Discord: the digest's embeds sent to a member's DMs. The DM channel is
 * opened (POST /users/@me/channels, which returns the existing one) on first use and remembered.
 * A member who does not accept DMs answers 50007 on the message post: the delivery pauses.
 */
export function discordDirectMessages(deps: { rest: MessageRest | (() => MessageRest) }): DirectMessageChannel {
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
  };
}
