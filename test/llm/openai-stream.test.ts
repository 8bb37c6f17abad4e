import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streamUsage } from '../../src/llm/types.js';
import { LanguageModelError } from '../../src/llm/types.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { drain, everythingVisible, modelOn, SECRET_KEY } from './fixtures.js';

const hello = [{ role: 'user' as const, content: 'Say hello.' }];

describe('createOpenAIModel: stream against a fake OpenAI server', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('GIVEN a streamed answer THEN the deltas arrive in order and join to the text, with usage afterwards', async () => {
    fake.script(reply.text('Ford and Xiaomi build batteries together.', { usage: { promptTokens: 40, completionTokens: 7 } }));
    const stream = modelOn(fake).stream({ messages: hello, maxTokens: 100 });
    const { deltas, error } = await drain(stream);

    expect(error).toBeUndefined();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Ford and Xiaomi build batteries together.');
    expect(stream.usage).toEqual({ promptTokens: 40, completionTokens: 7, totalTokens: 47 });
    expect(stream.finishReason).toBe('stop');
    expect(streamUsage(stream)).toEqual(stream.usage);
    expect(fake.completions[0]!.body).toMatchObject({ stream: true, max_tokens: 100, stream_options: { include_usage: true } });
  });

  it('GIVEN a server that omits finish_reason, usage and [DONE] THEN the stream still yields everything', async () => {
    fake.script(reply.text('Some servers are terse.', { finishReason: null, usage: null, omitDone: true }));
    const stream = modelOn(fake).stream({ messages: hello });
    const { deltas, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe('Some servers are terse.');
    expect(stream.usage).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
    expect(stream.finishReason).toBeUndefined();
  });

  it('GIVEN keep-alive comment lines between chunks THEN they are ignored', async () => {
    fake.script(reply.text('Still here.', { keepAliveComments: true }));
    expect((await drain(modelOn(fake).stream({ messages: hello }))).deltas.join('')).toBe('Still here.');
  });

  it('GIVEN a 429 before the stream starts THEN it is retried', async () => {
    fake.script(reply.error(429, { headers: { 'retry-after-ms': '10' } }), 'second time lucky');
    const { deltas, error } = await drain(modelOn(fake).stream({ messages: hello }));
    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe('second time lucky');
    expect(fake.callCount).toBe(2);
  });

  it('GIVEN a server that ignores stream: true and answers with JSON THEN the whole text comes as one delta', async () => {
    const completion = {
      id: 'x',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'All at once.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    };
    fake.script(reply.raw(JSON.stringify(completion)));
    const stream = modelOn(fake).stream({ messages: hello });
    expect((await drain(stream)).deltas).toEqual(['All at once.']);
    expect(stream.usage.totalTokens).toBe(8);
  });

  it('GIVEN a stream that stalls after two chunks THEN the deltas so far arrive and then a timeout error', async () => {
    fake.script(reply.text('one two three four', { stallAfterChunks: 2 }));
    const { deltas, error } = await drain(modelOn(fake, { timeoutMs: 300 }).stream({ messages: hello }));
    expect(deltas.join('')).toBe('one two ');
    expect(error).toBeInstanceOf(LanguageModelError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toMatch(/stopped sending text/);
  });

  it('GIVEN a server that never answers THEN the stream fails with a timeout error', async () => {
    fake.setDefault(reply.hang());
    const { deltas, error } = await drain(modelOn(fake, { timeoutMs: 300 }).stream({ messages: hello }));
    expect(deltas).toEqual([]);
    expect(error).toMatchObject({ kind: 'timeout' });
  });

  it('GIVEN an SSE event that is not JSON THEN a malformed error', async () => {
    fake.script(reply.raw('data: {"choices": [{"delta": {"content": "ok"}}]}\n\ndata: {oops\n\n', { contentType: 'text/event-stream' }));
    const { deltas, error } = await drain(modelOn(fake).stream({ messages: hello }));
    expect(deltas).toEqual(['ok']);
    expect(error).toMatchObject({ kind: 'malformed' });
  });

  it('GIVEN an error event in the middle of the stream THEN a server error', async () => {
    const body =
      'data: {"choices": [{"delta": {"content": "Half"}}]}\n\n' +
      'data: {"error": {"message": "upstream overloaded", "code": 502}}\n\n';
    fake.script(reply.raw(body, { contentType: 'text/event-stream' }));
    const { deltas, error } = await drain(modelOn(fake).stream({ messages: hello }));
    expect(deltas).toEqual(['Half']);
    expect(error).toMatchObject({ kind: 'server' });
    expect((error as Error).message).toContain('upstream overloaded');
    expect(fake.callCount).toBe(1);
  });

  it('GIVEN a rejected key THEN the stream fails with an auth error that never shows the key', async () => {
    await fake.close();
    fake = await startFakeOpenAI({ apiKey: 'sk-the-right-one' });
    const { error } = await drain(modelOn(fake).stream({ messages: hello }));
    expect(error).toMatchObject({ kind: 'auth', statusCode: 401 });
    expect(everythingVisible(error)).not.toContain(SECRET_KEY);
  });

  it('GIVEN the consumer stops early THEN the stream ends quietly', async () => {
    fake.script(reply.text('a b c d e f', { chunkDelayMs: 5 }));
    const seen: string[] = [];
    for await (const delta of modelOn(fake).stream({ messages: hello })) {
      seen.push(delta);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['a ', 'b ']);
  });

  it('GIVEN the caller aborts mid-stream THEN iteration rejects with the abort reason', async () => {
    fake.script(reply.text('one two three', { stallAfterChunks: 1 }));
    const controller = new AbortController();
    const stream = modelOn(fake).stream({ messages: hello, signal: controller.signal });
    const deltas: string[] = [];
    let caught: unknown;
    try {
      for await (const delta of stream) {
        deltas.push(delta);
        controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(deltas).toEqual(['one ']);
    expect(caught).not.toBeInstanceOf(LanguageModelError);
    expect((caught as Error).name).toBe('AbortError');
  });
});
