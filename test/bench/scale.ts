/**
 * Scale-out benchmark (issue 17): N subscriptions over N/10 guilds, all due in one slot, delivered
 * by one host, then by two hosts (shards 0 and 1 of SHARD_COUNT=2) sharing one redis-server, every
 * REST call through one @discordjs/proxy to the fake Discord enforcing the global 50 requests/s.
 *
 * Measures per run: delivery time ÷ (messages / 50 s), messages lost and duplicated; and the lease
 * overhead per post (a Redis SET NX PX plus the Lua compare-and-delete).
 *
 * Run: npm run bench -- scale                    (1,000 subscriptions over 100 guilds: floor 20 s a run)
 *      node --import tsx test/bench/scale.ts --full   (10,000 over 1,000: floor 200 s a run)
 *      BENCH_SUBSCRIPTIONS=5000 npm run bench -- scale
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createDigestService, type DigestService } from '../../src/digests/service.js';
import type { Subscription } from '../../src/digests/subscriptions.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import { silentLogger } from '../../src/log.js';
import { createCoordination, type Coordination } from '../../src/scale/coordination.js';
import { startRestProxy } from '../../src/scale/rest-proxy.js';
import { startFakeDiscord } from '../fakes/fake-discord.js';
import { startRedisServer, type RedisServer } from '../fakes/redis-server.js';
import { writeArticles } from '../digests/helpers.js';

const FULL = process.argv.includes('--full');
const SUBSCRIPTIONS = Number(process.env['BENCH_SUBSCRIPTIONS'] ?? (FULL ? 10_000 : 1_000));
const PER_GUILD = 10;
const GUILDS = Math.ceil(SUBSCRIPTIONS / PER_GUILD);
const RATE = 50;
const SHARD_COUNT = 2;
const fmt = (n: number) => n.toLocaleString('en-US');

interface RunResult {
  hosts: number;
  seconds: number;
  expected: number;
  delivered: number;
  duplicates: number;
  notPosted: number;
  violations: number;
}

async function deliver(hosts: number, redis: RedisServer, seeds: string, run: string): Promise<RunResult> {
  const channels = Array.from({ length: PER_GUILD }, (_, i) => ({ name: `news-${i}` }));
  const discord = await startFakeDiscord({ guilds: Array.from({ length: GUILDS }, () => ({ channels })), rateLimit: { perSecond: RATE } });
  const proxy = await startRestProxy({ port: 0, host: '127.0.0.1', upstream: discord.apiUrl, logger: silentLogger });
  const articles = await ArticleStore.open({ dir: seeds, watch: false, logger: silentLogger });
  const briefing = new BriefingService({ articles, cache: new ResultCache(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }), silentLogger), logger: silentLogger });
  let now = new Date('2026-01-14T12:00:00Z');
  const coordinations: Coordination[] = [];
  const services: DigestService[] = [];
  for (let host = 0; host < hosts; host++) {
    const coordination = createCoordination({
      storeUrl: redis.url,
      seat: hosts === 1 ? undefined : { ids: [host], count: SHARD_COUNT },
      logger: silentLogger,
      feedIntervalMs: 60_000,
    });
    coordinations.push(coordination);
    // Each host its own REST client (its own queue), all through the one proxy.
    const rest = new REST({ api: `http://127.0.0.1:${proxy.port}/api`, timeout: 60_000 }).setToken(discord.token);
    services.push(
      createDigestService({
        store: createKeyv(redis.url, { namespace: `bench-digests-${run}`, logger: silentLogger }),
        articles,
        briefing,
        channel: discordDigestChannel({ rest }),
        logger: silentLogger,
        now: () => now,
        ticker: () => ({ stop() {} }),
        ownsGuild: (guildId) => coordination.ownership.ownsGuild(guildId),
        claimSlot: coordination.claimSlot,
      }),
    );
  }
  const first = services[0]!;
  for (const guild of discord.guilds) {
    await Promise.all(guild.channels.slice(0, PER_GUILD).map((channel) => first.subscribe({ guildId: guild.id, channelId: channel.id, time: '07:00', timezone: 'UTC', language: 'en', length: 'short', createdBy: 'bench' })));
  }
  await Promise.all(services.map((service) => service.start()));
  now = new Date('2026-01-15T07:00:00Z');
  const t0 = performance.now();
  await Promise.all(services.map((service) => service.tick()));
  const seconds = (performance.now() - t0) / 1000;

  // Read back 50 guilds at a time: 10,000 reads at once would outlast the store's operation timeout.
  const subs: Subscription[] = [];
  for (let i = 0; i < discord.guilds.length; i += 50) {
    const batch = await Promise.all(discord.guilds.slice(i, i + 50).map((g) => first.list(g.id)));
    subs.push(...batch.flat().map((s) => s.subscription));
  }
  const expected = subs.reduce((n, s) => n + (s.lastOutcome?.status === 'posted' ? (s.lastOutcome.messages ?? 0) : 0), 0);
  const perChannel = new Map<string, number>();
  for (const p of discord.botMessages()) perChannel.set(String(p.message.channel_id), (perChannel.get(String(p.message.channel_id)) ?? 0) + 1);
  const result: RunResult = {
    hosts,
    seconds,
    expected,
    delivered: discord.botMessages().length,
    duplicates: [...perChannel.values()].reduce((n, count) => n + Math.max(0, count - 1), 0),
    notPosted: subs.filter((s) => s.lastOutcome?.status !== 'posted').length,
    violations: discord.violations.length,
  };
  await Promise.all(services.map((service) => service.stop()));
  await Promise.all(coordinations.map((coordination) => coordination.close()));
  articles.close();
  await proxy.close();
  await discord.close();
  return result;
}

/** Mean cost of claiming and releasing one slot lease on Redis, with no work inside. */
async function leaseOverheadMs(redis: RedisServer): Promise<number> {
  const coordination = createCoordination({ storeUrl: redis.url, seat: undefined, logger: silentLogger, feedIntervalMs: 60_000 });
  await coordination.claimSlot('warm-up', () => Promise.resolve('posted'));
  const rounds = 2_000;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await coordination.claimSlot(`bench-${i}`, () => Promise.resolve('posted'));
  const ms = (performance.now() - t0) / rounds;
  await coordination.close();
  return ms;
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  const seeds = await mkdtemp(path.join(tmpdir(), 'herald-bench-scale-'));
  await writeArticles(seeds, 5);
  try {
    const lease = await leaseOverheadMs(redis);
    const runs = [await deliver(1, redis, seeds, 'one'), await deliver(2, redis, seeds, 'two')];
    console.log(`Scale-out bench: ${fmt(SUBSCRIPTIONS)} subscriptions over ${fmt(GUILDS)} guilds, one slot, offline summaries${FULL ? '' : ' (1/10 scale; --full for 10,000)'}`);
    console.log(`  one redis-server; every REST call through one @discordjs/proxy; fake Discord global limit ${RATE} req/s`);
    let met = true;
    for (const run of runs) {
      const floor = run.delivered / RATE;
      const ratio = run.seconds / floor;
      const lost = Math.max(0, run.expected - run.delivered) + run.notPosted;
      met &&= ratio <= 1.1 && lost === 0 && run.duplicates === 0;
      const label = run.hosts > 1 ? '2 hosts (shards 0, 1 of 2)' : '1 host';
      console.log(`  ${label.padEnd(27)} delivered ${fmt(run.delivered)} in ${run.seconds.toFixed(1)} s; floor ${floor.toFixed(1)} s; ratio ${ratio.toFixed(3)} (goal ≤ 1.1: ${ratio <= 1.1 ? 'met' : 'MISSED'}); lost ${lost}; duplicate ${run.duplicates}; violations ${run.violations}`);
    }
    console.log(`  lease overhead per post (SET NX PX + Lua release, one Redis round trip each)  ${(lease * 1000).toFixed(0)} µs`);
    if (!met) process.exitCode = 1;
  } finally {
    await redis.stop();
    await rm(seeds, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
