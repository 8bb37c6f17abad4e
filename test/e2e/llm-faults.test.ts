/**
 * The language model misbehaving, seen through the running bot: every request still gets a clear
 * answer (or the offline engine's), no stack traces reach users, no interaction goes unanswered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PostedMessage } from '../fakes/fake-discord.js';
import { reply } from '../fakes/fake-openai.js';
import { useBotWorld } from './bot-world.js';
import { httpGet, isEphemeral, metricValue, OPENAI_KEY, shownText, STACK_FRAME, waitForFinalAnswer } from '../support/herald-process.js';

const FALLBACK_NOTICE = /not available right now, so this summary was made offline/;
const TRANSLATE_REFUSAL = /language model is not available right now/i;

describe('LLM faults through the running bot', () => {
  const world = useBotWorld({
    herald: 'running',
    env: () => ({ LLM_TIMEOUT_MS: '1500', LLM_MAX_RETRIES: '1' }),
    expectGracefulStop: true,
  });

  afterEach(() => {
    const { discord, openai } = world;
    discord.assertNoViolations();
    expect(discord.pings()).toEqual([]);
    openai.reset();
    openai.setDefault('This is a fake completion.');
  });

  /** Asserts a user-facing answer is plain words: no stack frame, no raw error class names. */
  /**
   * A refusal is only ever private: the first reply when it comes at once, or, after a public
   * "thinking…", an ephemeral follow-up once that reply is deleted (answerOf leaves deleted ones out).
   */
  function expectPrivate(answer: PostedMessage[]): void {
    expect(answer).toHaveLength(1);
    expect(isEphemeral(answer[0])).toBe(true);
  }

  function expectPlainWords(text: string): void {
    expect(text).not.toMatch(STACK_FRAME);
    expect(text).not.toMatch(/LanguageModelError|APIError|SyntaxError|ECONNRESET|undefined/);
    expect(text).not.toContain(OPENAI_KEY);
  }

  it('GIVEN the model answers 429 once, then succeeds THEN the summary arrives from the model', async () => {
    const { discord, openai } = world;
    // The German article asked in English: the answer carries the English headline first.
    openai.script(reply.error(429, { headers: { 'retry-after-ms': '50' } }), '<headline>Ford held talks with Xiaomi</headline>\n\nAfter one retry, the summary came through.');
    const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes('After one retry, the summary came through.'));
    expect(answer).toHaveLength(1);
    expect(shownText(answer)).not.toMatch(FALLBACK_NOTICE);
    expect(openai.callCount).toBe(2);
  });

  it('GIVEN a model that answers 500 every time THEN /summarize falls back to the offline engine with a notice', async () => {
    const { discord, openai } = world;
    openai.setDefault(reply.error(500));
    const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'medium', language: 'fr' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => FALLBACK_NOTICE.test(shownText(m)));
    const text = shownText(answer);
    expect(text).toContain('Ford führte Gespräche');
    expect(text).toContain('offline/extractive');
    expectPlainWords(text);
    expect(openai.callCount).toBeGreaterThanOrEqual(2);
  });

  it('GIVEN the model recovers THEN the same /summarize is answered by the model, not by a cached offline fallback', async () => {
    const { discord, openai } = world;
    openai.script('Now the model is back and summarizes in French.');
    const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'medium', language: 'fr' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => /model is back|offline/.test(shownText(m)));
    expect(shownText(answer)).toContain('Now the model is back and summarizes in French.');
    expect(shownText(answer)).not.toMatch(FALLBACK_NOTICE);
  });

  it('GIVEN a model that answers 500 every time THEN /translate tells the user in plain words', async () => {
    const { discord, openai } = world;
    openai.setDefault(reply.error(500));
    const interaction = discord.sendCommand('translate', { article: 'ford', language: 'English' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => TRANSLATE_REFUSAL.test(shownText(m)));
    expect(answer).toHaveLength(1);
    expectPrivate(answer);
    expectPlainWords(shownText(answer));
  });

  it('GIVEN malformed JSON from the model THEN /summarize falls back offline and /translate says the model is unavailable', async () => {
    const { discord, openai } = world;
    openai.setDefault(reply.raw('{"id": "chatcmpl-1", "choices": [ {"message": '));
    const summary = discord.sendCommand('summarize', { article: 'ford', length: 'short', language: 'es' });
    const summarized = await waitForFinalAnswer(discord, summary.id, (m) => FALLBACK_NOTICE.test(shownText(m)));
    expectPlainWords(shownText(summarized));

    const translation = discord.sendCommand('translate', { article: 'ford', language: 'fr' });
    const translated = await waitForFinalAnswer(discord, translation.id, (m) => TRANSLATE_REFUSAL.test(shownText(m)));
    expect(translated).toHaveLength(1);
    expectPrivate(translated);
    expectPlainWords(shownText(translated));
  });

  it('GIVEN a model that never answers and LLM_TIMEOUT_MS=1500 THEN both commands are answered with a clear message', async () => {
    const { discord, openai } = world;
    openai.setDefault(reply.hang());
    const summary = discord.sendCommand('summarize', { article: 'ford', length: 'long', language: 'it' });
    const translation = discord.sendCommand('translate', { article: 'ford', language: 'nl' });
    const summarized = await waitForFinalAnswer(discord, summary.id, (m) => FALLBACK_NOTICE.test(shownText(m)));
    expectPlainWords(shownText(summarized));
    const translated = await waitForFinalAnswer(discord, translation.id, (m) => /not available|did not answer|try again/i.test(shownText(m)));
    expect(translated).toHaveLength(1);
    expectPrivate(translated);
    expectPlainWords(shownText(translated));
  });

  it('GIVEN those faults THEN the process is still healthy and /metrics counts the model errors', async () => {
    const { healthPort, herald } = world;
    const health = await httpGet(healthPort, '/healthz');
    expect(health.status).toBe(200);
    const metrics = (await httpGet(healthPort, '/metrics')).body;
    const errors = metrics
      .split('\n')
      .filter((line) => line.startsWith('herald_llm_errors_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    expect(errors).toBeGreaterThanOrEqual(4);
    expect(metricValue(metrics, 'herald_interactions_total', { command: 'summarize', outcome: 'ok' })).toBeGreaterThanOrEqual(4);
    expect(herald.exit).toBeUndefined();
  });
});
