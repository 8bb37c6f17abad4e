import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/cache/keyv.js';
import { SubscriptionStore } from '../../src/digests/subscriptions.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { channelPosts, postedEmbeds, startWorld, writeArticles } from './helpers.js';
import { aTempDir } from '../support/temp-dir.js';

const CHILD = fileURLToPath(new URL('./fixtures/digest-process.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('a digest process killed with SIGKILL', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('GIVEN it dies after posting 1 of 3 messages THEN the restarted Herald posts only the other 2, and never again', async () => {
    const seeds = await aTempDir();
    cleanups.push(seeds.cleanup);
    await writeArticles(seeds.dir, 25);
    const storeUrl = `sqlite://${path.join(seeds.dir, 'data', 'herald.sqlite')}`;
    const discord: FakeDiscord = await startFakeDiscord();
    cleanups.push(() => discord.close());
    const channel = discord.channel('general').id;

    // Subscribe through a first, cleanly stopped Herald.
    const setupStore = createKeyv(storeUrl, { namespace: 'digests', logger: silentLogger });
    const subs = new SubscriptionStore(setupStore, { logger: silentLogger });
    const sub = await subs.create({ guildId: discord.guild.id, channelId: channel, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short', createdBy: 'admin' }, Date.parse('2026-01-14T12:00:00Z'));

    // The first post goes through; the second hangs in Discord long enough for the process to be killed.
    const posts = { method: 'POST', path: `/channels/${channel}/messages` };
    discord.injectFault(posts, { kind: 'delay', ms: 0 }, 1);
    discord.injectFault(posts, { kind: 'delay', ms: 600_000 }, 1);

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_API_URL: discord.apiUrl, DISCORD_TOKEN: discord.token, STORE_URL: storeUrl, SEEDS_DIR: seeds.dir, HERALD_NOW: '2026-01-15T07:00:00Z', FIRST_DIGEST: '25' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await discord.waitFor(() => discord.requests.filter((r) => r.method === 'POST' && r.path === posts.path).length === 2, 'the second post', { timeoutMs: 30_000 }).catch((error: unknown) => {
      throw new Error(`${String(error)}\nchild stderr:\n${stderr}`);
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const record = await subs.get(sub.id);
    expect(record?.delivery).toMatchObject({ slot: '2026-01-15T08:00', posted: [0] });
    expect(record?.delivery?.messages).toHaveLength(3);
    expect(channelPosts(discord, channel)).toHaveLength(1);
    await setupStore.disconnect();

    // Restart: a new Herald on the same store, folder and Discord resumes the delivery.
    const world = await startWorld({ now: '2026-01-15T07:05:00Z', storeUrl, reuseDiscord: discord, seedsDir: seeds.dir, deps: { limits: { firstDigest: 25 } } });
    cleanups.push(() => world.close());
    const report = await world.service.start();
    expect(report.outcomes.posted).toBe(1);
    expect(channelPosts(discord, channel)).toHaveLength(3);
    const footers = postedEmbeds(discord, channel).filter((e) => e.footer?.text.startsWith('a')).map((e) => e.footer?.text.split(' ')[0]);
    expect(footers).toHaveLength(25);
    expect(new Set(footers).size).toBe(25);
    const sent = discord.requests.filter((r) => r.method === 'POST' && r.path === posts.path).map((r) => (r.body as { nonce: string }).nonce);
    expect(sent.slice(2)).toEqual(record?.delivery?.messages?.slice(1).map((m) => m.nonce));

    // And once more: the slot is done, nothing is posted.
    await world.service.stop();
    const again = await world.restart().start();
    expect(again.due).toBe(0);
    expect(channelPosts(discord, channel)).toHaveLength(3);
  });
});
