/**
 * SIGTERM as hosts send it (docker stop, systemd, Kubernetes): in-flight answers still arrive,
 * the process exits 0; a second signal ends it at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reply } from '../fakes/fake-openai.js';
import { useBotWorld } from './bot-world.js';
import { botMessagesIn, shownText, spawnHeraldBot, stopAll, waitForExit, waitForFinalAnswer } from '../support/herald-process.js';

const SLOW_SUMMARY = 'A summary that took its time but arrived in full.';

describe('graceful shutdown of the process', () => {
  const world = useBotWorld({ openai: {}, health: false });

  afterEach(async () => {
    await stopAll();
    world.openai.reset();
  });

  it('GIVEN SIGTERM while a slow answer is in flight THEN the answer still arrives, a newcomer still gets an answer, and the process exits 0', async () => {
    const { discord, openai, work, env } = world;
    const herald = await spawnHeraldBot(env, work.dir);
    openai.script(reply.text(SLOW_SUMMARY, { delayMs: 2_000 }));
    const inFlight = discord.sendCommand('summarize', { article: 'ford', length: 'long' });
    await discord.waitFor(() => openai.callCount === 1, 'the model call');

    herald.signal('SIGTERM');
    await herald.waitForOutput(/shutting down: no longer taking new work/);
    // Sent while the first one is still being answered: it must get an answer too, not silence.
    const newcomer = discord.sendCommand('summarize', { article: 'ford', length: 'medium' });

    const answer = await waitForFinalAnswer(discord, inFlight.id, (m) => shownText(m).includes(SLOW_SUMMARY));
    expect(answer).toHaveLength(1);
    // Depending on when it lands it is refused ("restarting") or still answered; never silence.
    const other = await waitForFinalAnswer(discord, newcomer.id, (m) => m.length > 0);
    expect(shownText(other)).toMatch(/restarting|fake completion/i);

    const exit = await waitForExit(herald, 12_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(herald.stderr).toContain('"msg":"shutdown complete"');
    discord.assertNoViolations();
  });

  it('GIVEN an answer that takes 7 s (within the promised 10 s) THEN SIGTERM still lets it arrive and exits 0', async () => {
    const { discord, openai, work, env } = world;
    const herald = await spawnHeraldBot(env, work.dir);
    openai.script(reply.text(SLOW_SUMMARY, { delayMs: 7_000 }));
    const inFlight = discord.sendCommand('summarize', { article: 'ford', length: 'short', language: 'fr' });
    await discord.waitFor(() => openai.callCount === 1, 'the model call');
    herald.signal('SIGTERM');
    const answer = await waitForFinalAnswer(discord, inFlight.id, (m) => shownText(m).includes(SLOW_SUMMARY), 15_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${herald.stderr}`);
    });
    expect(answer).toHaveLength(1);
    const exit = await waitForExit(herald, 15_000);
    expect(exit).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('GIVEN SIGTERM while a DM is being answered THEN the DM answer still arrives and the process exits 0', async () => {
    const { discord, openai, work, env } = world;
    const herald = await spawnHeraldBot(env, work.dir);
    openai.script(reply.text(SLOW_SUMMARY, { delayMs: 2_000 }));
    const dm = discord.sendDirectMessage('summarize ford long in italian');
    await discord.waitFor(() => openai.callCount === 1, 'the model call');
    herald.signal('SIGTERM');
    const exit = await waitForExit(herald, 12_000);
    expect(exit).toEqual({ code: 0, signal: null });
    // The fake model answers after 2 s whether or not Herald is still there to post it.
    expect(shownText(botMessagesIn(discord, dm.message.channel_id))).toContain(SLOW_SUMMARY);
  });

  it('GIVEN SIGTERM while the model hangs THEN the model call is ended before the deadline and the user still gets the offline summary with a notice, then exit 0', async () => {
    const { discord, openai, work, env } = world;
    const herald = await spawnHeraldBot(env, work.dir);
    openai.script(reply.hang());
    const inFlight = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
    await discord.waitFor(() => openai.callCount === 1, 'the model call');
    herald.signal('SIGTERM');
    const answer = await waitForFinalAnswer(discord, inFlight.id, (m) => /made offline/.test(shownText(m)), 15_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${herald.stderr}`);
    });
    expect(shownText(answer)).toContain('Ford');
    const exit = await waitForExit(herald, 15_000);
    expect(exit).toEqual({ code: 0, signal: null });
    discord.assertNoViolations();
  }, 30_000);

  it('GIVEN a second SIGTERM during shutdown THEN the process exits at once with 143', async () => {
    const { discord, openai, work, env } = world;
    const herald = await spawnHeraldBot(env, work.dir);
    openai.script(reply.hang());
    discord.sendCommand('summarize', { article: 'ford', length: 'short', language: 'es' });
    await discord.waitFor(() => openai.callCount === 1, 'the model call');

    herald.signal('SIGTERM');
    await herald.waitForOutput(/shutting down: no longer taking new work/);
    herald.signal('SIGTERM');
    const exit = await waitForExit(herald, 5_000);
    expect(exit).toEqual({ code: 143, signal: null });
    expect(herald.stderr).toContain('second signal: exiting now');
  });
});
