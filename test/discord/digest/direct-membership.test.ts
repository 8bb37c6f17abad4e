import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REST, type Client } from 'discord.js';
import { discordDirectMessages } from '../../../src/discord/digest/direct.js';
import { readyClient } from '../../fake-discord/helpers.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.js';
import { closedPort } from '../../support/closed-port.js';

/** The membership check a guild briefing needs, against the fake Discord's GET /guilds/{guild}/members/{user}. */
describe('membership on Discord (before a guild briefing is sent)', () => {
  let fake: FakeDiscord;
  let client: Client;
  let rest: REST;
  const memberRoute = () => ({ method: 'GET', path: `/guilds/${fake.guild.id}/members/${fake.people.member.id}` });

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await readyClient(fake);
    rest = new REST({ api: fake.apiUrl, timeout: 10_000, retries: 0 }).setToken(fake.token);
  });

  afterEach(() => {
    fake.faults.clear();
    fake.clearRecords();
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('GIVEN the member is in the guild THEN member', async () => {
    expect(await discordDirectMessages({ rest }).membership(fake.guild.id, fake.people.member.id)).toEqual({ status: 'member' });
  });

  it('GIVEN an unknown member (10007) THEN left, with the guild name from the client cache', async () => {
    const dms = discordDirectMessages({ rest, client: () => client });
    expect(await dms.membership(fake.guild.id, '700000000000000999')).toEqual({ status: 'left', code: 10007, guildName: fake.guild.name });
  });

  it.each([
    [10013, 404, 'left'],
    [10004, 404, 'guild_gone'],
    [50001, 403, 'guild_gone'],
  ])('GIVEN Discord error %i THEN %s', async (code, status, expected) => {
    fake.injectFault(memberRoute(), { kind: 'discordError', code, status });
    expect(await discordDirectMessages({ rest }).membership(fake.guild.id, fake.people.member.id)).toEqual({ status: expected, code });
  });

  it('GIVEN a 5xx THEN unknown (transient), never left', async () => {
    fake.injectFault(memberRoute(), { kind: 'serverError', status: 503 });
    expect(await discordDirectMessages({ rest }).membership(fake.guild.id, fake.people.member.id)).toEqual({ status: 'unknown', failure: { kind: 'transient', status: 503 } });
  });

  it('GIVEN Discord cannot be reached THEN unknown (unreachable)', async () => {
    const nowhere = new REST({ api: `http://127.0.0.1:${await closedPort()}/api`, retries: 0, timeout: 5_000 }).setToken(fake.token);
    expect(await discordDirectMessages({ rest: nowhere }).membership(fake.guild.id, fake.people.member.id)).toEqual({ status: 'unknown', failure: { kind: 'unreachable', cause: 'ECONNREFUSED' } });
  });

  it('GIVEN a refusal that says nothing about membership (400) THEN unknown, not a pause on a guess', async () => {
    fake.injectFault(memberRoute(), { kind: 'discordError', code: 50035, status: 400 });
    expect((await discordDirectMessages({ rest }).membership(fake.guild.id, fake.people.member.id)).status).toBe('unknown');
  });
});
