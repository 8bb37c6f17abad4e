/**
 * Ops overhead on the hot path: what the redacting logger, the cooldown and the metrics cost per
 * request. Run: node --import tsx test/bench/ops.ts
 */
import pino from 'pino';
import { createLogger } from '../../src/log.js';
import { Cooldown } from '../../src/ops/cooldown.js';
import { createMetrics } from '../../src/ops/metrics.js';

const sink = { write: (_line: string) => undefined };

function time(label: string, iterations: number, work: (i: number) => void): number {
  for (let i = 0; i < Math.min(iterations, 2_000); i++) work(i); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) work(i);
  const ns = Number(process.hrtime.bigint() - started) / iterations;
  console.log(`  ${label.padEnd(52)} ${ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`} per op`);
  return ns;
}

const line = { command: 'summarize', guild: '123456789012345678', user: '876543210987654321', requestId: 'ab12cd34', cached: false, ms: 812 };

console.log('Logger (one interaction log line with 6 fields, to a null sink)');
const plain = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, sink);
const redacting = createLogger({ destination: sink, secrets: ['MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB', 'sk-proj-0123456789abcdefghijklmnopqrstuv'] });
const base = time('plain pino', 100_000, (i) => plain.info({ ...line, i }, 'answered'));
const ours = time('createLogger (paths + 2 secrets + shapes)', 100_000, (i) => redacting.info({ ...line, i }, 'answered'));
const debugOff = time('createLogger, debug line below level (skipped)', 1_000_000, (i) => redacting.debug({ ...line, i }, 'x'));
console.log(`  => redaction costs ${(ours / base).toFixed(2)}x plain pino per line; a skipped debug line costs ${(debugOff / base).toFixed(3)}x`);

console.log('\nCooldown (sliding window, 10,000 distinct users)');
let now = 0;
const cooldown = new Cooldown({ now: () => now });
const take = time('take()', 1_000_000, (i) => {
  now += 1;
  cooldown.take(`user-${i % 10_000}`);
});
console.log(`  users in memory after 1M takes: ${cooldown.trackedUsers}`);

console.log('\nMetrics');
const metrics = createMetrics({ defaultMetrics: false });
const commands = ['summarize', 'translate', 'quote', 'articles', 'help', 'digest subscribe'];
const record = time('recordInteraction (counter + histogram)', 500_000, (i) =>
  metrics.recordInteraction(commands[i % commands.length]!, i % 10 === 0 ? 'user_error' : 'ok', (i % 500) / 100),
);
let rendered = '';
const renders = 300;
const renderStarted = process.hrtime.bigint();
for (let i = 0; i < renders; i++) rendered = await metrics.render();
const renderUs = Number(process.hrtime.bigint() - renderStarted) / renders / 1000;
console.log(`  ${'render /metrics (GET /metrics body)'.padEnd(52)} ${renderUs.toFixed(0)} µs per op`);
console.log(`  exposition size: ${(rendered.length / 1024).toFixed(1)} KiB, ${rendered.split('\n').filter((l) => l && !l.startsWith('#')).length} samples`);

const perRequest = ours + take + record;
console.log(`\nPer request (one log line + one cooldown take + one metrics record): ${(perRequest / 1000).toFixed(2)} µs`);
console.log(`  i.e. ${(perRequest / 1e6 / 3_000 * 100).toFixed(5)}% of Discord's 3 s interaction deadline`);
