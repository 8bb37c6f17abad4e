import { describe, expect, it } from 'vitest';
import { LanguageModelError, type GenerateOptions, type GenerateResult, type LanguageModel } from '../../src/llm/types.js';
import { meteredModel } from '../../src/ops/metered-model.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { reply, startFakeOpenAI } from '../fakes/fake-openai.js';
import { modelOn } from '../llm/fixtures.js';

/** A scripted model: each call takes the next reply (a result, stream chunks, or an error). */
function aModel(replies: (GenerateResult | string[] | Error)[]): LanguageModel & { calls: GenerateOptions[] } {
  const calls: GenerateOptions[] = [];
  const next = () => {
    const reply = replies.shift();
    if (reply === undefined) throw new Error('no reply scripted');
    return reply;
  };
  return {
    provider: 'openai',
    model: 'test-model',
    calls,
    async generate(options) {
      calls.push(options);
      const reply = next();
      if (reply instanceof Error) throw reply;
      if (Array.isArray(reply)) throw new Error('scripted a stream for generate');
      return reply;
    },
    async *stream(options) {
      calls.push(options);
      const reply = next();
      if (reply instanceof Error) throw reply;
      if (!Array.isArray(reply)) throw new Error('scripted a result for stream');
      for (const chunk of reply) yield chunk;
    },
  };
}

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('meteredModel', () => {
  it('GIVEN a successful call THEN counts it and its tokens, and passes the result through', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const result = { text: 'ok', usage: { promptTokens: 11, completionTokens: 7, totalTokens: 18 } };
    const model = meteredModel(aModel([result]), metrics);

    expect(await model.generate({ messages })).toBe(result);
    expect(model.provider).toBe('openai');
    expect(model.model).toBe('test-model');

    const text = await metrics.render();
    expect(text).toContain('herald_llm_calls_total{provider="openai",model="test-model",outcome="ok"} 1');
    expect(text).toContain('herald_llm_tokens_total{provider="openai",model="test-model",kind="prompt"} 11');
    expect(text).toContain('herald_llm_tokens_total{provider="openai",model="test-model",kind="completion"} 7');
    expect(text).toContain('herald_llm_call_duration_seconds_count{provider="openai",model="test-model"} 1');
  });

  it('GIVEN a provider error THEN counts it by kind and rethrows the same error', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const error = new LanguageModelError('429', 'rate_limited', 429, true);
    const model = meteredModel(aModel([error, new Error('socket hang up')]), metrics);

    await expect(model.generate({ messages })).rejects.toBe(error);
    await expect(model.generate({ messages })).rejects.toThrow('socket hang up');

    const text = await metrics.render();
    expect(text).toContain('herald_llm_calls_total{provider="openai",model="test-model",outcome="error"} 2');
    expect(text).toContain('herald_llm_errors_total{provider="openai",model="test-model",kind="rate_limited"} 1');
    expect(text).toContain('herald_llm_errors_total{provider="openai",model="test-model",kind="unknown"} 1');
  });

  it('GIVEN streams that finish, fail and are abandoned THEN each counts once with its outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const model = meteredModel(aModel([['a', 'b'], new LanguageModelError('hung', 'timeout'), ['x', 'y', 'z']]), metrics);

    const chunks: string[] = [];
    for await (const chunk of model.stream({ messages })) chunks.push(chunk);
    await expect(
      (async () => {
        for await (const chunk of model.stream({ messages })) chunks.push(chunk);
      })(),
    ).rejects.toThrow('hung');
    for await (const chunk of model.stream({ messages })) {
      chunks.push(chunk);
      break;
    }

    expect(chunks).toEqual(['a', 'b', 'x']);
    const text = await metrics.render();
    expect(text).toContain('herald_llm_calls_total{provider="openai",model="test-model",outcome="ok"} 2');
    expect(text).toContain('herald_llm_errors_total{provider="openai",model="test-model",kind="timeout"} 1');
  });
});

describe('meteredModel with a stream that reports usage', () => {
  it('GIVEN a provider stream with usage THEN counts its tokens AND the caller still reads the usage', async () => {
    const usage = { promptTokens: 30, completionTokens: 5, totalTokens: 35 };
    const inner: LanguageModel = {
      provider: 'openai',
      model: 'test-model',
      generate: () => Promise.reject(new Error('not used')),
      stream() {
        let done = false;
        async function* deltas(): AsyncGenerator<string> {
          yield 'Hallo ';
          yield 'Welt';
          done = true;
        }
        const iterator = deltas();
        return {
          [Symbol.asyncIterator]: () => iterator,
          get usage() {
            return done ? usage : undefined;
          },
        };
      },
    };
    const metrics = createMetrics({ defaultMetrics: false });
    const stream = meteredModel(inner, metrics).stream({ messages });
    let text = '';
    for await (const delta of stream) text += delta;

    expect(text).toBe('Hallo Welt');
    expect(stream.usage).toEqual(usage);
    const rendered = await metrics.render();
    expect(rendered).toContain('herald_llm_tokens_total{provider="openai",model="test-model",kind="prompt"} 30');
    expect(rendered).toContain('herald_llm_tokens_total{provider="openai",model="test-model",kind="completion"} 5');
  });
});

describe('meteredModel with a provider stream that says why it stopped', () => {
  it('GIVEN streams that stop and that are cut off by the token limit THEN the caller still reads each finish reason', async () => {
    const fake = await startFakeOpenAI();
    try {
      fake.script(reply.text('Whole answer.'), reply.cut('Cut off'));
      const model = meteredModel(modelOn(fake), createMetrics({ defaultMetrics: false }));
      const reasons: unknown[] = [];
      for (let i = 0; i < 2; i++) {
        const stream = model.stream({ messages });
        for await (const delta of stream) expect(typeof delta).toBe('string');
        reasons.push(stream.finishReason);
      }
      // Lost here, every stream would look unfinished and be asked for a second time.
      expect(reasons).toEqual(['stop', 'length']);
    } finally {
      await fake.close();
    }
  });
});
