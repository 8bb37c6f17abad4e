import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancellableModel } from '../../src/llm/cancellable-model.js';
import { LanguageModelError } from '../../src/llm/types.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { modelOn, rejectionOf } from './fixtures.js';

const hello = [{ role: 'user' as const, content: 'Say hello.' }];

describe('cancellableModel over the real OpenAI adapter', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('GIVEN no cancel THEN calls behave as the wrapped model', async () => {
    fake.script('fine');
    const { model } = cancellableModel(modelOn(fake));
    expect((await model.generate({ messages: hello })).text).toBe('fine');
    expect(model.model).toBe('fake-model');
  });

  it('GIVEN a hanging call WHEN cancelAll THEN it rejects at once with a timeout LanguageModelError (so callers fall back)', async () => {
    fake.setDefault(reply.hang());
    const cancellable = cancellableModel(modelOn(fake));
    const pending = cancellable.model.generate({ messages: hello });
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancellable.cancelAll('Herald is restarting');
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(LanguageModelError);
    expect(error).toMatchObject({ kind: 'timeout', message: 'Herald is restarting' });
  });

  it('GIVEN a stream in flight WHEN cancelAll THEN the iteration ends with the same error, after the text already received', async () => {
    fake.script(reply.text('one two three', { stallAfterChunks: 1 }));
    const cancellable = cancellableModel(modelOn(fake));
    const deltas: string[] = [];
    let caught: unknown;
    try {
      for await (const delta of cancellable.model.stream({ messages: hello })) {
        deltas.push(delta);
        cancellable.cancelAll('Herald is restarting');
      }
    } catch (error) {
      caught = error;
    }
    expect(deltas).toEqual(['one ']);
    expect(caught).toMatchObject({ name: 'LanguageModelError', kind: 'timeout' });
  });

  it('GIVEN cancelAll was called THEN new calls are refused without reaching the server, and a caller signal still works', async () => {
    const cancellable = cancellableModel(modelOn(fake));
    cancellable.cancelAll('Herald is restarting');
    const error = await rejectionOf(cancellable.model.generate({ messages: hello, signal: new AbortController().signal }));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(fake.callCount).toBe(0);

    fake.setDefault(reply.hang());
    const fresh = cancellableModel(modelOn(fake));
    const own = new AbortController();
    const pending = fresh.model.generate({ messages: hello, signal: own.signal });
    setTimeout(() => own.abort(), 50);
    expect(((await rejectionOf(pending)) as Error).name).toBe('AbortError');
  });
});
