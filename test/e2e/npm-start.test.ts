/**
 * `npm start` runs src/launch/start.mjs, which runs the JavaScript that `npm install` compiled to dist/
 * (compiling again first when the sources changed). The other suites run the sources through tsx;
 * this one proves the compiled Herald works the same: commands found in dist/commands, articles,
 * store and console as from the sources.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { aWorkdir, ROOT, shownText, spawnHeraldBot, spawnHerald, stopGracefully, waitForFinalAnswer, type Entry } from '../support/herald-process.js';

const EXPECTED_COMMANDS = ['articles', 'ask', 'briefing', 'digest', 'feed', 'help', 'quote', 'summarize', 'Summarize message', 'translate', 'Translate message'];

describe("npm start's entry: the compiled Herald", () => {
  const world = useBotWorld({ env: ({ work }) => ({ STORE_URL: work.sqlite() }) });

  it('GIVEN bot mode THEN it registers every command from dist/commands and answers /summarize', async () => {
    const { discord, openai, work, env } = world;
    const herald = await spawnHeraldBot(env, work.dir, 'npm-start');
    expect(discord.commands.list(discord.guild.id).map((c) => c.name).sort()).toEqual([...EXPECTED_COMMANDS].sort());
    openai.script('Ford and Xiaomi discussed electric cars.');
    const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes('Ford and Xiaomi discussed electric cars.'));
    expect(shownText(answer)).toContain('fresh');
    expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
    discord.assertNoViolations();
  });

  it('GIVEN a one-shot console request THEN it prints exactly what the sources print, and exits 0', async () => {
    const work = aWorkdir();
    try {
      const env = { PATH: process.env.PATH ?? '', SEEDS_DIR: work.seeds, STORE_URL: 'memory://' };
      const run = async (entry: Entry) => {
        const herald = spawnHerald(env, work.dir, { entry, args: ['summarize', 'ford', 'short'] });
        return { exit: await herald.exited, stdout: herald.stdout, stderr: herald.stderr };
      };
      const compiled = await run('npm-start');
      const sources = await run('sources');
      expect(compiled.exit).toEqual({ code: 0, signal: null });
      // It ran (and, were the sources newer, first made) the compiled entry, not the sources.
      expect(existsSync(path.join(ROOT, 'dist', 'src', 'index.js'))).toBe(true);
      expect(compiled.stdout).toContain('Ford');
      expect(compiled.stdout).toBe(sources.stdout);
      expect(compiled.stderr).toBe(sources.stderr);
    } finally {
      work.cleanup();
    }
  });
});
