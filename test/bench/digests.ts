/**
 * Digest fan-out benchmark: N subscriptions over N/10 guilds in 3 languages (and 3 time zones whose
 * 08:00 / 07:00 / 02:00 fall on the same instant), all due in one slot, delivered through the real
 * discord.js REST client to the fake Discord enforcing Discord's 50 requests/s global limit.
 *
 * Measures: compositions and LLM generations against the number of distinct groups (a group's
 * articles are summarized in one generation), messages lost, and delivery time as a ratio to the
 * floor of messages ÷ 50 per second.
 *
 * Run: node --import tsx test/bench/digests.ts            (2,500 subscriptions: floor 50 s)
 *      node --import tsx test/bench/digests.ts --full     (10,000 subscriptions: floor 200 s)
 *      BENCH_SUBSCRIPTIONS=5000 node --import tsx test/bench/digests.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createDigestService } from '../../src/digests/service.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/types.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord } from '../fakes/fake-discord.js';
import { writeArticles } from '../digests/helpers.js';

const FULL = process.argv.includes('--full');
const SUBSCRIPTIONS = Number(process.env['BENCH_SUBSCRIPTIONS'] ?? (FULL ? 10_000 : 2_500));
const PER_GUILD = 10;
const GUILDS = Math.ceil(SUBSCRIPTIONS / PER_GUILD);
const RATE = 50;
const ARTICLES = 5;
const MODEL_LATENCY_MS = 150;
/** Three zones whose local slot is the same instant in January: 07:00 UTC. */
const SLOTS = [
  { language: 'en', timezone: 'Europe/London', time: '07:00' },
  { language: 'de', timezone: 'Europe/Berlin', time: '08:00' },
  { language: 'fr', timezone: 'America/New_York', time: '2am' },
];

/**
 * A model that takes a little while and counts its generations. A digest prompt (one
 * <article id="…"> block per article) gets a JSON object of summaries, as a real model is asked to.
 */
class CountingModel implements LanguageModel {
  readonly provider = 'bench';
  readonly model = 'counting';
  generations = 0;
  /** Articles in the generations' prompts. */
  articlesSummarized = 0;
  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.generations += 1;
    await new Promise((resolve) => setTimeout(resolve, MODEL_LATENCY_MS));
    const prompt = options.messages.map((m) => m.content).join(' ');
    const language = /\b(English|German|French)\b/.exec(prompt)?.[0] ?? 'the language';
    const summary = `A two-sentence summary in ${language}. It names what happened and why it matters.`;
    const user = options.messages.filter((m) => m.role === 'user').map((m) => m.content).join(' ');
    const ids = [...user.matchAll(/<article id="([^"]+)">/g)].map((m) => m[1] ?? '');
    this.articlesSummarized += Math.max(1, ids.length);
    const text = ids.length > 0 ? JSON.stringify(Object.fromEntries(ids.map((id) => [id, summary]))) : summary;
    return { text, usage: { promptTokens: 400 * Math.max(1, ids.length), completionTokens: 40 * Math.max(1, ids.length), totalTokens: 440 * Math.max(1, ids.length) } };
  }
  async *stream(options: GenerateOptions): AsyncIterable<string> {
    yield (await this.generate(options)).text;
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-bench-digests-'));
  await writeArticles(path.join(dir), ARTICLES);
  const channels = Array.from({ length: PER_GUILD }, (_, i) => ({ name: `news-${i}` }));
  const discord = await startFakeDiscord({ guilds: Array.from({ length: GUILDS }, () => ({ channels })), rateLimit: { perSecond: RATE } });
  const rest = new REST({ api: discord.apiUrl, timeout: 30_000 }).setToken(discord.token);
  const articles = await ArticleStore.open({ dir, watch: false, logger: silentLogger });
  const model = new CountingModel();
  const briefing = new BriefingService({ articles, model, cache: new ResultCache(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }), silentLogger), logger: silentLogger });
  const store = createKeyv(`sqlite://${path.join(dir, 'data', 'herald.sqlite')}`, { namespace: 'digests', logger: silentLogger });
  let now = new Date('2026-01-14T12:00:00Z');
  const digests = createDigestService({ store, articles, briefing, channel: discordDigestChannel({ rest }), logger: silentLogger, now: () => now, ticker: () => ({ stop() {} }) });

  let created = 0;
  for (const [g, guild] of discord.guilds.entries()) {
    await Promise.all(
      guild.channels.slice(0, Math.min(PER_GUILD, SUBSCRIPTIONS - created)).map((channel, c) => {
        const slot = SLOTS[(g * PER_GUILD + c) % SLOTS.length] ?? SLOTS[0];
        return digests.subscribe({ guildId: guild.id, channelId: channel.id, time: slot?.time ?? '07:00', timezone: slot?.timezone ?? 'UTC', language: slot?.language ?? 'en', length: 'short', createdBy: 'bench' });
      }),
    );
    created += Math.min(PER_GUILD, SUBSCRIPTIONS - created);
  }
  const setupSeconds = (performance.now() - started) / 1000;
  await digests.start();

  now = new Date('2026-01-15T07:00:00Z');
  const t0 = performance.now();
  const progress = setInterval(() => {
    const done = discord.requests.filter((r) => r.method === 'POST' && r.status === 200).length;
    process.stderr.write(`  … ${fmt(done)} messages after ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }, 15_000);
  const report = await digests.tick();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(progress);

  const statuses = await Promise.all(discord.guilds.map((g) => digests.list(g.id)));
  const subs = statuses.flat().map((s) => s.subscription);
  const expected = subs.reduce((n, s) => n + (s.lastOutcome?.status === 'posted' ? (s.lastOutcome.messages ?? 0) : 0), 0);
  const posts = discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
  const delivered = discord.botMessages().length;
  const perChannel = new Map<string, number>();
  for (const p of discord.botMessages()) perChannel.set(String(p.message.channel_id), (perChannel.get(String(p.message.channel_id)) ?? 0) + 1);
  const duplicates = [...perChannel.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
  const notPosted = subs.filter((s) => s.lastOutcome?.status !== 'posted').length;
  const groups = SLOTS.length; // same 5 articles, same length, 3 languages
  const floor = delivered / RATE;
  const ratio = seconds / floor;

  console.log(`Digest fan-out bench: ${fmt(subs.length)} subscriptions, ${fmt(GUILDS)} guilds, ${SLOTS.length} languages/time zones, ${ARTICLES} articles each, one slot${FULL ? '' : ' (1/4 scale; --full for 10,000)'}`);
  console.log(`  fake Discord global limit ${RATE} req/s; discord.js REST; SQLite store; model latency ${MODEL_LATENCY_MS} ms`);
  console.log(`  distinct groups (article set, language, length) ${groups}`);
  console.log(`  compositions                                    ${digests.stats.compositions}  (goal = groups: ${digests.stats.compositions === groups ? 'met' : 'MISSED'})`);
  console.log(`  LLM generations                                 ${model.generations}  (goal = groups: ${model.generations === groups ? 'met' : 'MISSED'}; ${model.generations}/${groups} = ${(model.generations / groups).toFixed(2)} per group, 0 per channel)`);
  console.log(`  articles per generation                         ${model.articlesSummarized}/${model.generations} = ${(model.articlesSummarized / Math.max(1, model.generations)).toFixed(1)}  (one call per group instead of ${groups * ARTICLES} per-article calls)`);
  console.log(`  messages expected / delivered / lost / duplicate ${fmt(expected)} / ${fmt(delivered)} / ${fmt(Math.max(0, expected - delivered))} / ${duplicates}`);
  console.log(`  subscriptions not posted                        ${notPosted}  (${JSON.stringify(report.outcomes)})`);
  console.log(`  POST requests / 429 answers (retried)           ${fmt(posts.length)} / ${fmt(posts.filter((r) => r.status === 429).length)}`);
  console.log(`  delivery time                                   ${seconds.toFixed(1)} s; floor ${fmt(delivered)} ÷ ${RATE}/s = ${floor.toFixed(1)} s`);
  console.log(`  delivery time ÷ floor                           ${ratio.toFixed(3)}  (goal ≤ 1.1: ${ratio <= 1.1 ? 'met' : 'MISSED'})`);
  console.log(`  setup (subscribe ${fmt(subs.length)}) ${setupSeconds.toFixed(1)} s; violations ${discord.violations.length}`);

  await digests.stop();
  articles.close();
  await store.disconnect();
  await discord.close();
  await rm(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
