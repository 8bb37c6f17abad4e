import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client, type REST } from 'discord.js';
import type { ChannelAccess, ChannelMessage, DigestChannel, PostFailure } from '../../digests/channel.js';
import { digestMessages } from './messages.js';
import { missingInChannel } from './permissions.js';

/** The one thing posting needs from discord.js: its REST client (rate-limit queue, 429 and 5xx retries). */
export type MessageRest = Pick<REST, 'post'>;

/** What the Discord digest channel is built from; getters, because the client may be created after the digest service. */
export interface DiscordDigestChannelDeps {
  /** discord.js REST (client.rest), or a getter for it. */
  rest: MessageRest | (() => MessageRest);
  /** The connected client, for the pre-post permission check from its cache; without it every check passes. */
  client?: () => Client | undefined;
}

/** Discord errors that say the channel is gone or Herald may not use it: no retry fixes them. */
const REFUSING_CHANNEL: Readonly<Record<number, 'channel_gone' | 'no_access' | 'missing_permissions' | 'dms_closed'>> = {
  [RESTJSONErrorCodes.UnknownChannel]: 'channel_gone',
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser]: 'dms_closed',
  [RESTJSONErrorCodes.MissingAccess]: 'no_access',
  [RESTJSONErrorCodes.MissingPermissions]: 'missing_permissions',
};

/** The digest channel on Discord: embeds within Discord's limits, posted through discord.js REST. */
export function discordDigestChannel(deps: DiscordDigestChannelDeps): DigestChannel {
  return {
    render: (digest, deliveryKey) => digestMessages(digest, deliveryKey),
    checkAccess: (guildId, channelId) => accessFromCache(deps.client?.(), guildId, channelId),
    post: (channelId, message) => postMessage(typeof deps.rest === 'function' ? deps.rest() : deps.rest, channelId, message),
  };
}

/**
 * Posts one message through discord.js's REST queue. 429s never surface here: @discordjs/rest
 * waits them out and retries (rejectOnRateLimit is left off), and retries 5xx three times itself.
 */
export async function postMessage(rest: MessageRest, channelId: string, body: ChannelMessage): Promise<PostFailure | undefined> {
  try {
    await rest.post(Routes.channelMessages(channelId), { body });
    return undefined;
  } catch (error) {
    return failureOf(error);
  }
}

/** A REST error as a digest post failure. */
export function failureOf(error: unknown): PostFailure {
  if (error instanceof DiscordAPIError) {
    const { code, status } = error;
    const refusal = typeof code === 'number' ? REFUSING_CHANNEL[code] : undefined;
    if (refusal && typeof code === 'number') return { kind: refusal, code };
    // Any other 4xx (an invalid or too large body) would be refused again for the same bytes.
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { kind: 'invalid', status, code };
    return { kind: 'transient', status, code };
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return { kind: 'transient', status };
  const code = (error as { code?: unknown }).code;
  return { kind: 'unreachable', cause: typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error' };
}

/**
 * Herald's permissions in the channel as the client's cache knows them: what Discord never
 * reports (Embed Links, whose absence silently drops every embed) is seen here. `ok` when the cache
 * does not know the guild or channel: then Discord's answer to the post decides.
 */
function accessFromCache(client: Client | undefined, guildId: string, channelId: string): ChannelAccess {
  const guild = client?.guilds.cache.get(guildId);
  const me = guild?.members.me;
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !me || !channel) return { ok: true };
  const missing = missingInChannel(channel, me);
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}
