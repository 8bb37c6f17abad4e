/**
 * LLM provider side: what Herald adds on top of the wire, and how fast language look-ups are.
 * Run: node --import tsx test/bench/llm.ts   (about 10 s; talks only to a fake on 127.0.0.1)
 */
import { performance } from 'node:perf_hooks';
import { resolveLanguage, searchLanguages } from '../../src/languages/index.js';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { summaryPrompt } from '../../src/briefing/prompts.js';
import { startFakeOpenAI } from '../fakes/fake-openai.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeEach(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

// Languages: the table is built on first use; afterwards look-ups serve autocomplete.
let start = performance.now();
resolveLanguage('Englisch');
const coldMs = performance.now() - start;
const inputs = ['en', 'Englisch', 'français', 'pt-BR', 'Deutsch', '日本語', 'deu', 'Brazilian Portuguese'];
const resolveRounds = 20_000;
start = performance.now();
for (let i = 0; i < resolveRounds; i++) resolveLanguage(inputs[i % inputs.length]!);
const resolveUs = ((performance.now() - start) * 1000) / resolveRounds;
const queries = ['', 'e', 'eng', 'deu', 'fran', 'chin', 'port', 'x'];
const searchRounds = 2_000;
start = performance.now();
for (let i = 0; i < searchRounds; i++) searchLanguages(queries[i % queries.length]!, 'de', 25);
const searchUs = ((performance.now() - start) * 1000) / searchRounds;
start = performance.now();
let unknown = 0;
for (let i = 0; i < 200; i++) {
  try {
    resolveLanguage(`Englsh${i % 2 === 0 ? '' : 'x'}`);
  } catch {
    unknown++;
  }
}
const unknownUs = ((performance.now() - start) * 1000) / unknown;

// Provider: Herald + SDK against raw fetch on the same fake server.
const fake = await startFakeOpenAI({ reply: 'Ford und Xiaomi bauen gemeinsam Batterien für Europa.' });
const model = createOpenAIModel({ baseURL: fake.url, apiKey: 'sk-bench', model: 'fake-model', timeoutMs: 10_000, maxRetries: 2 });
const messages = summaryPrompt(
  { headline: 'Ford and Xiaomi', paragraphs: ['Ford and Xiaomi announced a joint battery venture on Monday.'] },
  { length: 'short', language: 'de' },
);
const rawBody = JSON.stringify({ model: 'fake-model', messages });
const raw = () =>
  fetch(`${fake.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: rawBody }).then((r) => r.json());

await timeEach(50, raw); // warm up both paths
await timeEach(50, () => model.generate({ messages }));
const rounds = 400;
const rawTimes = await timeEach(rounds, raw);
const genTimes = await timeEach(rounds, () => model.generate({ messages }));
const streamFirst: number[] = [];
const streamTotal = await timeEach(rounds, async () => {
  const begin = performance.now();
  let first = true;
  for await (const _delta of model.stream({ messages })) {
    if (first) streamFirst.push(performance.now() - begin);
    first = false;
  }
});
streamFirst.sort((a, b) => a - b);

const concurrency = 50;
start = performance.now();
await Promise.all(Array.from({ length: concurrency * 4 }, () => model.generate({ messages })));
const concurrentMs = performance.now() - start;
await fake.close();

const p50raw = percentile(rawTimes, 50);
console.log('Herald LLM provider bench (fake OpenAI server on 127.0.0.1, real openai SDK)');
console.log('');
console.log('Languages');
console.log(`  first look-up (builds the name table):  ${fmt(coldMs)}`);
console.log(`  resolveLanguage, warm:              ${resolveUs.toFixed(1)} µs per call`);
console.log(`  resolveLanguage, unknown + suggest: ${(unknownUs / 1000).toFixed(2)} ms per call`);
console.log(
  `  searchLanguages (autocomplete):     ${searchUs.toFixed(1)} µs per call = 1/${Math.round(3_000_000 / searchUs).toLocaleString('en')} of Discord's 3 s`,
);
console.log('');
console.log(`Provider, ${rounds} sequential calls each`);
console.log(`  raw fetch          p50 ${fmt(p50raw)}  p99 ${fmt(percentile(rawTimes, 99))}`);
console.log(
  `  generate()         p50 ${fmt(percentile(genTimes, 50))}  p99 ${fmt(percentile(genTimes, 99))}  (${(percentile(genTimes, 50) / p50raw).toFixed(2)}× raw fetch)`,
);
console.log(
  `  stream() complete  p50 ${fmt(percentile(streamTotal, 50))}  p99 ${fmt(percentile(streamTotal, 99))}  (${(percentile(streamTotal, 50) / p50raw).toFixed(2)}× raw fetch)`,
);
console.log(`  stream() 1st delta p50 ${fmt(percentile(streamFirst, 50))}  p99 ${fmt(percentile(streamFirst, 99))}`);
console.log(
  `  ${concurrency * 4} generate() calls, ${concurrency} at a time: ${fmt(concurrentMs)} (${((concurrency * 4) / (concurrentMs / 1000)).toFixed(0)} calls/s); upstream calls ${fake.callCount - 100 - rounds * 3} for ${concurrency * 4} requests`,
);
