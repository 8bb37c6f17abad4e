import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { backoffMs, MAX_BACKOFF_MS, retryAfterMs } from '../../src/llm/retry-policy.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { modelOn } from './fixtures.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retryAfterMs', () => {
  it('GIVEN retry-after-ms THEN it wins over retry-after', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
  });

  it('GIVEN retry-after in seconds THEN milliseconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': '0.5' }))).toBe(500);
  });

  it('GIVEN retry-after as an HTTP date THEN the time until then, never negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
  });

  it('GIVEN no or garbage headers THEN undefined', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('GIVEN successive retries THEN the wait doubles from 0.5 s up to the cap, with at most 25 % jitter off', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(2, () => 0)).toBe(2000);
    expect(backoffMs(10, () => 0)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(0, () => 1)).toBe(375);
  });
});

describe('retries of the openai provider', () => {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('GIVEN a 429 with retry-after-ms: 40 THEN the retry waits exactly what the server asked (as logged)', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination, pretty: false });
    fake = await startFakeOpenAI();
    fake.script(reply.error(429, { headers: { 'retry-after-ms': '40' } }), 'ok');
    await modelOn(fake, { logger }).generate({ messages: [{ role: 'user', content: 'hi' }] });
    const retry = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.msg === 'model call failed; retrying');
    expect(retry).toMatchObject({ status: 429, kind: 'rate_limited', retry: 1, waitMs: 40 });
  });
});
