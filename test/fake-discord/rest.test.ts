import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandType, type ApplicationCommandDataResolvable, DiscordAPIError, RESTJSONErrorCodes, type Client, type TextChannel } from 'discord.js';
import { LIMITS, startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { readyClient } from './helpers.js';

describe('fake Discord REST: messages, limits, faults and commands', () => {
  let fake: FakeDiscord;
  let client: Client;
  const channel = (name: string): TextChannel => client.channels.cache.get(fake.channel(name).id) as TextChannel;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await readyClient(fake);
  });

  afterEach(() => {
    fake.faults.clear();
    fake.setGlobalRateLimit(undefined);
    fake.clearRecords();
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('GIVEN a 429 on a channel post THEN discord.js waits, retries and the message arrives once', async () => {
    const general = channel('general');
    const rule = fake.injectFault({ method: 'POST', path: `/channels/${general.id}/messages` }, { kind: 'rateLimit', retryAfterMs: 150 });
    const sent = await general.send('after the rate limit');
    expect(rule.hits).toBe(1);
    const posts = fake.requestsTo('POST /channels/:channelId/messages');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.channelMessages(general.id).filter((p) => p.message.content === 'after the rate limit')).toHaveLength(1);
    expect(sent.content).toBe('after the rate limit');
  });

  it('GIVEN a global 429 THEN the answer carries X-RateLimit-Global and discord.js still delivers', async () => {
    const general = channel('general');
    fake.injectFault({ path: '/messages' }, { kind: 'rateLimit', retryAfterMs: 100, global: true });
    await general.send('global');
    const [limited] = fake.requestsTo('POST /channels/:channelId/messages');
    expect(limited?.status).toBe(429);
    expect(limited?.fault).toBe('rateLimit');
    expect(fake.channelMessages(general.id).filter((p) => p.message.content === 'global')).toHaveLength(1);
  });

  it('GIVEN two 500s THEN @discordjs/rest retries and the third attempt posts', async () => {
    const general = channel('general');
    fake.injectFault({ method: 'POST', path: `/channels/${general.id}/messages` }, { kind: 'serverError' }, 2);
    await general.send('third time lucky');
    expect(fake.requestsTo('POST /channels/:channelId/messages').map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it.each([
    [RESTJSONErrorCodes.UnknownChannel, 404],
    [RESTJSONErrorCodes.MissingAccess, 403],
    [RESTJSONErrorCodes.MissingPermissions, 403],
  ])('GIVEN failChannel(%i) THEN posts reject with that Discord error and status %i', async (code, status) => {
    const general = channel('general');
    const rule = fake.failChannel(general.id, code);
    const error = await general.send('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(code);
    expect((error as DiscordAPIError).status).toBe(status);
    fake.faults.remove(rule);
  });

  it('GIVEN the read-only and hidden channels THEN the permission model answers 50013 and 50001', async () => {
    const readOnly = await channel('read-only').send('x').catch((e: unknown) => e);
    expect((readOnly as DiscordAPIError).code).toBe(RESTJSONErrorCodes.MissingPermissions);
    const hidden = await channel('hidden').send('x').catch((e: unknown) => e);
    expect((hidden as DiscordAPIError).code).toBe(RESTJSONErrorCodes.MissingAccess);
    const me = client.guilds.cache.get(fake.guild.id)!.members.me!;
    expect(me.permissionsIn(channel('hidden')).has('ViewChannel')).toBe(false);
    expect(me.permissionsIn(channel('no-embeds')).toArray()).toEqual(expect.arrayContaining(['ViewChannel', 'SendMessages']));
    expect(me.permissionsIn(channel('no-embeds')).has('EmbedLinks')).toBe(false);
    expect(fake.violations).toEqual([]);
  });

  it('GIVEN embeds where the bot lacks Embed Links THEN the message posts without them and a violation says so', async () => {
    const sent = await channel('no-embeds').send({ content: 'digest', embeds: [{ title: 'Ford' }] });
    expect(sent.embeds).toHaveLength(0);
    expect(fake.violations.map((v) => v.kind)).toEqual(['embeds_suppressed']);
  });

  it('GIVEN a deleted channel THEN REST answers 10003 and the client cache drops it', async () => {
    const extra = fake.addGuild({ channels: [{ name: 'doomed' }] });
    await fake.waitFor(() => client.guilds.cache.get(extra.id), 'the new guild in the cache');
    const doomed = client.channels.cache.get(fake.channel('doomed', extra.id).id) as TextChannel;
    fake.deleteChannel(doomed.id);
    const error = await doomed.send('x').catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(RESTJSONErrorCodes.UnknownChannel);
    await fake.waitFor(() => !client.channels.cache.has(doomed.id), 'CHANNEL_DELETE to reach the cache');
  });

  it('GIVEN a delay fault THEN the request is answered late but normally', async () => {
    const general = channel('general');
    fake.injectFault({ method: 'POST', path: `/channels/${general.id}/messages` }, { kind: 'delay', ms: 50 });
    await general.send('slow discord');
    const [post] = fake.requestsTo('POST /channels/:channelId/messages');
    expect(post?.status).toBe(200);
    expect(post?.fault).toBe('delay');
  });

  it('GIVEN payloads over Discord limits THEN 400 Invalid Form Body and a recorded violation each', async () => {
    const general = channel('general');
    const tooLong = await general.send('x'.repeat(LIMITS.content + 1)).catch((e: unknown) => e);
    expect((tooLong as DiscordAPIError).code).toBe(50035);
    expect(((tooLong as DiscordAPIError).rawError as { errors?: unknown }).errors).toMatchObject({ content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } });
    const embeds = [1, 2].map(() => ({ description: 'y'.repeat(3500) }));
    const tooBig = await general.send({ embeds }).catch((e: unknown) => e);
    expect((tooBig as DiscordAPIError).code).toBe(50035);
    expect(fake.violations.map((v) => v.kind)).toEqual(['limits', 'limits']);
    expect(fake.violations[1]?.problems?.[0]?.code).toBe('MAX_EMBED_SIZE_EXCEEDED');
    expect(() => fake.assertNoViolations()).toThrow(/2 violation/);
  });

  it('GIVEN @everyone in content THEN pings() reports it unless allowedMentions is empty', async () => {
    const general = channel('general');
    await general.send({ content: '@everyone read this', allowedMentions: { parse: [] } });
    expect(fake.pings()).toHaveLength(0);
    await general.send({ content: `@everyone and <@${fake.people.admin.id}>` });
    expect(fake.pings().map((p) => p.message.mention_everyone)).toEqual([true]);
  });

  it('GIVEN a global limit of 5/s THEN a burst is slowed by global 429s and every message arrives once', async () => {
    const news = channel('announcements');
    fake.setGlobalRateLimit({ perSecond: 5, burst: 5 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => news.send(`burst ${i}`)));
    const contents = fake.channelMessages(news.id).map((p) => p.message.content);
    for (let i = 0; i < 8; i++) expect(contents.filter((c) => c === `burst ${i}`)).toHaveLength(1);
    expect(fake.requests.some((r) => r.fault === 'globalRateLimit' && r.status === 429)).toBe(true);
    // discord.js allows itself 50/s, ten times this limit: each refused post is a violation.
    expect(new Set(fake.violations.map((v) => v.kind))).toEqual(new Set(['global_rate_limit']));
  });

  it('GIVEN a global limit THEN interaction callbacks and webhooks are outside it and channel posts are counted', async () => {
    fake.setGlobalRateLimit({ perSecond: 1, burst: 1 });
    const interaction = fake.sendCommand('quote', { article: 'ford' });
    const open = (path: string, body: unknown) =>
      fetch(`${fake.apiUrl}/v10${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const callback = await open(`/interactions/${interaction.id}/${interaction.token}/callback`, { type: 4, data: { content: 'answer' } });
    const followUps = await Promise.all([1, 2, 3, 4].map((n) => open(`/webhooks/${fake.applicationId}/${interaction.token}`, { content: `more ${n}` })));
    expect([callback, ...followUps].map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    const post = () =>
      fetch(`${fake.apiUrl}/v10/channels/${fake.channel('general').id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bot ${fake.token}` },
        body: JSON.stringify({ content: 'post' }),
      });
    const first = await post();
    const second = await post();
    expect([first.status, second.status]).toEqual([200, 429]);
    expect(second.headers.get('x-ratelimit-global')).toBe('true');
    expect(fake.requests.map((r) => [r.route, r.countedGlobally === true])).toEqual([
      ['POST /interactions/:interactionId/:token/callback', false],
      ...[1, 2, 3, 4].map(() => ['POST /webhooks/:appId/:token', false]),
      ['POST /channels/:channelId/messages', true],
      ['POST /channels/:channelId/messages', true],
    ]);
    expect(fake.violations.map((v) => [v.kind, v.path])).toEqual([['global_rate_limit', `/channels/${fake.channel('general').id}/messages`]]);
  });

  it('GIVEN the same commands set twice THEN ids and versions stay and GET hides localizations unless asked', async () => {
    const body: ApplicationCommandDataResolvable[] = [
      { name: 'help', description: 'Help', descriptionLocalizations: { de: 'Hilfe' } },
      { name: 'Summarize message', type: ApplicationCommandType.Message },
    ];
    const first = await client.application!.commands.set(body, fake.guild.id);
    const second = await client.application!.commands.set(body, fake.guild.id);
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(second.map((c) => c.version)).toEqual(first.map((c) => c.version));
    const plain = await client.rest.get(`/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`);
    expect((plain as { description_localizations?: unknown }[])[0]?.description_localizations).toBeUndefined();
    const localized = await client.application!.commands.fetch({ guildId: fake.guild.id, withLocalizations: true });
    expect(localized.find((c) => c.name === 'help')?.descriptionLocalizations).toEqual({ de: 'Hilfe' });
    expect(fake.commandWrites()).toHaveLength(2);
    expect(fake.commands.list(fake.guild.id).map((c) => c.name)).toEqual(['help', 'Summarize message']);
  });

  it('GIVEN an invalid command name THEN 400 and an invalid_command violation', async () => {
    const error = await client.application!.commands.create({ name: 'Bad Name', description: 'x' }).catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect(fake.violations.map((v) => v.kind)).toEqual(['invalid_command']);
  });

  it('GIVEN a route the fake lacks THEN 404 and an unknown_route violation name it', async () => {
    await expect(client.rest.get('/guilds/1/audit-logs')).rejects.toThrow();
    expect(fake.violations[0]).toMatchObject({ kind: 'unknown_route', method: 'GET', path: '/guilds/1/audit-logs' });
  });
});

describe('fake Discord interaction deadlines', () => {
  it('GIVEN a callback after the interaction timeout THEN 10062 Unknown interaction and a violation', async () => {
    const fake = await startFakeDiscord({ interactionTimeoutMs: 20 });
    const client = await readyClient(fake);
    try {
      const { nextInteraction } = await import('./helpers.js');
      const received = nextInteraction(client);
      const sent = fake.sendCommand('help');
      const interaction = await received;
      await new Promise((resolve) => setTimeout(resolve, 60));
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      const error = await interaction.reply('late').catch((e: unknown) => e);
      expect((error as DiscordAPIError).code).toBe(RESTJSONErrorCodes.UnknownInteraction);
      expect(fake.violations.map((v) => v.kind)).toEqual(['interaction_timeout']);
      expect(fake.interaction(sent.id).original).toBeUndefined();
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});
