/**
 * Discord misbehaving towards the running bot: the gateway drops and resumes, REST answers 429
 * and 500 to posts. Each answer still arrives, exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { reply } from '../fakes/fake-openai.js';
import { useBotWorld } from './bot-world.js';
import { botMessagesIn, shownText, waitForFinalAnswer, waitForHealth } from '../support/herald-process.js';

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('Discord faults through the running bot', () => {
  const world = useBotWorld({ herald: 'healthy', expectGracefulStop: true });

  afterEach(() => {
    const { discord, openai } = world;
    discord.assertNoViolations();
    expect(discord.pings()).toEqual([]);
    discord.faults.clear();
    openai.reset();
  });

  describe('gateway', () => {
    it('GIVEN the gateway connection drops (resumable close) THEN Herald resumes, answers the next interaction, and /healthz is 200 again', async () => {
      const { discord, openai, healthPort, herald } = world;
      const sessionsBefore = discord.gateway.sessions.length;
      expect(discord.dropConnection()).toBe(1);
      await discord.waitForSession(0, { minResumes: 1, timeoutMs: 20_000 });
      openai.script('Answered after the gateway came back.');
      const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
      const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes('Answered after the gateway came back.'));
      expect(answer).toHaveLength(1);
      // A resume, not a fresh IDENTIFY: events sent meanwhile are not lost.
      expect(discord.gateway.sessions.length).toBe(sessionsBefore);
      await waitForHealth(healthPort, 200);
      expect(herald.stderr).toContain('gateway resumed');
    });

    it('GIVEN the TCP connection is reset THEN Herald reconnects and a DM is answered', async () => {
      const { discord, healthPort } = world;
      expect(discord.dropConnection({ abrupt: true })).toBe(1);
      await discord.waitFor(() => discord.gateway.liveSessions(0).some((s) => s.socket), 'a live gateway session', { timeoutMs: 20_000 });
      const dm = discord.sendDirectMessage('help');
      const answer = await discord.waitFor(() => botMessagesIn(discord, dm.message.channel_id).find((m) => m.at > dm.at), 'the help DM', { timeoutMs: 20_000 });
      expect(shownText([answer])).toContain('summarize ford in english');
      await waitForHealth(healthPort, 200);
    });
  });

  describe('REST 429 and 500 on posts', () => {
    it('GIVEN a 429 on the interaction callback and a 500 on the edit of the deferred reply THEN the answer arrives exactly once', async () => {
      const { discord, openai } = world;
      const text = 'A slow summary that had to be delivered through rate limits and server errors.';
      openai.script(reply.text(text, { delayMs: 2_500 }));
      const callbackFault = discord.injectFault({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/ }, { kind: 'rateLimit', retryAfterMs: 200 });
      const editFault = discord.injectFault({ method: 'PATCH', path: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/ }, { kind: 'serverError', status: 500 });

      const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'long' });
      const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes(text));
      expect(callbackFault.hits).toBe(1);
      expect(editFault.hits).toBe(1);
      const record = discord.interaction(interaction.id);
      expect(record.callbacks.map((c) => c.type)).toEqual([5]);
      expect(record.followups).toEqual([]);
      expect(answer).toHaveLength(1);
      expect(count(shownText(answer), text)).toBe(1);
    });

    it('GIVEN a 500 and then a 429 on the DM channel THEN the DM answer is posted exactly once', async () => {
      const { discord, openai } = world;
      const text = 'A DM summary that survived a 500 and a 429.';
      openai.script(text);
      const posts = { method: 'POST', path: /^\/channels\/\d+\/messages$/ };
      const serverError = discord.injectFault(posts, { kind: 'serverError', status: 500 });
      const rateLimit = discord.injectFault(posts, { kind: 'rateLimit', retryAfterMs: 200 });

      const dm = discord.sendDirectMessage('summarize ford short in portuguese');
      const channelId = dm.message.channel_id;
      await discord.waitFor(() => shownText(botMessagesIn(discord, channelId)).includes(text), 'the DM answer');
      expect(serverError.hits).toBe(1);
      expect(rateLimit.hits).toBe(1);

      // A later message in the same channel, answered after it: retries of the first are over by then.
      const later = discord.sendDirectMessage('help');
      await discord.waitFor(() => botMessagesIn(discord, channelId).some((m) => m.at > later.at), 'the help answer');
      const withSummary = botMessagesIn(discord, channelId).filter((m) => shownText([m]).includes(text));
      expect(withSummary).toHaveLength(1);
    });

    it('GIVEN a 500 on a cached answer\'s immediate reply THEN it is sent once and the user sees it', async () => {
      const { discord, openai } = world;
      // The long summary above is cached now: Herald replies at once (callback type 4) with it.
      const fault = discord.injectFault({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/ }, { kind: 'serverError', status: 500 });
      const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'long' });
      const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes('cached'));
      expect(fault.hits).toBe(1);
      expect(discord.interaction(interaction.id).callbacks).toHaveLength(1);
      expect(answer).toHaveLength(1);
      expect(openai.callCount).toBe(0);
    });
  });
});
