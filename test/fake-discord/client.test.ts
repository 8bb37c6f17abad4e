import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  InteractionContextType,
  MessageFlags,
  type Client,
  type TextChannel,
} from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { nextInteraction, readyClient } from './helpers.js';

describe('fake Discord with a real discord.js Client: login and interactions', () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await readyClient(fake);
    await client.application!.commands.set([
      {
        name: 'digest',
        description: 'Daily digests',
        contexts: [InteractionContextType.Guild],
        options: [
          {
            name: 'subscribe',
            description: 'Subscribe a channel',
            type: ApplicationCommandOptionType.Subcommand,
            options: [
              { name: 'channel', description: 'Where', type: ApplicationCommandOptionType.Channel, required: true },
              { name: 'time', description: 'When', type: ApplicationCommandOptionType.String, required: true },
            ],
          },
        ],
      },
      {
        name: 'quote',
        description: 'Quotes',
        options: [
          { name: 'article', description: 'Which', type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
          { name: 'count', description: 'How many', type: ApplicationCommandOptionType.Integer, min_value: 1, max_value: 10 },
        ],
      },
    ]);
  });

  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  it('GIVEN a login THEN clientReady fires with the guild cache, channels, roles and bot member filled', () => {
    expect(client.user?.id).toBe(fake.people.bot.id);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.available).toBe(true);
    expect(guild?.ownerId).toBe(fake.people.admin.id);
    expect(guild?.channels.cache.get(fake.channel('general').id)?.type).toBe(ChannelType.GuildText);
    expect(guild?.channels.cache.get(fake.channel('announcements').id)?.type).toBe(ChannelType.GuildAnnouncement);
    const me = guild?.members.me;
    expect(me?.id).toBe(fake.people.bot.id);
    const general = guild?.channels.cache.get(fake.channel('general').id);
    const readOnly = guild?.channels.cache.get(fake.channel('read-only').id);
    expect(me && general && me.permissionsIn(general).has(['ViewChannel', 'SendMessages', 'EmbedLinks'])).toBe(true);
    expect(me && readOnly && me.permissionsIn(readOnly).has('SendMessages')).toBe(false);
  });

  it('GIVEN a chat input command THEN interactionCreate carries options, locale, member permissions and channel', async () => {
    const received = nextInteraction(client);
    fake.sendCommand('quote', { article: 'ford', count: 3 }, { locale: 'de' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error(`expected a chat input command, got type ${interaction.type}`);
    expect(interaction.commandName).toBe('quote');
    expect(interaction.commandId).toBe(client.application!.commands.cache.find((c) => c.name === 'quote')?.id);
    expect(interaction.options.getString('article')).toBe('ford');
    expect(interaction.options.getInteger('count')).toBe(3);
    expect(interaction.locale).toBe('de');
    expect(interaction.guildLocale).toBe('en-US');
    expect(interaction.inCachedGuild()).toBe(true);
    expect(interaction.channelId).toBe(fake.channel('general').id);
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(false);
    expect(interaction.appPermissions.has('SendMessages')).toBe(true);
    expect(interaction.user.id).toBe(fake.people.member.id);
    await interaction.reply({ content: 'hello', flags: MessageFlags.Ephemeral });
  });

  it('GIVEN a subcommand with a channel option by an admin THEN the subcommand and resolved channel arrive', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendCommand('digest subscribe', { channel: fake.channel('announcements').id, time: '08:00' }, { userId: fake.people.admin.id });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.options.getSubcommand()).toBe('subscribe');
    expect(interaction.options.getChannel('channel')?.id).toBe(fake.channel('announcements').id);
    expect(interaction.options.getString('time')).toBe('08:00');
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(true);
    await interaction.reply({ content: 'ok' });
    const record = await fake.waitForAnswer(sent.id);
    expect(record.original?.message.content).toBe('ok');
  });

  it('GIVEN deferReply, editReply and followUp THEN each is recorded in order with timestamps', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendCommand('quote', { article: 'ford' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply();
    await interaction.editReply({ embeds: [{ title: 'Ford', description: 'part 1' }] });
    const followUp = await interaction.followUp({ content: 'part 2' });
    expect(followUp.content).toBe('part 2');
    const record = await fake.waitForAnswer(sent.id);
    expect(record.callbacks.map((c) => c.type)).toEqual([5]);
    expect(record.original?.message.embeds[0]).toMatchObject({ title: 'Ford', description: 'part 1' });
    expect(record.original?.edits).toHaveLength(1);
    expect(record.followups.map((f) => f.message.content)).toEqual(['part 2']);
    const callbackAt = record.callbacks[0]!.at;
    expect(callbackAt).toBeGreaterThanOrEqual(record.dispatchedAt);
    expect(record.original!.edits[0]!.at).toBeGreaterThanOrEqual(callbackAt);
    const edit = fake.requests.find((r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`));
    expect(edit?.rawPath).toContain('%40original');
    expect(edit?.authorized).toBe(false);
    const followRequest = fake.requests.find((r) => r.method === 'POST' && r.route === 'POST /webhooks/:appId/:token' && r.path.includes(sent.token));
    expect(followRequest?.query.wait).toBe('true');
    expect(fake.violations).toEqual([]);
  });

  it('GIVEN reply withResponse THEN discord.js gets the callback resource with the message', async () => {
    const received = nextInteraction(client);
    fake.sendCommand('quote', { article: 'x' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    const response = await interaction.reply({ content: 'with response', withResponse: true });
    expect(response.resource?.message?.content).toBe('with response');
  });

  it('GIVEN an autocomplete interaction THEN the focused option arrives and the choices are recorded', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendAutocomplete('quote', { article: 'fo' }, 'article', { locale: 'de' });
    const interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'article', value: 'fo' });
    await interaction.respond([{ name: 'Ford and Xiaomi', value: 'ford-xiaomi' }]);
    const record = await fake.waitForAnswer(sent.id);
    expect(record.callbacks[0]).toMatchObject({ type: 8, data: { choices: [{ name: 'Ford and Xiaomi', value: 'ford-xiaomi' }] } });
  });

  it('GIVEN a message context menu THEN the target message text arrives', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendMessageCommand('Summarize message', { content: 'Ford sold more cars.' }, { locale: 'de' });
    const interaction = await received;
    if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context menu');
    expect(interaction.commandName).toBe('Summarize message');
    expect(interaction.targetMessage.content).toBe('Ford sold more cars.');
    await interaction.reply({ content: 'summary', flags: MessageFlags.Ephemeral });
    expect((await fake.waitForAnswer(sent.id)).original?.message.flags).toBe(MessageFlags.Ephemeral);
  });

  it('GIVEN a button on a bot message THEN the click arrives and update edits that message', async () => {
    const channel = client.channels.cache.get(fake.channel('general').id) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary));
    const posted = await channel.send({ content: 'page 1', components: [row] });
    const received = nextInteraction(client);
    const sent = fake.sendButton('page:2');
    const interaction = await received;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('page:2');
    expect(interaction.message.id).toBe(posted.id);
    await interaction.update({ content: 'page 2', components: [] });
    const record = await fake.waitForAnswer(sent.id);
    expect(record.callbacks[0]?.type).toBe(7);
    expect(fake.channelMessages(channel.id).find((p) => p.message.id === posted.id)?.message.content).toBe('page 2');
  });

  it('GIVEN a command in the bot DM THEN it arrives without guild, with user and DM channel', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendCommand('quote', { article: 'ford' }, { dm: true });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.user.id).toBe(fake.people.member.id);
    expect(interaction.channel?.type).toBe(ChannelType.DM);
    expect(interaction.context).toBe(InteractionContextType.BotDM);
    await interaction.reply({ content: 'dm reply' });
    expect((await fake.waitForAnswer(sent.id)).original?.message.channel_id).toBe(fake.dmChannel(fake.people.member.id).id);
  });

  it('GIVEN files and fetchReply THEN the multipart payload_json and files are recorded and GET @original answers', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendCommand('quote', { article: 'ford' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.reply({ content: 'see file', files: [{ attachment: Buffer.from('full text'), name: 'ford.txt' }] });
    const reply = await interaction.fetchReply();
    expect(reply.content).toBe('see file');
    const callback = fake.requests.find((r) => r.route === 'POST /interactions/:interactionId/:token/callback' && r.path.includes(sent.id));
    expect(callback?.body).toMatchObject({ type: 4, data: { content: 'see file' } });
    expect(callback?.files.map((f) => [f.filename, f.data.toString()])).toEqual([['ford.txt', 'full text']]);
    expect(fake.requests.some((r) => r.method === 'GET' && r.rawPath.endsWith('/messages/%40original'))).toBe(true);
  });

  it('GIVEN application and member fetches THEN GET /applications/@me and the member route answer', async () => {
    const application = await client.application!.fetch();
    expect(application.id).toBe(fake.applicationId);
    const me = await client.guilds.cache.get(fake.guild.id)!.members.fetchMe({ force: true });
    expect(me.id).toBe(fake.people.bot.id);
  });

  it('GIVEN a second reply to the same interaction THEN discord.js is refused and a violation is recorded', async () => {
    const received = nextInteraction(client);
    const sent = fake.sendCommand('quote', { article: 'ford' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
    await interaction.deferReply();
    // discord.js guards replied/deferred itself; go around it as a buggy router would.
    await expect(client.rest.post(`/interactions/${sent.id}/${sent.token}/callback`, { body: { type: 4, data: { content: 'x' } }, auth: false })).rejects.toThrow(
      /already been acknowledged/,
    );
    expect(fake.violations.map((v) => v.kind)).toEqual(['already_acknowledged']);
    fake.clearRecords();
  });
});
