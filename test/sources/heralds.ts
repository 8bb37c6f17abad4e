/**
 * Heralds a sources test builds: console Heralds (offline, repository seeds, memory store) and bots it
 * hands over, all closed after each test together with the local test servers.
 */
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createHerald, type Herald } from '../../src/herald.js';
import { silentLogger } from '../../src/log.js';
import { REPO_SEEDS } from '../support/articles.js';
import type { HeraldInProcess } from '../support/herald-in-process.js';
import { closeTestServers } from './fetch/helpers.js';

export interface SourceHeralds {
  /** A console Herald with `env` over the defaults; closed after the test. */
  consoleHerald: (env: Record<string, string>) => Promise<Herald>;
  /** Closes a console Herald now (a restart within the test) instead of after it. */
  closeNow: (herald: Herald) => Promise<void>;
  /** Stops `bot` after the test; returns it. */
  keep: (bot: HeraldInProcess) => HeraldInProcess;
}

export function useSourceHeralds(): SourceHeralds {
  const built: Herald[] = [];
  const bots: HeraldInProcess[] = [];
  afterEach(async () => {
    await Promise.all(built.splice(0).map((herald) => herald.close()));
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    await closeTestServers();
  });
  return {
    async consoleHerald(env) {
      const config = loadConfig({ STORE_URL: 'memory://', SEEDS_DIR: REPO_SEEDS, LLM_PROVIDER: 'offline', ...env });
      const herald = await createHerald(config, { logger: silentLogger, watchArticles: false });
      built.push(herald);
      return herald;
    },
    async closeNow(herald) {
      built.splice(built.indexOf(herald), 1);
      await herald.close();
    },
    keep(bot) {
      bots.push(bot);
      return bot;
    },
  };
}
