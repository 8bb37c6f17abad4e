/**
 * Cache benchmark: hit latency per store, and upstream (model) calls per 1,000 requests.
 *
 *   node --import tsx test/bench/cache.ts
 *
 * 1. Cache-hit latency (p50/p99) of ResultCache.getOrCompute for memory://, sqlite:// and redis://
 *    (when a redis-server can be started), with the in-process layer off so the store answers,
 *    plus the in-process layer itself.
 * 2. 1,000 summarize requests over 10 distinct questions, 50 at a time in random order, through
 *    the real BriefingService (in-process layer off), openai SDK and a fake OpenAI server that
 *    takes 50 ms per answer: how many reach the model (goal: exactly 10).
 */
import { join } from 'node:path';
import type { Keyv } from 'keyv';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { silentLogger } from '../../src/log.js';
import { reply } from '../fakes/fake-openai.js';
import { startRedisServer, type RedisServer } from '../cache/helpers.js';
import { aTempDir } from '../support/temp-dir.js';
import { aWorld, ENGLISH_ID } from '../briefing/helpers.js';

const HIT_SAMPLES = 5_000;
const REQUESTS = 1_000;
const DISTINCT = 10;
const CONCURRENCY = 50;

/** A realistic cached value: a translated article of about 3 KB. */
const VALUE = {
  headline: 'Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft',
  paragraphs: Array.from({ length: 8 }, (_, i) => `Paragraph ${i}: ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6)}`),
};

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`);

async function hitLatency(label: string, keyv: Keyv, memoryEntries: number): Promise<{ label: string; p50: number; p99: number }> {
  const cache = new ResultCache(keyv, silentLogger, { memoryEntries });
  const keys = Array.from({ length: 100 }, (_, i) => `bench:${label}:${i}`);
  for (const key of keys) await cache.getOrCompute(key, () => Promise.resolve(VALUE));
  // Warm-up, so the figures show steady state rather than the JIT compiling the path.
  for (let i = 0; i < 1_000; i++) await cache.getOrCompute(keys[i % keys.length] ?? '', () => Promise.resolve(VALUE));
  const samples: number[] = [];
  let misses = 0;
  for (let i = 0; i < HIT_SAMPLES; i++) {
    const key = keys[i % keys.length] ?? '';
    const started = performance.now();
    const result = await cache.getOrCompute(key, () => Promise.resolve(VALUE));
    samples.push(performance.now() - started);
    if (!result.cached) misses += 1;
  }
  if (misses > 0) throw new Error(`${label}: ${misses} of ${HIT_SAMPLES} lookups missed; the store lost entries`);
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function upstreamCalls(storeLabel: string, keyv: Keyv | undefined): Promise<{ label: string; calls: number; seconds: number }> {
  // The in-process layer is off: every request goes through single-flight and the store.
  const world = await aWorld({ memoryEntries: 0, ...(keyv ? { keyv } : {}) });
  try {
    world.fake?.setDefault(reply.text('A short summary of the council budget.', { delayMs: 50 }));
    const languages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da'].slice(0, DISTINCT);
    const queue = Array.from({ length: REQUESTS }, (_, i) => languages[i % languages.length] ?? 'en');
    // Shuffle so identical questions arrive spread out, as from many users, not in neat batches.
    for (let i = queue.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [queue[i], queue[j]] = [queue[j] ?? 'en', queue[i] ?? 'en'];
    }
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const language = queue[next++] ?? 'en';
        await world.service.summarize(ENGLISH_ID, { length: 'short', language }, { userId: `user-${next % 97}` });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { label: storeLabel, calls: world.fake?.callCount ?? -1, seconds: (performance.now() - started) / 1000 };
  } finally {
    await world.close();
  }
}

async function main(): Promise<void> {
  const { dir, cleanup } = await aTempDir('herald-bench-');
  const redis: RedisServer | undefined = await startRedisServer();
  const stores: Array<{ label: string; url: string }> = [
    { label: 'memory://', url: 'memory://' },
    { label: 'sqlite://', url: `sqlite://${join(dir, 'bench.sqlite')}` },
    ...(redis ? [{ label: 'redis://', url: redis.url }] : []),
  ];
  const opened: Keyv[] = [];
  const open = (url: string, namespace: string) => {
    const keyv = createKeyv(url, { namespace, logger: silentLogger, ttlMs: 3_600_000 });
    opened.push(keyv);
    return keyv;
  };
  try {
    console.log(`Herald cache benchmark (node ${process.version}, ${HIT_SAMPLES} hits each, ~3 KB values)\n`);
    console.log('1. Cache-hit latency of ResultCache.getOrCompute');
    const rows = [await hitLatency('in-process layer', open('memory://', 'layer'), 256)];
    for (const store of stores) rows.push(await hitLatency(`${store.label} store`, open(store.url, 'hits'), 0));
    if (!redis) console.log('   (redis skipped: no redis-server could be started here)');
    for (const row of rows) console.log(`   ${row.label.padEnd(18)} p50 ${ms(row.p50).padStart(10)}   p99 ${ms(row.p99).padStart(10)}`);

    console.log(`\n2. Model calls for ${REQUESTS} requests over ${DISTINCT} distinct questions, ${CONCURRENCY} at a time (goal: exactly ${DISTINCT})`);
    const runs = [await upstreamCalls('sqlite://', undefined)];
    runs.push(await upstreamCalls('memory://', open('memory://', 'calls')));
    if (redis) runs.push(await upstreamCalls('redis://', open(redis.url, 'calls')));
    for (const r of runs) {
      const verdict = r.calls === DISTINCT ? 'goal met' : 'GOAL MISSED';
      console.log(
        `   ${r.label.padEnd(10)} ${String(r.calls).padStart(4)} calls per ${REQUESTS} requests = ${((r.calls / REQUESTS) * 1000).toFixed(0)} per 1,000 ` +
          `(${(((REQUESTS - r.calls) / REQUESTS) * 100).toFixed(1)}% answered without the model) in ${r.seconds.toFixed(2)} s — ${verdict}`,
      );
    }
    if (runs.some((r) => r.calls !== DISTINCT)) process.exitCode = 1;
  } finally {
    await Promise.all(opened.map((keyv) => keyv.disconnect()));
    await redis?.stop();
    await cleanup();
  }
}

await main();
