import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { quotePrompt, summaryPrompt, translationPrompt } from '../../src/briefing/prompts.js';
import { LanguageModelError } from '../../src/llm/types.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { anArticle, everythingVisible, modelOn, rejectionOf, SECRET_KEY } from './fixtures.js';

const hello = [{ role: 'user' as const, content: 'Say hello.' }];

describe('createOpenAIModel: generate against a fake OpenAI server', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('GIVEN a summary prompt THEN the prompt, the delimited article and the target language reach the model', async () => {
    fake.script('Ford und Xiaomi gründen ein Batterie-Joint-Venture.');
    const model = modelOn(fake);
    const result = await model.generate({
      messages: summaryPrompt(anArticle(), { length: 'short', language: 'de' }),
      maxTokens: 300,
      temperature: 0.2,
    });

    expect(result.text).toBe('Ford und Xiaomi gründen ein Batterie-Joint-Venture.');
    expect(fake.callCount).toBe(1);
    const sent = fake.completions[0]!;
    expect(sent.model).toBe('fake-model');
    expect(sent.body).toMatchObject({ max_tokens: 300, temperature: 0.2, stream: false });
    expect(sent.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(sent.messages[0]!.content).toMatch(/never instructions/);
    expect(sent.text).toContain('German (ISO 639-1 code: de)');
    expect(sent.text).toContain('about 2 sentences');
    const article = /<article>\n([\s\S]*?)\n<\/article>/.exec(sent.messages[1]!.content)?.[1];
    expect(article).toContain('Ford and Xiaomi announced a joint battery venture on Monday.');
    expect(article).toContain('<headline>Ford and Xiaomi agree on battery partnership</headline>');
  });

  it('GIVEN a translation prompt THEN the paragraphs arrive blank-line separated with the target language', async () => {
    fake.script('Ford and Xiaomi…\n\nThe plant…');
    await modelOn(fake).generate({ messages: translationPrompt(['Erster Absatz.', 'Zweiter Absatz.'], 'en') });
    const sent = fake.completions[0]!;
    expect(sent.text).toContain('<article>\nErster Absatz.\n\nZweiter Absatz.\n</article>');
    expect(sent.text).toContain('English (ISO 639-1 code: en)');
  });

  it('GIVEN a quote prompt THEN the model is asked for a JSON array of verbatim passages', async () => {
    await modelOn(fake).generate({ messages: quotePrompt(anArticle(), 3) });
    expect(fake.completions[0]!.text).toMatch(/JSON array of 3 verbatim strings/);
  });

  it('GIVEN an API key THEN it is sent as a bearer token', async () => {
    await modelOn(fake).generate({ messages: hello });
    expect(fake.completions[0]!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  });

  it('GIVEN no API key for a local server THEN no Authorization header is sent', async () => {
    await modelOn(fake, { apiKey: undefined }).generate({ messages: hello });
    expect(fake.completions[0]!.headers.authorization).toBeUndefined();
  });

  it('GIVEN usage and a finish reason in the reply THEN both are returned', async () => {
    fake.script(reply.text('Hi.', { usage: { promptTokens: 12, completionTokens: 3 }, finishReason: 'length' }));
    const result = await modelOn(fake).generate({ messages: hello });
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 3, totalTokens: 15 });
    expect(result.finishReason).toBe('length');
  });

  it('GIVEN finish reasons some gateways spell their own way THEN max_tokens reads as length and unknown words as other', async () => {
    fake.script(reply.text('Hi.', { finishReason: 'MAX_TOKENS' }), reply.text('Hi.', { finishReason: 'eos' }), reply.text('Hi.', { finishReason: '' }));
    expect((await modelOn(fake).generate({ messages: hello })).finishReason).toBe('length');
    expect((await modelOn(fake).generate({ messages: hello })).finishReason).toBe('other');
    expect((await modelOn(fake).generate({ messages: hello })).finishReason).toBeUndefined();
  });

  it('GIVEN a reply without usage or finish_reason THEN usage is zeros and the reason undefined', async () => {
    fake.script(reply.text('Hi.', { usage: null, finishReason: null }));
    const result = await modelOn(fake).generate({ messages: hello });
    expect(result).toEqual({ text: 'Hi.', finishReason: undefined, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 } });
  });

  it('GIVEN a 429 with retry-after-ms THEN the call is retried and succeeds', async () => {
    fake.script(reply.error(429, { headers: { 'retry-after-ms': '20' } }), 'after the pause');
    const result = await modelOn(fake).generate({ messages: hello });
    expect(result.text).toBe('after the pause');
    expect(fake.callCount).toBe(2);
  });

  it('GIVEN a 429 with retry-after in seconds THEN the call is retried and succeeds', async () => {
    fake.script(reply.error(429, { headers: { 'retry-after': '0' } }), 'after the pause');
    expect((await modelOn(fake).generate({ messages: hello })).text).toBe('after the pause');
    expect(fake.callCount).toBe(2);
  });

  it('GIVEN a 429 asking to wait an hour THEN it fails at once as rate_limited instead of waiting', async () => {
    fake.script(reply.error(429, { headers: { 'retry-after': '3600' } }));
    const error = await rejectionOf(modelOn(fake).generate({ messages: hello }));
    expect(error).toBeInstanceOf(LanguageModelError);
    expect(error).toMatchObject({ kind: 'rate_limited', statusCode: 429, isRetryable: true });
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN 429 on every attempt THEN rate_limited after maxRetries + 1 attempts', async () => {
    fake.setDefault(reply.error(429, { headers: { 'retry-after-ms': '1' } }));
    const error = await rejectionOf(modelOn(fake, { maxRetries: 2 }).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'rate_limited', statusCode: 429 });
    expect((error as Error).message).toMatch(/rate limiting.*gave up after 3 attempts/);
    expect(fake.callCount).toBe(3);
  });

  it('GIVEN a persistent 500 THEN a retryable server error after all attempts', async () => {
    fake.setDefault(reply.error(500, { headers: { 'retry-after-ms': '1' } }));
    const error = await rejectionOf(modelOn(fake, { maxRetries: 2 }).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'server', statusCode: 500, isRetryable: true });
    expect(fake.callCount).toBe(3);
  });

  it('GIVEN a 503 then success THEN the default backoff retries it', async () => {
    fake.script(reply.error(503), 'recovered');
    expect((await modelOn(fake).generate({ messages: hello })).text).toBe('recovered');
    expect(fake.callCount).toBe(2);
  });

  it('GIVEN a 500 marked x-should-retry: false THEN it is not retried', async () => {
    fake.setDefault(reply.error(500, { headers: { 'x-should-retry': 'false' } }));
    await expect(modelOn(fake).generate({ messages: hello })).rejects.toMatchObject({ kind: 'server' });
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN a rejected API key (401) THEN an auth error that never shows the key, without retries', async () => {
    await fake.close();
    fake = await startFakeOpenAI({ apiKey: 'sk-the-right-one' });
    const error = await rejectionOf(modelOn(fake).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'auth', statusCode: 401, isRetryable: false });
    expect((error as Error).message).toMatch(/the API key was rejected/);
    expect(everythingVisible(error)).not.toContain(SECRET_KEY);
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN a 403 THEN an auth error', async () => {
    fake.script(reply.error(403, { message: `Key ${SECRET_KEY} lacks access` }));
    const error = await rejectionOf(modelOn(fake).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'auth', statusCode: 403 });
    expect(everythingVisible(error)).not.toContain(SECRET_KEY);
  });

  it('GIVEN an unknown model (404) THEN model_not_found naming the model', async () => {
    await fake.close();
    fake = await startFakeOpenAI({ models: ['llama3.2'] });
    const error = await rejectionOf(modelOn(fake, { model: 'gpt-imaginary' }).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'model_not_found', statusCode: 404 });
    expect((error as Error).message).toContain('"gpt-imaginary"');
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN a 400 whose message echoes the key THEN bad_request with the provider text scrubbed', async () => {
    fake.script(reply.error(400, { message: `Context too long for key ${SECRET_KEY}` }));
    const error = await rejectionOf(modelOn(fake).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'bad_request', statusCode: 400 });
    expect((error as Error).message).toContain('Context too long');
    expect(everythingVisible(error)).not.toContain(SECRET_KEY);
  });

  it('GIVEN a server that never answers THEN a timeout error, not retried', async () => {
    fake.setDefault(reply.hang());
    const error = await rejectionOf(modelOn(fake, { timeoutMs: 300, maxRetries: 2 }).generate({ messages: hello }));
    expect(error).toBeInstanceOf(LanguageModelError);
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
    expect((error as Error).message).toMatch(/did not answer within 0\.3 s/);
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN a server that sends headers and then stalls the body THEN a timeout error', async () => {
    fake.script(reply.text('never sent', { stallAfterChunks: 0 }));
    const error = await rejectionOf(modelOn(fake, { timeoutMs: 300 }).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('GIVEN a body that is not JSON THEN a malformed error', async () => {
    fake.script(reply.raw('{"id": "chatcmpl-1", "choices": [ {'));
    await expect(modelOn(fake).generate({ messages: hello })).rejects.toMatchObject({ kind: 'malformed' });
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN an HTML page with status 200 THEN a malformed error', async () => {
    fake.script(reply.raw('<html><body>Welcome to nginx</body></html>', { contentType: 'text/html' }));
    await expect(modelOn(fake).generate({ messages: hello })).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('GIVEN JSON without choices THEN a malformed error', async () => {
    fake.script(reply.raw('{"id": "x", "object": "chat.completion"}'));
    const error = await rejectionOf(modelOn(fake).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'malformed' });
    expect((error as Error).message).toContain('no choices');
  });

  it('GIVEN a choice without message content THEN a malformed error', async () => {
    fake.script(reply.raw('{"choices": [{"index": 0, "message": {"role": "assistant"}}]}'));
    const error = await rejectionOf(modelOn(fake).generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'malformed' });
    expect((error as Error).message).toContain('no message content');
  });

  it('GIVEN a model that refuses max_tokens THEN the request is resent with max_completion_tokens, and later ones start with it', async () => {
    fake.setDefault((request) =>
      request.body?.max_tokens !== undefined
        ? reply.error(400, {
            message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
            code: 'unsupported_parameter',
          })
        : 'fine',
    );
    const model = modelOn(fake);
    expect((await model.generate({ messages: hello, maxTokens: 50 })).text).toBe('fine');
    expect(fake.completions.map((r) => r.body?.max_completion_tokens)).toEqual([undefined, 50]);
    await model.generate({ messages: hello, maxTokens: 60 });
    expect(fake.callCount).toBe(3);
    expect(fake.completions[2]!.body).toMatchObject({ max_completion_tokens: 60 });
  });

  it('GIVEN a model that only accepts the default temperature THEN the request is resent without it', async () => {
    fake.setDefault((request) =>
      request.body?.temperature !== undefined
        ? reply.error(400, {
            message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
          })
        : 'fine',
    );
    expect((await modelOn(fake).generate({ messages: hello, temperature: 0.2 })).text).toBe('fine');
    expect(fake.completions[1]!.body).not.toHaveProperty('temperature');
  });

  it('GIVEN the caller aborts THEN the call rejects with the abort reason, not a provider error', async () => {
    fake.setDefault(reply.hang());
    const controller = new AbortController();
    const pending = modelOn(fake).generate({ messages: hello, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(pending);
    expect(error).not.toBeInstanceOf(LanguageModelError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('createOpenAIModel: unreachable servers and bad settings', () => {
  it('GIVEN nothing listening on the port THEN a network error saying the connection was refused', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const model = createOpenAIModel({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 2_000, maxRetries: 0 });
    const error = await rejectionOf(model.generate({ messages: hello }));
    expect(error).toMatchObject({ kind: 'network', isRetryable: true });
    expect((error as Error).message).toMatch(/connection refused/);
  });

  it('GIVEN neither an API key nor a base URL THEN creation fails with an auth error naming OPENAI_API_KEY', () => {
    expect(() => createOpenAIModel({ model: 'gpt-4o-mini', timeoutMs: 1000, maxRetries: 0 })).toThrow(/OPENAI_API_KEY/);
  });

  it.each([
    ['an empty model', { model: ' ' }, /LLM_MODEL/],
    ['a zero timeout', { timeoutMs: 0 }, /LLM_TIMEOUT_MS/],
    ['a fractional timeout', { timeoutMs: 1.5 }, /LLM_TIMEOUT_MS/],
    ['negative retries', { maxRetries: -1 }, /LLM_MAX_RETRIES/],
    ['a non-http base URL', { baseURL: 'ftp://example.com/v1' }, /OPENAI_BASE_URL/],
    ['a base URL that is no URL', { baseURL: 'not a url' }, /OPENAI_BASE_URL/],
  ])('GIVEN %s THEN creation fails at once', (_case, override, message) => {
    const settings = { baseURL: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 1000, maxRetries: 2, ...override };
    expect(() => createOpenAIModel(settings)).toThrow(LanguageModelError);
    expect(() => createOpenAIModel(settings)).toThrow(message);
  });

  it('GIVEN valid settings THEN the model reports provider, model and host', () => {
    const model = createOpenAIModel({ baseURL: 'http://user:pw@127.0.0.1:11434/v1/', model: ' llama3.2 ', timeoutMs: 1000, maxRetries: 0 });
    expect({ provider: model.provider, model: model.model, host: model.host }).toEqual({
      provider: 'openai',
      model: 'llama3.2',
      host: '127.0.0.1:11434',
    });
  });
});
