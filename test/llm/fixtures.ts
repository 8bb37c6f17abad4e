import { createOpenAIModel, type OpenAIModel, type OpenAIModelSettings } from '../../src/llm/openai.js';
import type { PromptArticle } from '../../src/briefing/prompts.js';
import type { FakeOpenAI } from '../fakes/fake-openai.js';

/** A key distinctive enough that any leak into a message is caught. */
export const SECRET_KEY = 'sk-test-Xy9SECRETkey0123456789';

/** A short article; override any field. */
export function anArticle(overrides: Partial<PromptArticle> = {}): PromptArticle {
  return {
    headline: 'Ford and Xiaomi agree on battery partnership',
    paragraphs: [
      'Ford and Xiaomi announced a joint battery venture on Monday.',
      '"This changes everything," said the chief executive. The plant opens in 2027.',
    ],
    ...overrides,
  };
}

/** An OpenAI model pointed at the fake, fast enough for tests. */
export function modelOn(fake: FakeOpenAI, overrides: Partial<OpenAIModelSettings> = {}): OpenAIModel {
  return createOpenAIModel({
    baseURL: fake.url,
    apiKey: SECRET_KEY,
    model: 'fake-model',
    timeoutMs: 5_000,
    maxRetries: 2,
    ...overrides,
  });
}

/** The rejection of a promise, for asserting on its fields. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Every delta of a stream, or the error it ended with. */
export async function drain(stream: AsyncIterable<string>): Promise<{ deltas: string[]; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas };
}

/** Everything about an error a log line or a user could ever see. */
export function everythingVisible(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  const cause = e.cause instanceof Error ? `${e.cause.message}\n${e.cause.stack ?? ''}` : JSON.stringify(e.cause ?? '');
  return [String(e), e.message, e.stack ?? '', JSON.stringify(e), cause].join('\n');
}
