import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createHerald, type Herald } from '../../src/herald.js';
import { silentLogger } from '../../src/log.js';
import { RecordingModel } from '../digests/helpers.js';
import { REPO_SEEDS } from '../support/articles.js';
import { metricValue } from '../support/herald-process.js';

/** A token in Discord's shape; nothing connects with it here (startBot is never called). */
const TOKEN = 'MTE5OTk5OTk5OTk5OTk5OTk5.HeRaLd.create-herald-token-0123456789abcdef';

const built: Herald[] = [];
afterEach(async () => {
  await Promise.all(built.splice(0).map((herald) => herald.close()));
});

async function herald(env: Record<string, string>, model = new RecordingModel()): Promise<Herald> {
  const config = loadConfig({ STORE_URL: 'memory://', SEEDS_DIR: REPO_SEEDS, ...env });
  const created = await createHerald(config, { logger: silentLogger, model, watchArticles: false });
  built.push(created);
  return created;
}

describe('createHerald', () => {
  it('GIVEN no DISCORD_TOKEN THEN it builds the console: articles and briefing, no digests and no metrics', async () => {
    const console = await herald({});
    expect(console.mode).toBe('console');
    expect(console.articles.list().length).toBeGreaterThan(0);
    expect('digests' in console).toBe(false);
    expect('metrics' in console).toBe(false);
  });

  it('GIVEN a DISCORD_TOKEN THEN it builds the bot, with digests and metrics, and counts calls of a model given as override', async () => {
    const model = new RecordingModel();
    const bot = await herald({ DISCORD_TOKEN: TOKEN }, model);
    if (bot.mode !== 'bot') throw new Error(`expected the bot, got ${bot.mode}`);
    expect(await bot.digests.list('1')).toEqual([]);

    await bot.briefing.summarize('ford', { length: 'short', language: 'en' }, { userId: 'alice' });

    expect(model.calls.length).toBeGreaterThan(0);
    const text = await bot.metrics.registry.metrics();
    expect(metricValue(text, 'herald_llm_calls_total', { provider: 'fake', outcome: 'ok' })).toBe(model.calls.length);
  });

  it('GIVEN USER_COOLDOWN_PER_MINUTE=1 THEN the bot refuses a user\'s second uncached request in the minute; the console never limits its one user', async () => {
    const bot = await herald({ DISCORD_TOKEN: TOKEN, USER_COOLDOWN_PER_MINUTE: '1' });
    await bot.briefing.summarize('ford', { length: 'short', language: 'en' }, { userId: 'alice' });
    await expect(bot.briefing.summarize('ford', { length: 'long', language: 'en' }, { userId: 'alice' })).rejects.toMatchObject({ code: 'cooldown' });

    const console = await herald({ USER_COOLDOWN_PER_MINUTE: '1' });
    await console.briefing.summarize('ford', { length: 'short', language: 'en' }, { userId: 'alice' });
    await expect(console.briefing.summarize('ford', { length: 'long', language: 'en' }, { userId: 'alice' })).resolves.toBeDefined();
  });
});
