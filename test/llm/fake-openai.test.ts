import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';

const chat = (fake: FakeOpenAI, body: Record<string, unknown>) =>
  fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    body: JSON.stringify({ model: 'fake-model', messages: [{ role: 'user', content: 'Hi there' }], ...body }),
  });

describe('the fake OpenAI server itself', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('GIVEN no script THEN the default reply as a chat.completion with usage', async () => {
    const body = (await (await chat(fake, {})).json()) as { choices: { message: { content: string } }[]; usage: unknown };
    expect(body.choices[0]!.message.content).toBe('This is a fake completion.');
    expect(body.usage).toHaveProperty('total_tokens');
  });

  it('GIVEN requests THEN each is recorded with body, headers and messages', async () => {
    await chat(fake, { temperature: 0.5 });
    await fetch(`${fake.url}/models`);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions', 'GET /v1/models']);
    expect(fake.callCount).toBe(1);
    expect(fake.completions[0]).toMatchObject({
      model: 'fake-model',
      stream: false,
      text: 'Hi there',
      body: { temperature: 0.5 },
      headers: { 'x-test': 'yes' },
    });
  });

  it('GIVEN stream: true THEN SSE data chunks, a usage chunk on request, and [DONE]', async () => {
    fake.script(reply.text('a b', { usage: { promptTokens: 1, completionTokens: 2 } }));
    const response = await chat(fake, { stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')) as Record<string, unknown>);
    const choices = chunks.map((c) => (c.choices as { delta?: { content?: string }; finish_reason?: string | null }[])[0]);
    expect(choices.map((c) => c?.delta?.content)).toEqual(['a ', 'b', undefined, undefined]);
    expect(choices[2]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
  });

  it('GIVEN a scripted queue and a replier function THEN they answer in order, then the default', async () => {
    fake.script(reply.error(429, { headers: { 'retry-after': '1' } }), (request) => `echo: ${request.text}`);
    const first = await chat(fake, {});
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(((await first.json()) as { error: { message: string } }).error.message).toMatch(/429/);
    expect(((await (await chat(fake, {})).json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('echo: Hi there');
    expect((await chat(fake, {})).status).toBe(200);
  });

  it('GIVEN a hanging reply THEN close() ends the open request', async () => {
    fake.script(reply.hang());
    const pending = chat(fake, {}).then(
      () => 'answered',
      () => 'ended',
    );
    while (fake.callCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.close();
    expect(await pending).toBe('ended');
  });

  it('GIVEN an unknown path THEN an OpenAI-style 404', async () => {
    const response = await fetch(`${fake.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'unknown_url' } });
  });
});
