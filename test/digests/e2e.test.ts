import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { startFakeDiscord, type FakeDiscord, type PostedMessage } from '../fakes/fake-discord.js';
import { answerText, startDigestBot, type DigestBot } from './bot-harness.js';
import { aClock, channelPosts, postedEmbeds, writeArticles } from './helpers.js';
import { aTempDir } from '../support/temp-dir.js';

const EPHEMERAL = 1 << 6;
const isEphemeral = (messages: PostedMessage[]) => messages.length > 0 && messages.every((m) => ((m.message.flags ?? 0) & EPHEMERAL) !== 0);

describe('/digest on a local Discord', () => {
  let discord: FakeDiscord;
  let herald: DigestBot;
  let seeds: { dir: string; cleanup: () => Promise<void> };
  let storeUrl: string;
  const clock = aClock('2026-01-15T06:00:00Z');

  beforeAll(async () => {
    seeds = await aTempDir();
    await writeArticles(seeds.dir, 4);
    storeUrl = `sqlite://${path.join(seeds.dir, 'store', 'herald.sqlite')}`;
    discord = await startFakeDiscord();
    herald = await startDigestBot(discord, { seedsDir: seeds.dir, storeUrl, clock });
  });

  afterAll(async () => {
    await herald?.stop();
    await discord?.close();
    await seeds?.cleanup();
  });

  afterEach(() => {
    discord.assertNoViolations();
    discord.clearRecords();
  });

  const admin = () => ({ userId: discord.people.admin.id });

  async function run(command: string, options: Record<string, string> = {}, context: { userId?: string; memberPermissions?: bigint } = admin()) {
    const interaction = discord.sendCommand(command, options, context);
    await herald.done(interaction.id);
    const messages = herald.messagesOf(interaction.id);
    return { interaction, messages, text: answerText(messages) };
  }

  it('GIVEN registration THEN /digest is guild-only and hidden from members without Manage Server', () => {
    const digest = discord.commands.list(discord.guild.id).find((c) => c.name === 'digest');
    expect(digest?.contexts).toEqual([0]);
    expect(digest?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    const subcommands = (digest?.options as { name: string }[] | undefined)?.map((o) => o.name);
    expect(subcommands).toEqual(['subscribe', 'list', 'remove', 'preview', 'run']);
  });

  it('GIVEN an admin subscribes THEN it is confirmed ephemerally, listed with its next run in Berlin time, and run posts embeds in the channel', async () => {
    const channel = discord.channel('general').id;
    const subscribed = await run('digest subscribe', { channel, time: '8am', timezone: 'Europe/Berlin', language: 'Deutsch', length: 'short' });
    expect(isEphemeral(subscribed.messages)).toBe(true);
    expect(subscribed.text).toContain('08:00 Europe/Berlin');
    const id = /`([0-9a-z]{6})`/.exec(subscribed.text)?.[1];
    expect(id).toBeDefined();

    const listed = await run('digest list');
    expect(listed.text).toContain(`${id} · 08:00 Europe/Berlin`);
    expect(listed.text).toContain('Next run: Thu, Jan 15, 2026, 08:00 GMT+1');
    expect(listed.text).toContain('Last run: none yet');

    const preview = await run('digest preview');
    expect(isEphemeral(preview.messages)).toBe(true);
    expect(preview.text).toContain('Headline number 4');
    expect(channelPosts(discord, channel)).toHaveLength(0);

    const ran = await run('digest run', { id: id ?? '' });
    expect(ran.text).toContain('posted 4 articles in 1 messages');
    const embeds = postedEmbeds(discord, channel);
    expect(embeds[0]?.title).toContain('Donnerstag, 15. Januar 2026');
    expect(embeds.slice(1).map((e) => e.title)).toEqual(['Headline number 4 about the city', 'Headline number 3 about the city', 'Headline number 2 about the city', 'Headline number 1 about the city']);
    expect(herald.model.calls.at(-1)?.messages.map((m) => m.content).join(' ')).toMatch(/German|de\b/);
    expect(discord.pings()).toEqual([]);

    const again = await run('digest run', { id: id ?? '' });
    expect(again.text).toContain('nothing new');
    expect(channelPosts(discord, channel)).toHaveLength(1);
    const listedAgain = await run('digest list');
    expect(listedAgain.text).toContain('nothing new, nothing posted');
  });

  it('GIVEN a plain member THEN every subcommand is refused and nothing is created', async () => {
    const before = (await herald.digests.list(discord.guild.id)).length;
    const refused = await run('digest subscribe', { channel: discord.channel('general').id, time: '09:00', timezone: 'UTC' }, { userId: discord.people.member.id });
    expect(refused.text).toContain('Manage Server');
    expect(isEphemeral(refused.messages)).toBe(true);
    const list = await run('digest list', {}, { userId: discord.people.member.id });
    expect(list.text).toContain('Manage Server');
    expect(await herald.digests.list(discord.guild.id)).toHaveLength(before);
  });

  it.each([
    [{ time: '25:00' }, /not a time of day/],
    [{ time: 'soon' }, /HH:MM/],
    [{ timezone: 'Berlin' }, /Did you mean Europe\/Berlin/],
    [{ timezone: 'Mars/Olympus' }, /not a time zone/],
    [{ language: 'Klingonish' }, /language/i],
  ])('GIVEN bad input %o THEN a clear ephemeral error and no subscription', async (bad, message) => {
    const before = (await herald.digests.list(discord.guild.id)).length;
    const answer = await run('digest subscribe', { channel: discord.channel('announcements').id, time: '07:00', timezone: 'UTC', ...bad });
    expect(answer.text).toMatch(message);
    expect(isEphemeral(answer.messages)).toBe(true);
    expect(await herald.digests.list(discord.guild.id)).toHaveLength(before);
  });

  it('GIVEN a channel where Herald lacks Send Messages and Embed Links THEN the error names both', async () => {
    const answer = await run('digest subscribe', { channel: discord.channel('read-only').id, time: '07:00', timezone: 'UTC' });
    expect(answer.text).toContain('Send Messages');
    expect(answer.text).toContain('Embed Links');
    expect(answer.text).not.toContain('View Channel');
  });

  it('GIVEN a voice channel THEN it is refused as not a text or announcement channel', async () => {
    const answer = await run('digest subscribe', { channel: discord.channel('lounge').id, time: '07:00', timezone: 'UTC' });
    expect(answer.text).toMatch(/text or announcement/);
  });

  it('GIVEN an unknown id THEN remove says so', async () => {
    const answer = await run('digest remove', { id: 'zzzzzz' });
    expect(answer.text).toMatch(/no digest subscription "zzzzzz"/);
  });

  it('GIVEN the timezone option is typed THEN autocomplete offers Europe/Berlin for "Berlin"', async () => {
    const interaction = discord.sendAutocomplete('digest subscribe', { channel: discord.channel('general').id, time: '08:00', timezone: 'Berlin' }, 'timezone', admin());
    const record = await discord.waitForInteraction(interaction.id);
    const choices = (record.callbacks[0]?.data as { choices?: { value: string }[] } | undefined)?.choices ?? [];
    expect(choices[0]?.value).toBe('Europe/Berlin');
  });

  it('GIVEN a restart THEN the subscription is still listed and fires at its next slot, posting each slot once', async () => {
    const channel = discord.channel('announcements').id;
    const subscribed = await run('digest subscribe', { channel, time: '09:30', timezone: 'America/New_York', language: 'en' });
    const id = /`([0-9a-z]{6})`/.exec(subscribed.text)?.[1] ?? '';
    await herald.stop();

    herald = await startDigestBot(discord, { seedsDir: seeds.dir, storeUrl, clock });
    const listed = await run('digest list');
    expect(listed.text).toContain(`${id} · 09:30 America/New_York`);
    expect(listed.text).toContain('Next run: Thu, Jan 15, 2026, 09:30 EST');

    clock.set('2026-01-15T14:30:00Z');
    await herald.digests.tick();
    const embeds = postedEmbeds(discord, channel);
    expect(embeds.filter((e) => e.footer?.text.startsWith('a'))).toHaveLength(4);
    expect(embeds[0]?.title).toContain('January 15, 2026');

    // another restart right after posting: nothing is posted again
    await herald.stop();
    herald = await startDigestBot(discord, { seedsDir: seeds.dir, storeUrl, clock });
    await herald.digests.tick();
    expect(channelPosts(discord, channel)).toHaveLength(1);

    const removed = await run('digest remove', { id });
    expect(removed.text).toContain(`Removed digest \`${id}\``);
  });

  it('GIVEN 25 subscriptions THEN the 26th is refused with the limit', async () => {
    const existing = (await herald.digests.list(discord.guild.id)).length;
    for (let i = existing; i < 25; i++) {
      await herald.digests.subscribe({ guildId: discord.guild.id, channelId: discord.channel('general').id, time: `10:${String(i).padStart(2, '0')}`, timezone: 'UTC', language: 'en', length: 'short', createdBy: 'x' });
    }
    const answer = await run('digest subscribe', { channel: discord.channel('general').id, time: '11:00', timezone: 'UTC' });
    expect(answer.text).toMatch(/25 digest subscriptions/);
    const listed = await run('digest list');
    expect(listed.text).toContain('Digests (25/25)');
  });
});
