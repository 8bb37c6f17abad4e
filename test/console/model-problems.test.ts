import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { answer, inProcessConsole } from './helpers.js';
import { closedPort } from '../support/closed-port.js';

describe('console says why the language model failed and which setting fixes it', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => fake.close());

  it('GIVEN OPENAI_BASE_URL without /v1 THEN a translation names the 404, the host and the /v1 fix', async () => {
    const base = fake.url.replace(/\/v1$/u, '');
    const herald = await inProcessConsole({ OPENAI_BASE_URL: base, LLM_MAX_RETRIES: '0' });
    try {
      const { code, text } = await answer(herald, 'translate ford to english');
      expect(code).toBe(1);
      expect(text).toContain(`404 from ${new URL(base).host}: does OPENAI_BASE_URL end in /v1?`);
      // The cause is told to the user, so it is not also a JSON warning.
      expect(herald.log.text).not.toContain('Language model failed');
    } finally {
      await herald.close();
    }
  });

  it('GIVEN OPENAI_BASE_URL without /v1 THEN an offline summary says why it is offline', async () => {
    const base = fake.url.replace(/\/v1$/u, '');
    const herald = await inProcessConsole({ OPENAI_BASE_URL: base, LLM_MAX_RETRIES: '0' });
    try {
      const { code, text } = await answer(herald, 'summarize ford in english');
      expect(code).toBe(0);
      expect(text).toContain('offline/extractive');
      expect(text).toContain('does OPENAI_BASE_URL end in /v1?');
    } finally {
      await herald.close();
    }
  });

  it('GIVEN a rejected API key THEN says to check OPENAI_API_KEY and never prints the key', async () => {
    const key = 'sk-test-SECRET-abcdef0123456789';
    fake.script(reply.error(401, { message: `Incorrect API key provided: ${key}` }));
    const herald = await inProcessConsole({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: key, LLM_MAX_RETRIES: '0' });
    try {
      const { text, errors } = await answer(herald, 'translate ford to english');
      expect(text).toContain(`401 from ${new URL(fake.url).host}`);
      expect(text).toContain('check OPENAI_API_KEY');
      expect(text + errors + herald.log.text).not.toContain(key);
    } finally {
      await herald.close();
    }
  });

  it('GIVEN nothing listening at OPENAI_BASE_URL THEN asks whether that server is running', async () => {
    const port = await closedPort();
    const herald = await inProcessConsole({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, LLM_MAX_RETRIES: '0' });
    try {
      const { text } = await answer(herald, 'translate ford to english');
      expect(text).toContain(`connection refused at 127.0.0.1:${port}: is the server at OPENAI_BASE_URL running?`);
    } finally {
      await herald.close();
    }
  });

  it('GIVEN an outage with retries THEN one short line per request says it is retrying, and no JSON retry lines', async () => {
    fake.reset();
    fake.setDefault(reply.error(503, { headers: { 'retry-after-ms': '5' } }));
    const herald = await inProcessConsole({ OPENAI_BASE_URL: fake.url, LLM_MAX_RETRIES: '3' });
    try {
      const first = await answer(herald, 'translate ford to english');
      const second = await answer(herald, 'translate ford to french');
      expect(fake.callCount).toBe(8);
      for (const { errors, text } of [first, second]) {
        const lines = errors.split('\n').filter((line) => line.trim() !== '');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/503 from 127\.0\.0\.1:\d+; retrying/u);
        expect(lines[0]).not.toContain('{');
        expect(text).toContain('503 from');
      }
      expect(herald.log.text).not.toContain('retrying');
    } finally {
      fake.setDefault('This is a fake completion.');
      await herald.close();
    }
  });
});
