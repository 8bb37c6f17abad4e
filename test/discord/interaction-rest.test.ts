import { describe, expect, it, vi } from 'vitest';
import { REST } from 'discord.js';
import { createClient } from '../../src/discord/client.js';
import { InteractionRest } from '../../src/discord/interaction-rest.js';

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
    const client = createClient({ DISCORD_API_URL: 'http://127.0.0.1:9/api' });
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
});
