/**
 * Issue 17: three Herald processes on one redis-server against a fake Discord with two shards —
 * host A runs shard 0, host B shard 1, host C shard 0 again (a rolling deploy). Every event of a
 * shard reaches both of its processes; Herald must still answer once, post each digest once,
 * fetch an operator feed once per interval, and survive kill -9 of a shard-0 process mid-fan-out
 * without losing or doubling a digest.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { redisOrAnnounceSkip } from '../fakes/redis-server.js';
import { useBotWorld } from './bot-world.js';
import { logLines } from './digest-commands.js';
import {
  aFreePort,
  botMessagesIn,
  httpGet,
  metricValue,
  poll,
  shownText,
  spawnHeraldBot,
  stopGracefully,
  waitForFinalAnswer,
  ROOT,
  type HeraldProcess,
} from '../support/herald-process.js';

const hasRedis = redisOrAnnounceSkip('the scale-out test (three processes on one Redis)');
const SHARD_COUNT = 2;
/** Languages give one channel ten distinct subscriptions due at the same minute. */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da'];

/** A snowflake on `shard` of SHARD_COUNT (Discord's formula, built backwards). */
const guildIdOn = (shard: number, n: number) => String(((10_000_000_000n + BigInt(n)) * BigInt(SHARD_COUNT) + BigInt(shard)) << 22n);

/** An RSS feed on 127.0.0.1 that remembers when it was fetched. */
async function aCountingFeed(): Promise<{ url: string; fetchedAt: number[]; close(): Promise<void> }> {
  const fetchedAt: number[] = [];
  const server: Server = createServer((_request, response) => {
    fetchedAt.push(Date.now());
    response.setHeader('Content-Type', 'application/rss+xml');
    response.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Scale feed</title><link>http://127.0.0.1/</link>
      <item><title>Harbour reopens after repairs</title><link>http://127.0.0.1/a</link><guid>a</guid>
      <description>The harbour reopened on Monday after three weeks of repairs to the north pier, the port authority said.</description></item>
      </channel></rss>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`,
    fetchedAt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** "HH:MM" (UTC) of the first whole minute at least `leadMs` from now. */
function nextSlot(leadMs: number): { time: string; at: number } {
  const at = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
  return { time: new Date(at).toISOString().slice(11, 16), at };
}

describe('scale-out: three processes, two shards, one Redis', () => {
  const world = useBotWorld({ setUp: 'manual', redis: true, health: false, env: ({ redis }) => ({ STORE_URL: redis.url }) });
  let feed: Awaited<ReturnType<typeof aCountingFeed>> | undefined;
  afterAll(async () => {
    await feed?.close();
  });

  (hasRedis ? it : it.skip)(
    'GIVEN hosts on shards 0, 1 and 0 again THEN interactions and DMs are answered once, digests of both shards posted once, the operator feed fetched once per interval, and kill -9 mid-fan-out loses and doubles nothing',
    async () => {
      await world.setUp();
      const { discord } = world;
      feed = await aCountingFeed();
      const guilds = [0, 1].map((shard) => discord.addGuild({ id: guildIdOn(shard, 1), name: `shard ${shard}` }));
      const [guild0, guild1] = guilds as [(typeof guilds)[0], (typeof guilds)[0]];
      const ports = await Promise.all([aFreePort(), aFreePort(), aFreePort()]);
      const host = (shards: string, port: number): Record<string, string> => ({
        // Global commands: the guilds added here must know them too.
        ...Object.fromEntries(Object.entries(world.env).filter(([key]) => key !== 'DISCORD_GUILD_ID')),
        SHARD_COUNT: String(SHARD_COUNT),
        SHARDS: shards,
        HEALTH_PORT: String(port),
        FEEDS: feed?.url ?? '',
        FEED_INTERVAL_MINUTES: '1',
        ALLOW_PRIVATE_NETWORKS: 'true',
      });
      // One after another: three TypeScript start-ups at once on a busy machine would crowd out their own gateway handshakes.
      const a = await spawnHeraldBot(host('0', ports[0]), ROOT);
      const b = await spawnHeraldBot(host('1', ports[1]), ROOT);
      const c = await spawnHeraldBot(host('0', ports[2]), ROOT);
      const hosts: [HeraldProcess, number][] = [[a, ports[0]], [b, ports[1]], [c, ports[2]]];
      await discord.waitFor(() => discord.gateway.liveSessions(0).length === 2 && discord.gateway.liveSessions(1).length === 1, 'two sessions on shard 0, one on shard 1');

      // /healthz names the shards each host serves.
      for (const [index, [, port]] of hosts.entries()) {
        const about = (JSON.parse((await httpGet(port, '/healthz')).body) as { about: { shards: number[]; shardCount: number } }).about;
        expect(about).toMatchObject({ shards: [index === 1 ? 1 : 0], shardCount: SHARD_COUNT });
      }

      // Interactions in a guild of each shard: exactly one callback each, and no 40060 anywhere.
      for (const guild of [guild0, guild1]) {
        const interaction = discord.sendCommand('help', {}, { guildId: guild.id });
        expect(shownText(await waitForFinalAnswer(discord, interaction.id, (messages) => shownText(messages).trim() !== ''))).not.toBe('');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(discord.interaction(interaction.id).callbacks.map((callback) => callback.status)).toEqual([expect.any(Number)]);
      }
      // A DM reaches both shard-0 processes: one answers.
      const dm = discord.sendDirectMessage('help');
      await discord.waitFor(() => botMessagesIn(discord, dm.message.channel_id).length > 0, 'the DM answer');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const dmAnswers = await Promise.all([ports[0], ports[2]].map(async (port) => metricValue((await httpGet(port, '/metrics')).body, 'herald_interactions_total', { command: 'dm:help' })));
      expect(dmAnswers.reduce((sum, n) => sum + n, 0)).toBe(1);

      // Digests: ten subscriptions in the shard-0 guild, one in the shard-1 guild, due the same minute.
      const slot = nextSlot(40_000);
      const subscribe = async (guildId: string, language: string) => {
        const interaction = discord.sendCommand('digest subscribe', { channel: discord.channel('announcements', guildId).id, time: slot.time, timezone: 'UTC', language }, { guildId, userId: discord.people.admin.id });
        return shownText(await waitForFinalAnswer(discord, interaction.id, (messages) => shownText(messages).trim() !== ''));
      };
      // On failure, the hosts' error lines say why.
      const errors = () => logLines([a, b, c].map((p) => p.stderr + p.stdout).join('\n'), /failed|error/i).map((line) => JSON.stringify(line)).join('\n');
      for (const language of LANGUAGES) expect(await subscribe(guild0.id, language), errors()).toContain('Subscribed');
      expect(await subscribe(guild1.id, 'en'), errors()).toContain('Subscribed');
      // Slow Discord down so the shard-0 fan-out is still running when one of its processes dies.
      discord.setGlobalRateLimit({ perSecond: 3, burst: 1 });

      // kill -9 whichever shard-0 process holds a digest lease mid-fan-out.
      const victim = await poll(async () => {
        if (Date.now() < slot.at) return undefined;
        for (const [process, port] of [hosts[0]!, hosts[2]!]) {
          const body = (await httpGet(port, '/healthz')).body;
          if (body && (JSON.parse(body) as { about?: { leases?: string[] } }).about?.leases?.some((key) => key.startsWith('digest:'))) return process;
        }
        return undefined;
      }, 'a shard-0 process holding a digest lease', 120_000);
      await victim.kill();

      // The survivor finishes the fan-out (a killed holder's lease expires within a minute).
      const posted = () => logLines([a, b, c].map((p) => p.stderr + p.stdout).join('\n'), /^digest posted$/) as unknown as { subscription: string; messages: number; guild: string; slot: string }[];
      await poll(async () => posted().length >= LANGUAGES.length + 1 || undefined, 'every digest posted', 180_000).catch((error: unknown) => {
        const digestLines = logLines([a, b, c].map((p) => p.stderr + p.stdout).join('\n'), /digest|lease/i).map((line) => JSON.stringify(line)).join('\n');
        throw new Error(`${String(error)}: ${posted().length} posted\n${digestLines}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const lines = posted();
      const bySubscription = new Map<string, number>();
      for (const line of lines) bySubscription.set(line.subscription, (bySubscription.get(line.subscription) ?? 0) + 1);
      expect([...bySubscription.values()]).toEqual(Array(LANGUAGES.length + 1).fill(1));
      // On time: every digest is the slot's, not a later one caught up.
      expect(new Set(lines.map((line) => line.slot))).toEqual(new Set([new Date(slot.at).toISOString().slice(0, 16)]));
      // No message twice: what the channels show is exactly what the records say was posted.
      for (const guild of [guild0, guild1]) {
        const shown = botMessagesIn(discord, discord.channel('announcements', guild.id).id).length;
        const recorded = lines.filter((line) => line.guild === guild.id).reduce((sum, line) => sum + line.messages, 0);
        expect(shown, `digest messages in ${guild.name}`).toBe(recorded);
      }

      // The operator feed: one fetch per interval window over all three processes.
      const windows = new Map<number, number>();
      for (const at of feed.fetchedAt) windows.set(Math.floor(at / 60_000), (windows.get(Math.floor(at / 60_000)) ?? 0) + 1);
      expect(feed.fetchedAt.length).toBeGreaterThanOrEqual(2);
      expect([...windows.values()].every((count) => count === 1)).toBe(true);
      // Discord is slowed to 3/s on purpose and these hosts talk to it directly (the shared budget is
      // the REST proxy's job, tested in test/scale/rest-proxy.test.ts): their 429s on the global limit
      // are expected and waited out; nothing else may break a limit.
      expect(discord.violations.filter((violation) => violation.kind !== 'global_rate_limit')).toEqual([]);

      // The processes left stop as a deploy stops them: SIGTERM, exit 0.
      for (const running of [a, b, c].filter((p) => p !== victim)) expect(await stopGracefully(running)).toEqual({ code: 0, signal: null });
    },
    420_000,
  );
});
