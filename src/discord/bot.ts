import { once } from 'node:events';
import { Events, type Client, type Message } from 'discord.js';
import type { BotHerald } from '../herald.js';
import { withRequestContext } from '../log.js';
import type { InteractionEvent } from './command.js';
import { createClient } from './client.js';
import { failureText, plainFormat } from '../i18n/failure-texts.js';
import { createDirectMessageHandler } from './direct-messages.js';
import { localeOfWords } from '../requests/words-locale.js';
import { createReplyHandler } from './replies.js';
import { COMMANDS_DIR, loadCommands, type LoadedCommand } from './loader.js';
import { registerCommands, type RegistrationResult } from './registration.js';
import type { ResponderOptions } from './respond.js';
import { InteractionRouter } from './router.js';
import { settleWithin } from '../ops/settle-within.js';
import { DRAIN_MS } from '../ops/shutdown.js';

export type { InteractionEvent };

/** How long a stopping process waits before claiming an event (well inside Discord's 3 s to answer). */
const STOPPING_CLAIM_DELAY_MS = 500;

/** Rarely needed knobs; defaults suit production. */
export interface StartBotOptions {
  /** Where command files live; default the project's commands/. */
  commandsDir?: string;
  /** Deferral and edit timing (tests and the bench shorten them). */
  responder?: ResponderOptions;
  /** How long to wait for the gateway's READY; default 60 s. */
  readyTimeoutMs?: number;
  /** Called once per answered interaction or DM, after Herald's metrics counted it (tests). */
  onInteraction?: (event: InteractionEvent) => void;
}

/** A running bot. */
export interface Bot {
  client: Client<true>;
  commands: readonly LoadedCommand[];
  /** What start-up registration did; undefined when it failed (logged) or ran on another shard. */
  registration: RegistrationResult | undefined;
  /**
   * Stops taking work (new interactions and DMs are told Herald is restarting) and waits for the
   * answers in flight, up to 10 s. The client stays connected so those answers can still be sent.
   */
  drain(): Promise<void>;
  /** drain(), then disconnects. */
  stop(): Promise<void>;
}

/**
 * Starts Herald on Discord: loads commands/, logs in, waits for READY, and makes the registered
 * commands match ours (guild-scoped with DISCORD_GUILD_ID, global otherwise; written only on change).
 */
export async function startBot(herald: BotHerald, options: StartBotOptions = {}): Promise<Bot> {
  const { config } = herald;
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  const log = herald.logger.child({ component: 'discord' });
  const onInteraction = (event: InteractionEvent) => {
    herald.metrics.recordInteraction(event.command, event.outcome, event.seconds);
    options.onInteraction?.(event);
  };
  const commands = await loadCommands(options.commandsDir ?? COMMANDS_DIR, log);
  log.info({ commands: commands.map((command) => command.json.name) }, 'commands loaded');

  const client = createClient(config);
  const router = new InteractionRouter({
    commands,
    services: herald,
    logger: log,
    ...(options.responder ? { responder: options.responder } : {}),
    onInteraction,
  });
  const onDirectMessage = createDirectMessageHandler(client, {
    services: herald,
    logger: log,
    onAnswered: onInteraction,
  });
  const onReply = createReplyHandler(client, { services: herald, logger: log, onAnswered: onInteraction });
  // Two processes may serve one shard (a rolling deploy) and both receive its events: the one that
  // claims the id answers, so there is one reply, one side effect and no 40060 on the second.
  const { coordination } = herald;
  let closing = false;
  // A stopping process lets a running one of its shard (the new one in a deploy) claim first; only
  // if none does, it answers itself that Herald is restarting.
  const claim = async (kind: 'interaction' | 'message', id: string) => {
    if (closing && coordination.shared) await new Promise((resolve) => setTimeout(resolve, STOPPING_CLAIM_DELAY_MS));
    return coordination.claimEvent(kind, id);
  };
  client.on(Events.InteractionCreate, (interaction) => {
    // One host: no other process receives this interaction, so it is answered without a claim's
    // round through the store (in a burst of 100, every step before the reply delays the last one).
    if (!coordination.shared) void router.handle(interaction);
    else void claim('interaction', interaction.id).then((mine) => (mine ? router.handle(interaction) : undefined));
  });
  // DMs and replies bypass the router, so their answers are tracked here for a graceful stop.
  const directMessagesInFlight = new Set<Promise<void>>();
  client.on(Events.MessageCreate, (message) => {
    const context = { command: 'dm', userId: message.author.id, requestId: message.id };
    const answer = async () => {
      if (!message.inGuild()) return closing ? answerRestarting(message) : onDirectMessage(message);
      return onReply(message);
    };
    // Every message Herald may answer (a DM, a reply to Herald in a guild) is claimed: two processes
    // on one shard both receive it. Other guild messages are dropped by the reply handler unclaimed.
    const work = withRequestContext(context, async () => {
      if (message.author.bot) return;
      if (message.inGuild() && message.mentions.repliedUser?.id !== client.user?.id) return;
      if (await claim('message', message.id)) await answer();
    });
    const tracked = work.catch((error: unknown) => log.error({ err: error }, 'direct message handler crashed'));
    directMessagesInFlight.add(tracked);
    void tracked.finally(() => directMessagesInFlight.delete(tracked));
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ shardId, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shardId) => log.info({ shardId }, 'gateway resumed'));

  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(options.readyTimeoutMs ?? 60_000) });
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = client as Client<true>;
  // Digests post through this client from now on.
  herald.discord.client = readyClient;
  log.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected to Discord');

  let registration: RegistrationResult | undefined;
  // With several shards in several processes, one registration is enough: shard 0's.
  // Several hosts (SHARD_COUNT): the host running shard 0.
  const seat = coordination.ownership.seat;
  if ((readyClient.shard === null || readyClient.shard.ids.includes(0)) && (seat === undefined || seat.ids.includes(0))) {
    try {
      registration = await registerCommands(
        readyClient.rest,
        {
          applicationId: readyClient.application.id,
          ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
        },
        commands.map((command) => command.json),
        log,
      );
    } catch (error) {
      // Commands registered earlier keep working; a failed update must not keep the bot offline.
      log.error({ err: error }, 'could not register slash commands');
    }
  }

  let draining: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  const drain = () =>
    (draining ??= (async () => {
      closing = true;
      await Promise.all([router.close(), settleWithin([...directMessagesInFlight], DRAIN_MS)]);
    })());
  return {
    client: readyClient,
    commands,
    registration,
    drain,
    stop: () =>
      (stopping ??= (async () => {
        await drain();
        await client.destroy();
        log.info('disconnected from Discord');
      })()),
  };
}


/** While stopping, a DM still gets an answer: that Herald is restarting. */
async function answerRestarting(message: Message): Promise<void> {
  if (message.author.bot || message.guildId !== null || !message.channel.isSendable()) return;
  const locale = localeOfWords(message.content);
  await message.channel.send({ content: failureText('shutting_down', {}, locale, plainFormat(locale)), allowedMentions: { parse: [] } });
}
