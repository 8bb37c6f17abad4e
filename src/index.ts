import { ConfigError, loadConfig, secretsOf, type Config } from './config.js';
import { EXIT } from './exit-codes.js';
import { createHerald, StoreUnavailableError, type ConsoleHerald, type Herald } from './herald.js';
import { createLogger, scrub } from './log.js';

/** Picks the mode the configuration asks for and turns how it ended into the exit code. */
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

  // SHARD_COUNT (several hosts) runs this host's shards in this one process (the Client's own
  // sharding, see discord/client.ts); SHARDS=auto|N alone forks one process per shard.
  if (config.DISCORD_TOKEN && config.SHARDS !== undefined && config.SHARD_COUNT === undefined && process.env.SHARDS_MANAGED !== '1') {
    const { runSharded } = await import('./ops/sharding.js');
    // The manager lives until a stop signal has ended its shards; then it says how it ended.
    return new Promise<number>((resolve, reject) => {
      runSharded(config, logger, { exit: resolve }).catch(reject);
    });
  }

  let herald: Herald;
  try {
    herald = await createHerald(config, { logger, watchArticles: Boolean(config.DISCORD_TOKEN) || process.stdin.isTTY === true });
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      process.stderr.write(`Herald cannot start: ${error.message}\n`);
      return EXIT.config;
    }
    throw error;
  }

  if (herald.mode === 'console') return runOfflineConsole(herald);
  const { runBot } = await import('./run-bot.js');
  const outcome = await runBot(herald);
  switch (outcome.kind) {
    case 'stopped':
      return outcome.code;
    case 'health-port':
      process.stderr.write(`Herald cannot start: ${outcome.message}\n`);
      return EXIT.config;
    case 'no-discord':
      return EXIT.failed;
  }
}

async function runOfflineConsole(herald: ConsoleHerald): Promise<number> {
  const { runConsole } = await import('./console/console.js');
  try {
    return await runConsole(process.argv.slice(2), herald);
  } finally {
    await herald.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const secrets = [process.env.DISCORD_TOKEN, process.env.OPENAI_API_KEY].filter((s): s is string => Boolean(s));
    process.stderr.write(`Herald stopped on an unexpected error: ${scrub(message, secrets)}\n`);
    process.exit(EXIT.failed);
  },
);
