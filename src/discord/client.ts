import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Config } from '../config.js';
import { seatOf } from '../scale/seat.js';
import { InteractionRest } from './interaction-rest.js';
import { NO_MENTIONS } from './respond.js';

/**
 * The discord.js client Herald runs on: Guilds (interactions, channels), DirectMessages and
 * GuildMessages (replies to Herald's answers: follow-up questions), with Partials.Channel because DMs
 * from uncached channels are dropped without it. No privileged intents: DM content needs none, a
 * reply that pings Herald carries its text, and slash commands carry their own data. Mentions are off by default, and
 * every send passes allowedMentions again.
 */
export function createClient(config: Pick<Config, 'DISCORD_API_URL' | 'SHARDS' | 'SHARD_COUNT'>): Client {
  // SHARD_COUNT: this host's shards (SHARDS) out of all hosts', each a gateway connection of this client.
  const seat = config.SHARD_COUNT === undefined ? undefined : seatOf(config, {});
  const client = new Client({
    ...(seat ? { shards: [...seat.ids], shardCount: seat.count } : {}),
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages],
    partials: [Partials.Channel],
    // With GuildMessages every message in every channel would be kept (200 per channel by default);
    // Herald reads only the few it is replied to, and fetches those.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
  // Answers to interactions leave outside the global 50/s queue (see interaction-rest.ts). The REST
  // the Client built is replaced before login, so the gateway and every send use this one.
  client.rest.clearHashSweeper();
  client.rest.clearHandlerSweeper();
  client.rest = new InteractionRest(client.options.rest ?? {}, () => client.application?.id);
  return client;
}
