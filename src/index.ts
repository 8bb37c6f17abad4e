import { ConfigError, loadConfig, secretsOf, type Config } from './config.js';
import { createLogger, scrub, type Logger } from './log.js';
import { EXIT } from './exit-codes.js';
import { createCoreServices, StoreUnavailableError, type CoreServices } from './services.js';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Herald cannot start: ${error.problems.length === 1 ? 'a setting is' : 'settings are'} invalid.\n`);
      for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
      return EXIT.config;
    }
    throw error;
  }
  // The console's answers are the point there; its routine log lines would only bury them.
  const quietConsole = !config.DISCORD_TOKEN && process.env.LOG_LEVEL === undefined;
  const logger = createLogger({ level: quietConsole ? 'warn' : config.LOG_LEVEL, secrets: secretsOf(config) });

  if (config.DISCORD_TOKEN && config.SHARDS !== undefined && process.env.SHARDS_MANAGED !== '1') {
    const { runSharded } = await import('./ops/sharding.js');
    await runSharded(config, logger);
    return -1;
  }

  // Metrics only matter where someone can scrape them: in bot mode.
  const metrics = config.DISCORD_TOKEN ? (await import('./ops/metrics.js')).createMetrics() : undefined;
  let services: CoreServices;
  try {
    services = await createCoreServices(config, logger, {
      watchArticles: Boolean(config.DISCORD_TOKEN) || process.stdin.isTTY === true,
      ...(metrics ? { metrics, limitUsers: true } : {}),
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      process.stderr.write(`Herald cannot start: ${error.message}\n`);
      return EXIT.config;
    }
    throw error;
  }

  if (!config.DISCORD_TOKEN || !metrics) return runOfflineConsole(services, logger);
  const { runBot } = await import('./runtime.js');
  await runBot(services, metrics);
  return -1;
}

async function runOfflineConsole(services: CoreServices, logger: Logger): Promise<number> {
  const { runConsole } = await import('./console/console.js');
  try {
    return await runConsole(process.argv.slice(2), { articles: services.articles, briefing: services.briefing, logger, config: services.config });
  } finally {
    await services.close();
  }
}

main().then(
  (code) => {
    // -1: a long-running mode (bot, shard manager) that exits through its own shutdown.
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const secrets = [process.env.DISCORD_TOKEN, process.env.OPENAI_API_KEY].filter((s): s is string => Boolean(s));
    process.stderr.write(`Herald stopped on an unexpected error: ${scrub(message, secrets)}\n`);
    process.exit(EXIT.failed);
  },
);
