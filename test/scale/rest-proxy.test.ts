/**
 * The REST proxy between hosts and Discord: requests of two hosts (two REST clients) pass through
 * one discord.js queue to the fake Discord, arrive intact with the caller's token, and keep within
 * the fake's global rate limit together.
 */
import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startRestProxy, type RestProxy } from '../../src/scale/rest-proxy.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';

describe('REST proxy (@discordjs/proxy)', () => {
  let discord: FakeDiscord;
  let proxy: RestProxy;
  const hosts: REST[] = [];
  beforeAll(async () => {
    discord = await startFakeDiscord({ token: 'proxy-test-token' });
    proxy = await startRestProxy({ port: 0, host: '127.0.0.1', upstream: discord.apiUrl, logger: silentLogger });
    for (let i = 0; i < 2; i++) hosts.push(new REST({ api: `http://127.0.0.1:${proxy.port}/api` }).setToken(discord.token));
  });
  afterAll(async () => {
    await proxy.close();
    await discord.close();
  });

  it('GIVEN two hosts posting through the proxy THEN every message arrives once, with the token, and no limit is broken', async () => {
    const channelId = discord.channel('general').id;
    const posts = hosts.flatMap((rest, host) =>
      Array.from({ length: 10 }, (_, i) => rest.post(Routes.channelMessages(channelId), { body: { content: `host ${host} message ${i}` } })),
    );
    await Promise.all(posts);
    const contents = discord.channelMessages(channelId).map((posted) => posted.message.content);
    expect(contents.filter((content) => String(content).startsWith('host ')).sort()).toEqual(
      [0, 1].flatMap((host) => Array.from({ length: 10 }, (_, i) => `host ${host} message ${i}`)).sort(),
    );
    expect(proxy.forwarded()).toBe(20);
    expect(discord.violations).toEqual([]);
  });

  it('GIVEN a wrong token THEN Discord\'s 401 reaches the caller through the proxy', async () => {
    const stranger = new REST({ api: `http://127.0.0.1:${proxy.port}/api`, retries: 0 }).setToken('not-the-token');
    await expect(stranger.get(Routes.user('@me'))).rejects.toMatchObject({ status: 401 });
  });
});
