/**
 * Personal briefing fan-out benchmark (issue 15 item 6): N members' own daily digests, all due in
 * one slot, sent by DM through the real discord.js REST client to the fake Discord enforcing
 * Discord's 50 requests/s global limit. Members subscribed in 10 guilds and in DMs, in 3 languages
 * and 2 lengths (3 zones whose local slot is the same instant).
 *
 * Measures: LLM generations against the distinct (story set, language, length) groups, DMs lost
 * and duplicated, 429s, and delivery time against the floor of requests ÷ 50 per second (each
 * member costs two requests: opening the DM channel, then the message; a member subscribed in a
 * guild a third: the membership check, GET /guilds/{guild}/members/{user}).
 *
 * Run: npm run bench -- briefings                       (2,500 members: floor ≈ 100 s)
 *      node --import tsx test/bench/briefings.ts --full (10,000 members: floor ≈ 400 s)
 *      BENCH_MEMBERS=500 node --import tsx test/bench/briefings.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import type { SummaryLength } from '../../src/briefing/types.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createDigestService } from '../../src/digests/service.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import { discordDirectMessages } from '../../src/discord/digest/direct.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/types.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord } from '../fakes/fake-discord.js';
import { writeArticles } from '../digests/helpers.js';

const FULL = process.argv.includes('--full');
const MEMBERS = Number(process.env['BENCH_MEMBERS'] ?? (FULL ? 10_000 : 2_500));
const GUILDS = 10;
const RATE = 50;
const ARTICLES = 5;
const MODEL_LATENCY_MS = 150;
/** Three zones whose local slot is the same instant in January (07:00 UTC), each with its language. */
const SLOTS = [
  { language: 'en', timezone: 'Europe/London', time: '07:00' },
  { language: 'de', timezone: 'Europe/Berlin', time: '08:00' },
  { language: 'fr', timezone: 'America/New_York', time: '2am' },
];
const LENGTHS: SummaryLength[] = ['short', 'medium'];

/** A model that takes a little while and counts its generations (digest prompts get JSON summaries). */
class CountingModel implements LanguageModel {
  readonly provider = 'bench';
  readonly model = 'counting';
  generations = 0;
  async generate(options: GenerateOptions): Promise<GenerateResult> {
    this.generations += 1;
    await new Promise((resolve) => setTimeout(resolve, MODEL_LATENCY_MS));
    const user = options.messages.filter((m) => m.role === 'user').map((m) => m.content).join(' ');
    const ids = [...user.matchAll(/<article id="([^"]+)">/g)].map((m) => m[1] ?? '');
    const summary = 'A two-sentence summary. It names what happened and why it matters.';
    const text = ids.length > 0 ? JSON.stringify(Object.fromEntries(ids.map((id) => [id, summary]))) : summary;
    return { text, usage: { promptTokens: 400, completionTokens: 40, totalTokens: 440 } };
  }
  async *stream(options: GenerateOptions): AsyncIterable<string> {
    yield (await this.generate(options)).text;
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'herald-bench-briefings-'));
  await writeArticles(dir, ARTICLES);
  const discord = await startFakeDiscord({ guilds: GUILDS, rateLimit: { perSecond: RATE } });
  const rest = new REST({ api: discord.apiUrl, timeout: 30_000 }).setToken(discord.token);
  const articles = await ArticleStore.open({ dir, watch: false, logger: silentLogger });
  const model = new CountingModel();
  const briefing = new BriefingService({ articles, model, cache: new ResultCache(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }), silentLogger), logger: silentLogger });
  const store = createKeyv(`sqlite://${path.join(dir, 'data', 'herald.sqlite')}`, { namespace: 'digests', logger: silentLogger });
  let now = new Date('2026-01-14T12:00:00Z');
  const digests = createDigestService({
    store,
    articles,
    briefing,
    channel: discordDigestChannel({ rest }),
    directMessages: discordDirectMessages({ rest }),
    logger: silentLogger,
    now: () => now,
    ticker: () => ({ stop() {} }),
  });

  // Member i: user id 9…i; in guild i % (GUILDS + 1), the last "guild" standing for a DM subscription.
  const members = Array.from({ length: MEMBERS }, (_, i) => String(900_000_000_000_000_000n + BigInt(i)));
  for (let i = 0; i < members.length; i += 200) {
    await Promise.all(
      members.slice(i, i + 200).map((member, k) => {
        const n = i + k;
        const slot = SLOTS[n % SLOTS.length] ?? SLOTS[0];
        const where = n % (GUILDS + 1);
        const guildId = where < GUILDS ? discord.guilds[where]?.id : undefined;
        if (guildId) discord.addMember(guildId, member);
        return digests.briefings.subscribe({
          member,
          guildId,
          time: slot?.time ?? '07:00',
          timezone: slot?.timezone ?? 'UTC',
          language: slot?.language ?? 'en',
          length: LENGTHS[Math.floor(n / SLOTS.length) % LENGTHS.length] ?? 'short',
        });
      }),
    );
  }
  const setupSeconds = (performance.now() - started) / 1000;
  await digests.start();

  now = new Date('2026-01-15T07:00:00Z');
  const t0 = performance.now();
  const progress = setInterval(() => {
    process.stderr.write(`  … ${fmt(discord.botMessages().length)} DMs after ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }, 30_000);
  const report = await digests.tick();
  // A second tick in the same slot (a restart, an overlapping tick) must post nothing more.
  const again = await digests.tick();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(progress);

  const subs = (await Promise.all(members.map((m) => digests.briefings.list(m)))).flat().map((s) => s.subscription);
  const expected = subs.reduce((n, s) => n + (s.lastOutcome?.status === 'posted' ? (s.lastOutcome.messages ?? 0) : 0), 0);
  const dmChannels = new Set(members.map((m) => discord.dmChannel(m).id));
  const delivered = discord.botMessages().filter((p) => dmChannels.has(String(p.message.channel_id)));
  const perChannel = new Map<string, number>();
  for (const p of delivered) perChannel.set(String(p.message.channel_id), (perChannel.get(String(p.message.channel_id)) ?? 0) + 1);
  const duplicates = [...perChannel.values()].reduce((n, count) => n + Math.max(0, count - 1), 0);
  const lost = members.length - perChannel.size;
  const requests = discord.requests.filter((r) => r.method === 'POST' || r.route === 'GET /guilds/:guildId/members/:userId');
  const checks = discord.requestsTo('GET /guilds/:guildId/members/:userId').filter((r) => r.status !== 429).length;
  const guildScoped = subs.filter((s) => s.guildId !== '').length;
  const limited = requests.filter((r) => r.status === 429).length;
  const groups = SLOTS.length * LENGTHS.length; // one article set (the seeds): language × length
  const floor = requests.filter((r) => r.status !== 429).length / RATE;
  const ratio = seconds / floor;
  const ok = model.generations === groups && lost === 0 && duplicates === 0 && checks === guildScoped && discord.violations.length === 0;

  console.log(`Personal briefing fan-out bench: ${fmt(members.length)} members (${GUILDS} guilds and DMs), ${SLOTS.length} languages × ${LENGTHS.length} lengths, ${ARTICLES} articles, one slot${FULL ? '' : ' (1/4 scale; --full for 10,000)'}`);
  console.log(`  fake Discord global limit ${RATE} req/s; discord.js REST; SQLite store; model latency ${MODEL_LATENCY_MS} ms`);
  console.log(`  distinct groups (story set, language, length)   ${groups}`);
  console.log(`  compositions                                    ${digests.stats.compositions}`);
  console.log(`  LLM generations                                 ${model.generations}  (goal = groups: ${model.generations === groups ? 'met' : 'MISSED'})`);
  console.log(`  DMs expected / delivered / lost / duplicate     ${fmt(expected)} / ${fmt(delivered.length)} / ${fmt(lost)} / ${duplicates}`);
  console.log(`  outcomes                                        ${JSON.stringify(report.outcomes)}; second tick ${JSON.stringify(again.outcomes)}`);
  console.log(`  membership checks / guild-scoped briefings      ${fmt(checks)} / ${fmt(guildScoped)}`);
  console.log(`  requests (DM opens + messages + checks) / 429s  ${fmt(requests.length)} / ${fmt(limited)}; violations ${discord.violations.length}`);
  console.log(`  delivery time                                   ${seconds.toFixed(1)} s; floor ${fmt(requests.length - limited)} requests ÷ ${RATE}/s = ${floor.toFixed(1)} s; ratio ${ratio.toFixed(3)}`);
  console.log(`  setup (subscribe ${fmt(members.length)}) ${setupSeconds.toFixed(1)} s`);

  await digests.stop();
  articles.close();
  await store.disconnect();
  await discord.close();
  await rm(dir, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
