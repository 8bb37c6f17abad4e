/**
 * Discord layer bench: the real discord.js client and Herald's services against a fake Discord and
 * a fake OpenAI on 127.0.0.1. For 100 interactions in flight at once it measures, from the moment
 * the fake dispatches INTERACTION_CREATE:
 *   - first callback (reply or deferral; Discord's deadline is 3 s),
 *   - final answer (the router is done: reply sent or deferred reply edited, follow-ups sent),
 * for uncached requests (every one needs a model call), the same requests again (cached), and a
 * slow model. The floor is a bare discord.js bot (bare-bot.ts) that defers at once, run in the same
 * process right before each Herald round, so a busy machine slows both alike: the ratios are the figures.
 * A cached answer is a whole message, not a deferral: the same bare bot replying at once with
 * Herald's message is printed beside it for reference (the goal stays against the deferring bot).
 * Every measured round starts with the bot's connections to Discord open: each bot first answers
 * 100 interactions at once from memory. Otherwise a bot idle for longer than undici's keep-alive
 * (about 3 s here: the other bot's round with the slow model) opens 100 connections inside its
 * measured round while the other does not, and the ratio measures that instead of the bots.
 *
 *   npm run bench -- discord
 */
import { performance } from 'node:perf_hooks';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { silentLogger } from '../../src/log.js';
import { startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import type { FakeDiscord } from '../fakes/fake-discord.js';
import { startBareBot, type BareAnswer, type BareBot } from './bare-bot.js';

const IN_FLIGHT = 100;
const MODEL_LATENCY_MS = 300;
const SLOW_MODEL_MS = 2_500;
/** Goals (issue 12): first callback p99 within this factor of the bare bot's ... */
const FIRST_CALLBACK_GOAL = 1.5;
/** ... and the uncached final answer within this factor of the model alone (p50). */
const FINAL_ANSWER_GOAL = 1.3;

/** 50 target languages × 2 articles = 100 distinct requests, so the first round is all misses. */
const LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'no', 'fi', 'cs', 'sk', 'sl', 'hr', 'hu', 'ro', 'bg', 'el',
  'tr', 'ru', 'uk', 'et', 'lv', 'lt', 'ga', 'mt', 'is', 'sq', 'mk', 'sr', 'bs', 'ca', 'eu', 'gl', 'cy', 'ja', 'ko', 'zh',
  'hi', 'bn', 'ar', 'he', 'fa', 'ur', 'id', 'ms', 'vi', 'th',
];
const ARTICLES = ['ford-xiaomi', 'solar-boom'];

interface Sample {
  request: Request;
  firstMs: number;
  finalMs: number;
  deferred: boolean;
  /** The first callback's message (a reply's content and embeds). */
  firstMessage: BareAnswer | undefined;
}

type Request = { article: string; language: string };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Sends all requests at once and waits until `finishedAt` knows every one (or 20 s pass). */
async function round(discord: FakeDiscord, finishedAt: Map<string, number>, requests: Request[], length = 'short'): Promise<Sample[]> {
  const interactions = requests.map((request) =>
    discord.sendCommand('summarize', { article: request.article, length, language: request.language }),
  );
  const deadline = performance.now() + 20_000;
  while (interactions.some((i) => !finishedAt.has(i.id)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return interactions.map((interaction, index) => {
    const record = discord.interaction(interaction.id);
    const first = record.callbacks[0];
    return {
      request: requests[index] ?? { article: '', language: '' },
      firstMessage: first?.data,
      firstMs: (first?.at ?? Number.NaN) - record.dispatchedAt,
      finalMs: (finishedAt.get(interaction.id) ?? Number.NaN) - record.dispatchedAt,
      deferred: first?.type === 5,
    };
  });
}

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

const p99First = (samples: Sample[]) => percentile(samples.map((s) => s.firstMs), 99);
const p50Final = (samples: Sample[]) => percentile(samples.map((s) => s.finalMs), 50);

async function main(): Promise<void> {
  let modelDelay = MODEL_LATENCY_MS;
  const heraldFinished = new Map<string, number>();
  const herald: HeraldInProcess = await startHeraldInProcess({
    logger: silentLogger,
    openai: {
      reply: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, modelDelay));
        const summary = 'A short summary of the article. It has two sentences.';
        // As a real model does: a summary in another language starts with the translated headline.
        return /<headline>the headline in /.test(request.text) ? `<headline>A translated headline</headline>\n\n${summary}` : summary;
      },
    },
    bot: { onInteraction: (event) => heraldFinished.set(event.id, performance.now()) },
  });
  const bare: BareBot = await startBareBot(herald.openai.url);
  let goalsMissed = 0;
  try {
    const requests = LANGUAGES.flatMap((language) => ARTICLES.map((article) => ({ article, language }))).slice(0, IN_FLIGHT);
    const warmUp: Request = { article: 'solar-boom', language: 'en' };
    // Opens each bot's connections to Discord (see the top of this file): answers from memory only.
    const openHerald = () => round(herald.discord, heraldFinished, requests.map(() => warmUp), 'long');
    const openBare = async () => {
      bare.answer = () => ({ content: 'ok' });
      await round(bare.discord, bare.finishedAt, requests);
      bare.answer = undefined;
    };
    const herd = async (list: Request[], length?: string) => {
      await openHerald();
      return round(herald.discord, heraldFinished, list, length);
    };
    const floor = async () => {
      await openBare();
      return round(bare.discord, bare.finishedAt, requests);
    };

    // Warm-up: module loading, JIT; not measured. Caches the request openHerald() repeats.
    await round(herald.discord, heraldFinished, [warmUp], 'long');
    await round(bare.discord, bare.finishedAt, requests.slice(0, 10));

    const bareUncached = await floor();
    const beforeUncached = herald.openai.callCount;
    const uncached = await herd(requests);
    const modelCalls = herald.openai.callCount - beforeUncached;
    const bareCached = await floor();
    const beforeCached = herald.openai.callCount;
    const cached = await herd(requests);
    const cachedCalls = herald.openai.callCount - beforeCached;
    // The yardstick for a whole message: the bare bot replies at once with Herald's cached answer.
    const cachedMessages = new Map(
      cached.map(({ request, firstMessage: m }): [string, BareAnswer] => [
        `${request.article}/${request.language}`,
        { ...(m?.content ? { content: m.content } : {}), ...(m?.embeds ? { embeds: m.embeds } : {}) },
      ]),
    );
    await openBare();
    bare.answer = (article, language) => cachedMessages.get(`${article}/${language}`) ?? {};
    const bareReplied = await round(bare.discord, bare.finishedAt, requests);
    bare.answer = undefined;

    modelDelay = SLOW_MODEL_MS;
    const bareSlow = await floor();
    // Another length: a new cache key for every request, so each one waits for the slow model.
    const slow = await herd(requests, 'medium');

    // The same 100 model calls without Discord, to separate the model path from Herald's layer.
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

    console.log(`Herald Discord bench: ${IN_FLIGHT} /summarize interactions in flight, real discord.js against fake Discord + fake OpenAI`);
    console.log(`model latency ${MODEL_LATENCY_MS} ms (slow model ${SLOW_MODEL_MS} ms); Discord deadline 3 s; floor: a bare discord.js bot that defers at once\n`);
    console.log(line('uncached (model call)', uncached));
    console.log(line('  bare bot, same model', bareUncached));
    console.log(line('cached (same requests)', cached));
    console.log(line('  bare bot, same model', bareCached));
    console.log(line('  bare bot, same replies', bareReplied));
    console.log(line(`slow model (${slow.length} uncached)`, slow));
    console.log(line('  bare bot, slow model', bareSlow));
    console.log(`${'model alone (no Discord)'.padEnd(26)} 100 concurrent streamed calls: p50 ${percentile(alone, 50).toFixed(0)} ms  p99 ${percentile(alone, 99).toFixed(0)} ms`);
    console.log('');
    const goal = (label: string, ratio: number, limit: number) => {
      const met = ratio <= limit;
      if (!met) goalsMissed += 1;
      console.log(`${label.padEnd(56)} ${ratio.toFixed(2)}x  (goal ≤ ${limit}x: ${met ? 'met' : 'MISSED'})`);
    };
    goal('first callback p99, uncached / bare bot', p99First(uncached) / p99First(bareUncached), FIRST_CALLBACK_GOAL);
    goal('first callback p99, cached / bare bot', p99First(cached) / p99First(bareCached), FIRST_CALLBACK_GOAL);
    console.log(`${'  cached / bare bot replying the same (for reference)'.padEnd(56)} ${(p99First(cached) / p99First(bareReplied)).toFixed(2)}x`);
    goal('first callback p99, slow model / bare bot', p99First(slow) / p99First(bareSlow), FIRST_CALLBACK_GOAL);
    goal('final answer p50, uncached / model alone', p50Final(uncached) / percentile(alone, 50), FINAL_ANSWER_GOAL);
    console.log(`${'final answer p50, uncached / bare bot (for reference)'.padEnd(56)} ${(p50Final(uncached) / p50Final(bareUncached)).toFixed(2)}x`);
    console.log('');
    console.log(`Herald's model calls: uncached round ${modelCalls}, cached round ${cachedCalls}`);
    console.log(`cached answers deferred first ("thinking…" flash): ${cached.filter((s) => s.deferred).length}/${cached.length}`);
    const late = [...uncached, ...cached, ...slow].filter((s) => s.firstMs > 3_000).length;
    console.log(`first callbacks later than 3 s: ${late}; fake Discord violations: ${herald.discord.violations.length + bare.discord.violations.length}`);
  } finally {
    await bare.stop();
    await herald.stop();
  }
  if (goalsMissed > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
