import { startBot, type Bot } from './discord/bot.js';
import type { BotHerald } from './herald.js';
import { gatewayCheck, storeCheck, type GatewayView } from './ops/checks.js';
import { exposeHealth } from './ops/expose-health.js';
import { settleWithin } from './ops/settle-within.js';
import { createShutdown, DRAIN_MS } from './ops/shutdown.js';
import { coordinationAbout } from './scale/lease-metrics.js';

/** How a bot process ended; src/index.ts turns it into the exit code. */
export type BotOutcome =
  /** Stopped by a signal; the code is the shutdown's (0, 1 when a step failed, 130/143 on a second signal). */
  | { kind: 'stopped'; code: number }
  /** HEALTH_PORT could not be used: a set-up problem for the host. */
  | { kind: 'health-port'; message: string }
  /** Discord refused the login or never became ready. */
  | { kind: 'no-discord' };

/**
 * Bot mode: health endpoint, Discord client, scheduled digests and a graceful stop on SIGTERM.
 * Resolves when the process should exit, with how it ended.
 */
export async function runBot(herald: BotHerald): Promise<BotOutcome> {
  const { config, logger, digests } = herald;
  let stopped!: (outcome: BotOutcome) => void;
  const ended = new Promise<BotOutcome>((resolve) => (stopped = resolve));
  // The drain step lets in-flight answers and deliveries finish for up to DRAIN_MS; a shorter step
  // limit would cut those answers off and exit 1.
  const shutdown = createShutdown({ logger, hookTimeoutMs: DRAIN_MS + 2_000, exit: (code) => stopped({ kind: 'stopped', code }) });
  shutdown.install();
  // A bot serves many people: one bad event must never take the process down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

  let bot: Bot | undefined;
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
    health = await exposeHealth(config, {
      checks: { gateway: gatewayCheck(gateway), store: storeCheck(herald.openStore('health')) },
      metrics: herald.metrics,
      logger,
      about: coordinationAbout(herald.coordination),
    });
  } catch (error) {
    await herald.close();
    return { kind: 'health-port', message: error instanceof Error ? error.message : String(error) };
  }

  try {
    bot = await startBot(herald);
  } catch (error) {
    logger.fatal({ err: error }, 'could not connect to Discord (check DISCORD_TOKEN and DISCORD_API_URL)');
    await health.close();
    await herald.close();
    return { kind: 'no-discord' };
  }
  const connected = bot;
  // Stop taking work everywhere at once, then let interactions, DMs and digest deliveries in flight
  // finish side by side under one deadline, while the client is still connected to send them.
  // Model calls still running near the deadline are ended, so their requests are still answered
  // (offline, with a notice) before the process exits instead of never.
  shutdown.onShutdown(async () => {
    const cancel = setTimeout(() => herald.cancelModelCalls('Herald is restarting'), DRAIN_MS - ANSWER_MARGIN_MS);
    try {
      await Promise.all([connected.drain(), settleWithin([digests.stop()], DRAIN_MS)]);
    } finally {
      clearTimeout(cancel);
    }
  }, 'drain');
  shutdown.onShutdown(() => connected.stop(), 'discord');
  shutdown.onShutdown(() => health.close(), 'health');
  shutdown.onShutdown(() => herald.close(), 'store');
  // The first tick may catch up missed slots for minutes; the bot already answers meanwhile, so a
  // stop signal must find the shutdown steps above in place, and start-up must not wait for it.
  void digests.start().then(
    (report) => logger.info({ due: report.due, outcomes: report.outcomes }, 'digest catch-up done'),
    (error: unknown) => logger.error({ err: error }, 'digest scheduler failed to start'),
  );

  logger.info('Herald is running');
  return ended;
}

/** Time left after cancelling model calls to render and send the fallback answers. */
const ANSWER_MARGIN_MS = 1_500;
