import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REST, RESTJSONErrorCodes, type Client } from 'discord.js';
import type { Digest } from '../../../src/digests/compose.js';
import { discordDigestChannel } from '../../../src/discord/digest/channel.js';
import { readyClient } from '../../fake-discord/helpers.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.js';
import { closedPort } from '../../support/closed-port.js';

const digest: Digest = {
  key: 'k',
  language: 'en',
  length: 'short',
  items: [{ articleId: 'a1', headline: 'Headline', summary: ['One.'], language: 'en' }],
  more: 0,
  model: 'fake/model',
  notices: [],
  date: 'Thursday, 15 January 2026',
  timezone: 'Europe/Berlin',
};

describe('the digest channel on Discord (the delivery port)', () => {
  let fake: FakeDiscord;
  let client: Client;
  let rest: REST;
  const id = (name: string) => fake.channel(name).id;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await readyClient(fake);
    rest = new REST({ api: fake.apiUrl, timeout: 10_000 }).setToken(fake.token);
  });

  afterEach(() => {
    fake.faults.clear();
    fake.clearRecords();
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('GIVEN a rendered digest THEN each message carries its nonce, and posting it is accepted as sent', async () => {
    const channel = discordDigestChannel({ rest });
    const [message, ...others] = channel.render(digest, 'sub|2026-01-15T08:00');
    expect(others).toEqual([]);
    expect(message?.nonce).toMatch(/^[0-9a-f]{25}$/);
    expect(await channel.post(id('general'), message!)).toBeUndefined();
    expect(fake.channelMessages(id('general'))).toHaveLength(1);
    const [request] = fake.requestsTo('POST /channels/:channelId/messages');
    expect(request?.body).toMatchObject({ nonce: message?.nonce, enforce_nonce: true });
  });

  it.each([
    [RESTJSONErrorCodes.UnknownChannel, 'channel_gone'],
    [RESTJSONErrorCodes.MissingAccess, 'no_access'],
    [RESTJSONErrorCodes.MissingPermissions, 'missing_permissions'],
  ])('GIVEN Discord error %i THEN the failure is %s, with the code', async (code, kind) => {
    fake.failChannel(id('general'), code);
    const channel = discordDigestChannel({ rest });
    expect(await channel.post(id('general'), channel.render(digest, 'k')[0]!)).toEqual({ kind, code });
  });

  it('GIVEN a body Discord refuses with a 400 THEN the failure is invalid, with status and code', async () => {
    fake.injectFault({ method: 'POST', path: '/messages' }, { kind: 'discordError', code: 50035, status: 400, message: 'Invalid Form Body' }, Infinity);
    const channel = discordDigestChannel({ rest });
    expect(await channel.post(id('general'), channel.render(digest, 'k')[0]!)).toEqual({ kind: 'invalid', status: 400, code: 50035 });
  });

  it('GIVEN Discord answers 500 to every try THEN the failure is transient, with the status', async () => {
    fake.injectFault({ method: 'POST', path: '/messages' }, { kind: 'serverError', status: 500 }, Infinity);
    const channel = discordDigestChannel({ rest });
    expect(await channel.post(id('general'), channel.render(digest, 'k')[0]!)).toMatchObject({ kind: 'transient', status: 500 });
  });

  it('GIVEN nothing listening at the API address THEN the failure is unreachable, naming the network error', async () => {
    const nowhere = new REST({ api: `http://127.0.0.1:${await closedPort()}/api`, retries: 0, timeout: 5_000 }).setToken(fake.token);
    const channel = discordDigestChannel({ rest: nowhere });
    expect(await channel.post(id('general'), channel.render(digest, 'k')[0]!)).toEqual({ kind: 'unreachable', cause: 'ECONNREFUSED' });
  });

  it('GIVEN the client cache THEN access names what Herald lacks, and is ok where all is granted or nothing is known', () => {
    const channel = discordDigestChannel({ rest, client: () => client });
    expect(channel.checkAccess(fake.guild.id, id('no-embeds'))).toEqual({ ok: false, missing: ['Embed Links'] });
    expect(channel.checkAccess(fake.guild.id, id('general'))).toEqual({ ok: true });
    expect(channel.checkAccess(fake.guild.id, '999')).toEqual({ ok: true });
    expect(discordDigestChannel({ rest }).checkAccess(fake.guild.id, id('no-embeds'))).toEqual({ ok: true });
  });
});
