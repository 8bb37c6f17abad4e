import type { Bot } from './discord/bot.js';
import { startBot } from './discord/bot.js';
import { EXIT } from './exit-codes.js';
import { createDigestService } from './digests/service.js';
import type { Subscription } from './digests/subscriptions.js';
import { discordDigestChannel } from './discord/digest/channel.js';
import { gatewayCheck, storeCheck, type GatewayView } from './ops/checks.js';
import { exposeHealth } from './ops/expose-health.js';
import type { Metrics } from './ops/metrics.js';
import { ownsGuild } from './ops/sharding.js';
import { createShutdown, DRAIN_MS } from './ops/shutdown.js';
import type { CoreServices } from './services.js';
import { settleWithin } from './ops/settle-within.js';

/**
 * Bot mode: Discord client, scheduled digests, health endpoint and a graceful stop on SIGTERM.
 * Returns once everything is running; the process then lives until a signal.
 */
export async function runBot(services: CoreServices, metrics: Metrics): Promise<void> {
  const { config, logger } = services;
  // The drain step lets in-flight answers and deliveries finish for up to DRAIN_MS; a shorter step
  // limit would cut those answers off and exit 1.
  const shutdown = createShutdown({ logger, hookTimeoutMs: DRAIN_MS + 2_000 });
  shutdown.install();
  // A bot serves many people: one bad event must never take the process down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

  let bot: Bot | undefined;
  const digests = createDigestService({
    store: services.openStore('digests'),
    articles: services.articles,
    briefing: services.briefing,
    channel: discordDigestChannel({
      rest: () => {
        if (!bot) throw new Error('the Discord client is not connected yet');
        return bot.client.rest;
      },
      client: () => bot?.client,
    }),
    logger,
    ownsGuild: ownsGuild(),
    onOutcome: (_subscription: Subscription, outcome) => {
      if (outcome.status === 'posted' || outcome.status === 'failed' || outcome.status === 'paused') {
        metrics.recordDigest(outcome.status);
      }
    },
  });

  // The health server comes first: a busy HEALTH_PORT is a set-up problem to report before
  // connecting to Discord, and /healthz says "not connected yet" while the gateway comes up.
  const gateway: GatewayView = {
    ws: {
      get shards(): GatewayView['ws']['shards'] {
        return bot?.client.ws.shards ?? new Map();
      },
    },
  };
  let health: { close(): Promise<void> };
  try {
    health = await exposeHealth(config, { checks: { gateway: gatewayCheck(gateway), store: storeCheck(services.openStore('health')) }, metrics, logger });
  } catch (error) {
    process.stderr.write(`Herald cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    await services.close();
    process.exit(EXIT.config);
  }

  try {
    bot = await startBot(
      config,
      { articles: services.articles, briefing: services.briefing, digests },
      logger,
      { onInteraction: (event) => metrics.recordInteraction(event.command, event.outcome, event.seconds) },
    );
  } catch (error) {
    logger.fatal({ err: error }, 'could not connect to Discord (check DISCORD_TOKEN and DISCORD_API_URL)');
    await health.close();
    await services.close();
    process.exit(EXIT.failed);
  }
  const connected = bot;
  // Stop taking work everywhere at once, then let interactions, DMs and digest deliveries in flight
  // finish side by side under one deadline, while the client is still connected to send them.
  // Model calls still running near the deadline are ended, so their requests are still answered
  // (offline, with a notice) before the process exits instead of never.
  shutdown.onShutdown(async () => {
    const cancel = setTimeout(() => services.cancelModelCalls('Herald is restarting'), DRAIN_MS - ANSWER_MARGIN_MS);
    try {
      await Promise.all([connected.drain(), settleWithin([digests.stop()], DRAIN_MS)]);
    } finally {
      clearTimeout(cancel);
    }
  }, 'drain');
  shutdown.onShutdown(() => connected.stop(), 'discord');
  shutdown.onShutdown(() => health.close(), 'health');
  shutdown.onShutdown(() => services.close(), 'store');
  // The first tick may catch up missed slots for minutes; the bot already answers meanwhile, so a
  // stop signal must find the shutdown steps above in place, and start-up must not wait for it.
  void digests.start().then(
    (report) => logger.info({ due: report.due, outcomes: report.outcomes }, 'digest catch-up done'),
    (error: unknown) => logger.error({ err: error }, 'digest scheduler failed to start'),
  );

  logger.info('Herald is running');
}

/** Time left after cancelling model calls to render and send the fallback answers. */
const ANSWER_MARGIN_MS = 1_500;

