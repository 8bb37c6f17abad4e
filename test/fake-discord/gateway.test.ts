import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelType, Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { shardOf, startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { nextInteraction, nextMessage, readyClient } from './helpers.js';

describe('fake Discord gateway: direct messages, resume and shards', () => {
  let fake: FakeDiscord | undefined;
  const clients: Client[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await fake?.close();
    fake = undefined;
  });

  it('GIVEN a DM from a user THEN messageCreate arrives in a DM channel and channel.send and typing work', async () => {
    fake = await startFakeDiscord();
    const client = await readyClient(fake);
    clients.push(client);
    const received = nextMessage(client);
    fake.sendDirectMessage('summarize ford in english');
    const message = await received;
    expect(message.content).toBe('summarize ford in english');
    expect(message.inGuild()).toBe(false);
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.author.id).toBe(fake.people.member.id);
    if (!message.channel.isSendable()) throw new Error('expected a sendable DM channel');
    await message.channel.sendTyping();
    await message.channel.send({ content: 'Here is your summary', allowedMentions: { parse: [] } });
    const dm = fake.dmChannel(fake.people.member.id);
    const answer = await fake.waitForMessage(dm.id, (p) => p.message.author.id === fake!.people.bot.id);
    expect(answer.message.content).toBe('Here is your summary');
    expect(fake.requestsTo('POST /channels/:channelId/typing')).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('GIVEN DMs from a bot and from Herald itself THEN both are dispatched with those authors', async () => {
    fake = await startFakeDiscord();
    const client = await readyClient(fake);
    clients.push(client);
    const fromBot = nextMessage(client);
    fake.sendDirectMessage('hi', { bot: true, authorId: '42' });
    expect((await fromBot).author.bot).toBe(true);
    const fromSelf = nextMessage(client);
    fake.sendDirectMessage('echo', { authorId: fake.people.bot.id });
    expect((await fromSelf).author.id).toBe(client.user!.id);
  });

  it.each([
    ['close code 4000', { code: 4000 }],
    ['an abrupt TCP drop', { abrupt: true }],
  ])('GIVEN %s THEN discord.js resumes on resume_gateway_url and receives events sent meanwhile', async (_name, drop) => {
    fake = await startFakeDiscord();
    const client = await readyClient(fake);
    clients.push(client);
    const resumed = once(client, Events.ShardResume);
    expect(fake.dropConnection(drop)).toBe(1);
    // Sent while disconnected: Discord replays it after RESUME.
    const received = nextInteraction(client);
    const sent = fake.sendCommand('help');
    await resumed;
    const interaction = await received;
    expect(interaction.id).toBe(sent.id);
    const session = await fake.waitForSession(0, { minResumes: 1 });
    expect(session.resumes).toBe(1);
    expect(fake.gateway.sessions).toHaveLength(1);
    expect(fake.gateway.connections.at(-1)?.url).toMatch(/^\/resume\?v=10&encoding=json/);
  });

  it('GIVEN an invalidated session THEN discord.js identifies again and gets a fresh READY', async () => {
    fake = await startFakeDiscord();
    const client = await readyClient(fake);
    clients.push(client);
    // discord.js waits out its 5 s identify throttle before identifying again.
    const readyAgain = once(client, Events.ShardReady);
    fake.gateway.invalidateSessions(false);
    await readyAgain;
    expect(fake.gateway.sessions).toHaveLength(2);
    expect(fake.gateway.sessions[0]?.ended).toBe(true);
    expect(client.guilds.cache.get(fake.guild.id)?.available).toBe(true);
  });

  it('GIVEN two shards THEN each identifies with its shard and receives only its guilds; DMs go to shard 0', async () => {
    fake = await startFakeDiscord({ guilds: 4, recommendedShards: 2 });
    const client = await readyClient(fake, { shards: 'auto' });
    clients.push(client);
    expect(fake.gateway.sessions.map((s) => [...s.shard]).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(client.guilds.cache.size).toBe(4);
    for (const guild of fake.guilds) expect(client.guilds.cache.get(guild.id)?.shardId).toBe(shardOf(guild.id, 2));
    const guildOnShard1 = fake.guilds.find((g) => shardOf(g.id, 2) === 1)!;
    const received = nextInteraction(client);
    fake.sendCommand('help', {}, { guildId: guildOnShard1.id });
    expect((await received).guild?.shardId).toBe(1);
    const [shard0, shard1] = [0, 1].map((id) => fake!.gateway.liveSessions().find((s) => s.shard[0] === id)!);
    const before = [shard0!.seq, shard1!.seq];
    const dm = nextMessage(client);
    fake.sendDirectMessage('help');
    expect((await dm).content).toBe('help');
    expect([shard0!.seq, shard1!.seq]).toEqual([before[0]! + 1, before[1]]);
  });

  it('GIVEN unanswered heartbeats THEN discord.js declares a zombie connection and resumes', async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
    const client = await readyClient(fake);
    clients.push(client);
    const resumed = once(client, Events.ShardResume);
    fake.gateway.ackHeartbeats = false;
    await fake.waitFor(() => fake!.gateway.connections.some((c) => c.closeCode !== undefined), 'the zombie connection to close');
    fake.gateway.ackHeartbeats = true;
    await resumed;
    expect(fake.gateway.sessions).toHaveLength(1);
    expect(fake.gateway.sessions[0]?.resumes).toBe(1);
  });

  it('GIVEN the bot DMs a user THEN the DM channel is created over REST and holds the message', async () => {
    fake = await startFakeDiscord();
    const client = await readyClient(fake);
    clients.push(client);
    await client.users.send(fake.people.admin.id, 'hello admin');
    expect(fake.requestsTo('POST /users/@me/channels')).toHaveLength(1);
    const dm = fake.dmChannel(fake.people.admin.id);
    expect(fake.channelMessages(dm.id).map((p) => p.message.content)).toEqual(['hello admin']);
  });

  it('GIVEN the bot is removed from a guild THEN GUILD_DELETE empties the cache entry and REST answers 10004', async () => {
    fake = await startFakeDiscord({ guilds: 2 });
    const client = await readyClient(fake);
    clients.push(client);
    const gone = fake.guilds[1]!;
    fake.removeGuild(gone.id);
    await fake.waitFor(() => !client.guilds.cache.has(gone.id), 'the guild to leave the cache');
    await expect(client.guilds.fetch({ guild: gone.id, force: true })).rejects.toMatchObject({ code: 10004 });
  });

  it('GIVEN a wrong token THEN login fails like Discord answers an invalid token', async () => {
    fake = await startFakeDiscord();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], partials: [Partials.Channel], rest: { api: fake.apiUrl } });
    clients.push(client);
    await expect(client.login('not-the-token')).rejects.toThrow(/invalid token/i);
    expect(fake.violations.map((v) => v.kind)).toEqual(['unauthorized']);
  });
});
