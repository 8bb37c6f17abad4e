import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { proxyRequests } from '@discordjs/proxy';
import { Events, REST, type Interaction } from 'discord.js';
import { createClient } from '../../src/discord/client.js';
import { InteractionRest } from '../../src/discord/interaction-rest.js';
import { startFakeDiscord } from '../fakes/fake-discord.js';

const APP = '1234567890123456789';
const TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5';

describe('which requests leave outside the global limit', () => {
  const rest = new InteractionRest({}, () => APP);

  it.each([
    ['the interaction callback', `/interactions/987654321098765432/${TOKEN}/callback`],
    ['a follow-up', `/webhooks/${APP}/${TOKEN}`],
    ['an edit of the original answer', `/webhooks/${APP}/${TOKEN}/messages/@original`],
    ['an edit of a follow-up', `/webhooks/${APP}/${TOKEN}/messages/111111111111111111`],
  ])('GIVEN %s without the bot token THEN it is an interaction request', (_name, route) => {
    expect(rest.isInteractionRequest({ fullRoute: route as `/${string}`, auth: false })).toBe(true);
  });

  it.each([
    ['a channel post', `/channels/111111111111111111/messages`, false],
    ['a channel webhook of someone else', `/webhooks/222222222222222222/${TOKEN}`, false],
    ['a request with the bot token', `/webhooks/${APP}/${TOKEN}/messages/@original`, true],
    ['a webhook fetched by id (bot token)', `/webhooks/${APP}`, undefined],
  ])('GIVEN %s THEN it stays under the global limit', (_name, route, auth) => {
    expect(rest.isInteractionRequest({ fullRoute: route as `/${string}`, ...(auth === undefined ? {} : { auth }) })).toBe(false);
  });

  it('GIVEN no READY yet (application unknown) THEN webhooks stay under the global limit', () => {
    const early = new InteractionRest({}, () => undefined);
    expect(early.isInteractionRequest({ fullRoute: `/webhooks/${APP}/${TOKEN}`, auth: false })).toBe(false);
    early.clearHashSweeper();
    early.clearHandlerSweeper();
  });

  it("GIVEN DISCORD_API_URL THEN the client's REST uses it, and destroy stops both RESTs", async () => {
    const client = createClient({ DISCORD_API_URL: 'http://127.0.0.1:9/api', SHARDS: undefined });
    expect(client.rest).toBeInstanceOf(InteractionRest);
    expect(client.rest.options.api).toBe('http://127.0.0.1:9/api');
    const stopped = vi.spyOn(REST.prototype, 'clearHandlerSweeper');
    try {
      await client.destroy();
      // The client's REST and the one for interaction requests (its own timers, its own queue).
      expect(new Set(stopped.mock.contexts).size).toBe(2);
      expect(stopped.mock.contexts).toContain(client.rest);
    } finally {
      stopped.mockRestore();
    }
  });

  it('GIVEN DISCORD_API_URL at a @discordjs/proxy in front of Discord THEN a deferred answer goes through it, the token only on bot requests', async () => {
    const fake = await startFakeDiscord();
    const forward = proxyRequests(new REST({ api: fake.apiUrl }));
    const proxy = createServer((req, res) => void forward(req, res));
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const client = createClient({ DISCORD_API_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api`, SHARDS: undefined });
    try {
      await Promise.all([once(client, Events.ClientReady), client.login(fake.token)]);
      const arrived = once(client, Events.InteractionCreate);
      const sent = fake.sendCommand('quote', { article: 'ford' });
      const [interaction] = (await arrived) as [Interaction];
      if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
      await interaction.deferReply();
      await interaction.editReply({ content: 'through the proxy' });
      expect(fake.interaction(sent.id).original?.message.content).toBe('through the proxy');
      const answers = fake.requests.filter((r) => r.path.includes(sent.token));
      expect(answers.map((r) => [r.method, r.status, r.authorized])).toEqual([
        ['POST', 204, false],
        ['PATCH', 200, false],
      ]);
      expect(fake.requests.filter((r) => !r.path.includes(sent.token)).every((r) => r.authorized || r.route === 'GET /gateway')).toBe(true);
      expect(fake.violations).toEqual([]);
    } finally {
      await client.destroy();
      proxy.closeAllConnections();
      proxy.close();
      await fake.close();
    }
  });
});
