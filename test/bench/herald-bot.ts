/**
 * Herald for the Discord bench, in the bench's process: createHerald and startBot (what `npm start`
 * runs) logged in to a fake Discord and calling a fake model that live in another process
 * (fakes-process.ts), with the bench's articles in a temporary folder. Configured as the tests'
 * Herald in process (../support/herald-in-process.ts), whose fakes are in its own process.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startBot, type InteractionEvent } from '../../src/discord/bot.js';
import { createHerald } from '../../src/herald.js';
import { silentLogger } from '../../src/log.js';
import { anArticleText } from '../support/articles.js';
import type { SeedArticle } from '../support/seed-articles.js';
import { aTempDir } from '../support/temp-dir.js';
import type { DiscordLogin } from './remote-fakes.js';

export interface BenchHerald {
  stop(): Promise<void>;
}

export async function startBenchHerald(options: {
  discord: DiscordLogin;
  modelUrl: string;
  seeds: Record<string, SeedArticle>;
  onInteraction: (event: InteractionEvent) => void;
}): Promise<BenchHerald> {
  const seeds = await aTempDir('herald-bench-');
  for (const [id, seed] of Object.entries(options.seeds)) {
    await writeFile(path.join(seeds.dir, `${id}.txt`), anArticleText(seed.headline, seed.paragraphs));
  }
  const config = loadConfig({
    DISCORD_TOKEN: options.discord.token,
    DISCORD_API_URL: options.discord.apiUrl,
    DISCORD_GUILD_ID: options.discord.guildId,
    OPENAI_BASE_URL: options.modelUrl,
    OPENAI_API_KEY: 'sk-test-key',
    LLM_MODEL: 'fake-model',
    LLM_TIMEOUT_MS: '10000',
    LLM_MAX_RETRIES: '0',
    // Every interaction comes from the fake's one user.
    USER_COOLDOWN_PER_MINUTE: '1000000',
    STORE_URL: 'memory://',
    SEEDS_DIR: seeds.dir,
  });
  const herald = await createHerald(config, { logger: silentLogger, watchArticles: false });
  if (herald.mode !== 'bot') throw new Error('a DISCORD_TOKEN makes a bot');
  const bot = await startBot(herald, { onInteraction: options.onInteraction });
  return {
    async stop() {
      await bot.stop();
      await herald.close();
      await seeds.cleanup();
    },
  };
}
