import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runConsole } from '../../src/console/console.js';
import { createHerald } from '../../src/herald.js';
import { silentLogger } from '../../src/log.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { ROOT, runHeraldOnce } from '../support/herald-process.js';
import { Captured, REPO_SEEDS } from './helpers.js';

/** Generous: a hanging model call would otherwise hold the console for the 60 s LLM_TIMEOUT_MS default. */
const WELL_BEFORE_THE_MODEL_TIMEOUT_MS = 20_000;

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ reply: reply.hang() });
});
afterAll(async () => fake.close());

/** A stand-in terminal: readline treats it as a TTY and reads Ctrl-C as the byte 0x03. */
function aTerminal(): PassThrough & { isTTY: boolean } {
  return Object.assign(new PassThrough(), { isTTY: true });
}

describe('Ctrl-C in the interactive console', () => {
  it('GIVEN a slow model call WHEN Ctrl-C THEN the call is aborted and the prompt returns; a second Ctrl-C exits', async () => {
    fake.reset();
    const config = loadConfig({ STORE_URL: 'memory://', SEEDS_DIR: REPO_SEEDS, OPENAI_BASE_URL: fake.url, LLM_MAX_RETRIES: '0' });
    const herald = await createHerald(config, { logger: silentLogger, watchArticles: false });
    const input = aTerminal();
    const output = new Captured();
    try {
      const done = runConsole([], { ...herald, io: { input, output, errors: output } });
      input.write('translate ford to english\r');
      await vi.waitFor(() => expect(fake.callCount).toBe(1), { timeout: WELL_BEFORE_THE_MODEL_TIMEOUT_MS });
      const promptsBefore = output.text.split('herald> ').length;
      input.write('\x03');
      await vi.waitFor(() => expect(fake.completions[0]?.abortedByClient).toBe(true), { timeout: WELL_BEFORE_THE_MODEL_TIMEOUT_MS });
      await vi.waitFor(() => expect(output.text.split('herald> ').length).toBeGreaterThan(promptsBefore), { timeout: WELL_BEFORE_THE_MODEL_TIMEOUT_MS });
      expect(output.text).toContain('Cancelled.');
      expect(output.text).not.toContain('Translation');

      // The console still answers after a cancelled request.
      input.write('articles\r');
      await vi.waitFor(() => expect(output.text).toContain('1 article(s):'), { timeout: WELL_BEFORE_THE_MODEL_TIMEOUT_MS });

      input.write('\x03');
      await expect(done).resolves.toBe(0);
    } finally {
      await herald.close();
    }
  });
});

describe('SIGINT to a one-shot console run', () => {
  it('GIVEN a slow model call WHEN SIGINT THEN the call is aborted at once, it says so and exits 130', async () => {
    fake.reset();
    const run = runHeraldOnce(['translate', 'ford', 'to', 'english'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SEEDS_DIR: REPO_SEEDS, STORE_URL: 'memory://', OPENAI_BASE_URL: fake.url },
      started: (child) => void vi.waitFor(() => expect(fake.callCount).toBe(1), { timeout: 30_000, interval: 50 }).then(() => child.kill('SIGINT')),
    });
    const result = await run;
    expect(fake.completions[0]?.abortedByClient).toBe(true);
    expect(result.stdout).toContain('Cancelled.');
    expect(result.code).toBe(130);
  });
});
