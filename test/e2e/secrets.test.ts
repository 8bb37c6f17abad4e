/**
 * Secrets in a debug-level run: the Discord token and the OpenAI key never appear in stdout,
 * stderr or anything Herald posts, even when the provider echoes the key back in its errors.
 * (Every other e2e file checks its own runs' output for the same two values in afterAll.)
 */
import { describe, expect, it } from 'vitest';
import { reply } from '../fakes/fake-openai.js';
import { useBotWorld } from './bot-world.js';
import { allOutput, botMessagesIn, DISCORD_TOKEN, httpGet, isEphemeral, OPENAI_KEY, shownText, STACK_FRAME, stopGracefully, waitForFinalAnswer } from '../support/herald-process.js';

const SECRETS = [DISCORD_TOKEN, OPENAI_KEY, DISCORD_TOKEN.split('.')[2]!, OPENAI_KEY.slice(3)];

describe('secrets with LOG_LEVEL=debug', () => {
  const world = useBotWorld({
    herald: 'running',
    env: () => ({ LOG_LEVEL: 'debug', LLM_MAX_RETRIES: '0' }),
    checkSecrets: false, // the test below checks for more than the two whole values
  });

  it('GIVEN debug logging, normal traffic and a provider that echoes the key in its errors THEN no secret is printed or posted', async () => {
    const { discord, openai, healthPort, herald } = world;
    openai.script('A normal summary.');
    const ok = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
    await waitForFinalAnswer(discord, ok.id, (m) => shownText(m).includes('A normal summary.'));

    const echo = reply.error(401, { message: `Incorrect API key provided: ${OPENAI_KEY}. You can find your API key at https://platform.openai.com.`, code: 'invalid_api_key' });
    openai.setDefault(echo);
    const failing = discord.sendCommand('translate', { article: 'ford', language: 'English' });
    const refused = await waitForFinalAnswer(discord, failing.id, (m) => m.length > 0 && !/thinking/i.test(shownText(m)));
    // A private refusal in plain words, whatever the provider said.
    expect(refused).toHaveLength(1);
    expect(isEphemeral(refused[0])).toBe(true);
    expect(shownText(refused)).toMatch(/language model is not available right now/i);
    expect(shownText(refused)).not.toMatch(STACK_FRAME);
    const fallback = discord.sendCommand('summarize', { article: 'ford', length: 'long', language: 'fr' });
    await waitForFinalAnswer(discord, fallback.id, (m) => /offline/.test(shownText(m)));
    const dm = discord.sendDirectMessage('translate ford to english');
    await discord.waitFor(() => botMessagesIn(discord, dm.message.channel_id).length > 0, 'the DM answer');

    await httpGet(healthPort, '/healthz');
    await httpGet(healthPort, '/metrics');
    expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });

    expect(herald.stderr).toContain('"level":20'); // debug lines were really written
    const output = allOutput();
    const posted = discord.botMessages().map((m) => JSON.stringify(m.message)).join('\n');
    for (const secret of SECRETS) {
      expect(output).not.toContain(secret);
      expect(posted).not.toContain(secret);
    }
    // The provider's error was seen (and logged, scrubbed): the test exercised the echo path.
    expect(openai.completions.length).toBeGreaterThanOrEqual(3);
    expect(herald.stderr).toMatch(/Incorrect API key provided|invalid_api_key|401|auth/i);
    discord.assertNoViolations();
  });
});
