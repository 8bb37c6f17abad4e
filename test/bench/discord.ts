/**
 * Discord layer bench: the real discord.js client and Herald's services against a fake Discord and
 * a fake OpenAI on 127.0.0.1. For 100 interactions in flight at once it measures, from the moment
 * the fake dispatches INTERACTION_CREATE:
 *   - first callback (reply or deferral; Discord's deadline is 3 s),
 *   - final answer (the router is done: reply sent or deferred reply edited, follow-ups sent),
 * for uncached requests (every one needs a model call) and the same requests again (cached), and
 * for a slow model (deferral path).
 *
 *   node --import tsx test/bench/discord.ts
 */
import { performance } from 'node:perf_hooks';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { silentLogger } from '../../src/log.js';
import { type HeraldInProcess, startHeraldInProcess } from '../support/herald-in-process.js';

const IN_FLIGHT = 100;
const MODEL_LATENCY_MS = 300;
const SLOW_MODEL_MS = 2_500;

/** 50 target languages × 2 articles = 100 distinct requests, so the first round is all misses. */
const LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'no', 'fi', 'cs', 'sk', 'sl', 'hr', 'hu', 'ro', 'bg', 'el',
  'tr', 'ru', 'uk', 'et', 'lv', 'lt', 'ga', 'mt', 'is', 'sq', 'mk', 'sr', 'bs', 'ca', 'eu', 'gl', 'cy', 'ja', 'ko', 'zh',
  'hi', 'bn', 'ar', 'he', 'fa', 'ur', 'id', 'ms', 'vi', 'th',
];
const ARTICLES = ['ford-xiaomi', 'solar-boom'];

interface Sample {
  firstMs: number;
  finalMs: number;
  deferred: boolean;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function round(herald: HeraldInProcess, requests: { article: string; language: string }[], length = 'short'): Promise<Sample[]> {
  const finishedAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const listener = (id: string) => {
    finishedAt.set(id, performance.now());
    waiters.get(id)?.();
  };
  onFinished = listener;
  const interactions = requests.map((request) =>
    herald.discord.sendCommand('summarize', { article: request.article, length, language: request.language }),
  );
  await Promise.all(
    interactions.map(
      (interaction) =>
        new Promise<void>((resolve) => {
          if (finishedAt.has(interaction.id)) resolve();
          else waiters.set(interaction.id, resolve);
        }),
    ),
  );
  onFinished = undefined;
  return interactions.map((interaction) => {
    const record = herald.discord.interaction(interaction.id);
    const first = record.callbacks[0];
    return {
      firstMs: (first?.at ?? Number.NaN) - record.dispatchedAt,
      finalMs: (finishedAt.get(interaction.id) ?? Number.NaN) - record.dispatchedAt,
      deferred: first?.type === 5,
    };
  });
}

let onFinished: ((id: string) => void) | undefined;

function line(label: string, samples: Sample[]): string {
  const first = samples.map((s) => s.firstMs);
  const final = samples.map((s) => s.finalMs);
  const deferred = samples.filter((s) => s.deferred).length;
  return (
    `${label.padEnd(26)} first callback p50 ${percentile(first, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(first, 99).toFixed(0).padStart(5)} ms` +
    ` | final answer p50 ${percentile(final, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(final, 99).toFixed(0).padStart(5)} ms` +
    ` | deferred ${deferred}/${samples.length}`
  );
}

async function main(): Promise<void> {
  let modelDelay = MODEL_LATENCY_MS;
  const herald = await startHeraldInProcess({
    logger: silentLogger,
    openai: {
      reply: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, modelDelay));
        const summary = 'A short summary of the article. It has two sentences.';
        // As a real model does: a summary in another language starts with the translated headline.
        return /<headline>the headline in /.test(request.text) ? `<headline>A translated headline</headline>\n\n${summary}` : summary;
      },
    },
    bot: { onInteraction: (event) => onFinished?.(event.id) },
  });
  try {
    const requests = LANGUAGES.flatMap((language) => ARTICLES.map((article) => ({ article, language }))).slice(0, IN_FLIGHT);

    // Warm-up: module loading, JIT, first connections; not measured.
    await round(herald, [{ article: 'solar-boom', language: 'en' }], 'long');

    const uncached = await round(herald, requests);
    const modelCalls = herald.openai.callCount;
    const cached = await round(herald, requests);
    const cachedCalls = herald.openai.callCount - modelCalls;

    modelDelay = SLOW_MODEL_MS;
    // Another length: a new cache key for every request, so each one waits for the slow model.
    const slow = await round(herald, requests, 'medium');

    // Baseline: the same 100 model calls without Discord, to separate the model path from Herald's layer.
    modelDelay = MODEL_LATENCY_MS;
    const model = createOpenAIModel({ baseURL: herald.openai.url, apiKey: 'sk-test-key', model: 'fake-model', timeoutMs: 10_000, maxRetries: 0 });
    const started = performance.now();
    const alone = await Promise.all(
      requests.map(async (request) => {
        for await (const _delta of model.stream({ messages: [{ role: 'user', content: `Summarize ${request.article} in ${request.language}` }] })) {
          // drain
        }
        return performance.now() - started;
      }),
    );

    const p50 = (samples: Sample[]) => percentile(samples.map((s) => s.finalMs), 50);
    console.log(`Herald Discord bench: ${IN_FLIGHT} /summarize interactions in flight, real discord.js against fake Discord + fake OpenAI`);
    console.log(`model latency ${MODEL_LATENCY_MS} ms (slow model ${SLOW_MODEL_MS} ms); deferral after 1.5 s; Discord deadline 3 s\n`);
    console.log(line('uncached (model call)', uncached));
    console.log(line('cached (same requests)', cached));
    console.log(line(`slow model (${slow.length} uncached)`, slow));
    console.log(`${'model alone (no Discord)'.padEnd(26)} 100 concurrent streamed calls: p50 ${percentile(alone, 50).toFixed(0)} ms  p99 ${percentile(alone, 99).toFixed(0)} ms`);
    console.log('');
    console.log(`model calls: uncached round ${modelCalls - 1} (+1 warm-up), cached round ${cachedCalls}`);
    console.log(`cached final answer is ${(p50(uncached) / p50(cached)).toFixed(1)}x faster than uncached (p50)`);
    console.log(`uncached final answer / model alone (p50): ${(p50(uncached) / percentile(alone, 50)).toFixed(2)}`);
    const late = [...uncached, ...cached, ...slow].filter((s) => s.firstMs > 3_000).length;
    console.log(`first callbacks later than 3 s: ${late}; fake Discord violations: ${herald.discord.violations.length}`);
  } finally {
    await herald.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
