import { beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord } from '../fakes/fake-discord.js';
import { answerText, useDigestBot, type DigestBot } from './bot-harness.js';
import { aClock, channelPosts } from './helpers.js';

const MEMBER_ROUTE = 'GET /guilds/:guildId/members/:userId';

/**
 * A briefing subscribed in a guild reads that guild's private feeds: it is sent only while the member
 * is still in the guild and Herald is too (issue 15 item 4, review). Through the fake Discord and
 * the real wiring (herald.ts).
 */
describe('guild briefings follow membership', () => {
  // The clock only moves forward across the tests: each sets a later slot.
  const clock = aClock('2026-01-15T06:00:00Z');
  const bot = useDigestBot({ articles: 3, clock });
  let discord: FakeDiscord;
  let herald: DigestBot;
  beforeAll(() => ({ discord, herald } = bot));

  async function run(command: string, options: Record<string, string> = {}, context: { userId?: string; dm?: boolean; locale?: string; guildId?: string } = {}) {
    const interaction = discord.sendCommand(command, options, { userId: discord.people.member.id, ...context });
    await herald.done(interaction.id);
    return answerText(herald.messagesOf(interaction.id));
  }

  const idIn = (text: string) => /`([0-9a-z]{6})`/.exec(text)?.[1] ?? '';
  const dmOf = (userId: string) => discord.dmChannel(userId).id;
  const memberChecks = () => discord.requestsTo(MEMBER_ROUTE).length;

  it('GIVEN a member still in the guild with two briefings due in one slot THEN both are delivered after one membership check', async () => {
    const userId = '700000000000000101';
    const short = idIn(await run('briefing subscribe', { time: '07:00', timezone: 'UTC', length: 'short' }, { userId }));
    const long = idIn(await run('briefing subscribe', { time: '07:00', timezone: 'UTC', length: 'long' }, { userId }));
    clock.set('2026-01-15T07:00:30Z');
    expect((await herald.digests.tick()).outcomes.posted).toBe(2);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(2);
    expect(memberChecks()).toBe(1);
    for (const id of [short, long]) await run('briefing remove', { id }, { userId });
  });

  it('GIVEN the member left the guild (10007) THEN nothing is sent, the briefing is paused, and /briefing list says why in English and German', async () => {
    const userId = '700000000000000102';
    const id = idIn(await run('briefing subscribe', { time: '08:00', timezone: 'UTC' }, { userId }));
    discord.removeMember(discord.guild.id, userId);
    clock.set('2026-01-15T08:00:30Z');
    const report = await herald.digests.tick();
    expect(report.outcomes.paused).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(0);

    // Their next use of Herald says why, once: not the DMs-closed advice, which would not help.
    const notice = await run('articles', {}, { userId, dm: true });
    expect(notice).toContain(`you are no longer a member of ${discord.guild.name}`);
    expect(notice).not.toContain('direct messages');

    const english = await run('briefing list', {}, { userId, dm: true });
    expect(english).toContain(id);
    expect(english).toContain(`you are no longer a member of ${discord.guild.name}`);
    expect(english).toContain('/briefing remove');
    const german = await run('briefing list', {}, { userId, dm: true, locale: 'de' });
    expect(german).toContain(`du bist nicht mehr Mitglied von ${discord.guild.name}`);

    // Paused: the next day neither checks nor sends.
    clock.set('2026-01-16T08:00:30Z');
    await herald.digests.tick();
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(0);
    expect(memberChecks()).toBe(1);

    // Back in the server, the same settings resume the same briefing.
    const again = await run('briefing subscribe', { time: '08:00', timezone: 'UTC' }, { userId });
    expect(idIn(again)).toBe(id);
    clock.set('2026-01-17T08:00:30Z');
    expect((await herald.digests.tick()).outcomes.posted).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(1);
    await run('briefing remove', { id }, { userId, dm: true });
  });

  it('GIVEN Herald was removed from the guild (10004) THEN the briefing is paused and nothing is sent', async () => {
    const userId = '700000000000000103';
    const other = discord.addGuild({ name: 'Gone Guild' });
    await discord.waitFor(() => herald.bot.client.guilds.cache.has(other.id), 'the new guild in the client cache');
    const id = idIn(await run('briefing subscribe', { time: '09:00', timezone: 'UTC' }, { userId, guildId: other.id }));
    discord.removeGuild(other.id);
    clock.set('2026-01-18T09:00:30Z');
    expect((await herald.digests.tick()).outcomes.paused).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(0);
    const listed = await run('briefing list', {}, { userId, dm: true });
    expect(listed).toMatch(/Herald is no longer in (that server|Gone Guild)/);
    await run('briefing remove', { id }, { userId, dm: true });
  });

  it('GIVEN the membership check fails with 500 THEN nothing is sent now, and the retry delivers once the check passes', async () => {
    const userId = '700000000000000104';
    const id = idIn(await run('briefing subscribe', { time: '10:00', timezone: 'UTC' }, { userId }));
    discord.injectFault({ method: 'GET', path: `/guilds/${discord.guild.id}/members/${userId}` }, { kind: 'serverError', status: 500 }, Infinity);
    clock.set('2026-01-18T10:00:30Z');
    expect((await herald.digests.tick()).outcomes.retrying).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(0);

    discord.faults.clear();
    clock.set('2026-01-18T10:02:00Z');
    expect((await herald.digests.tick()).outcomes.posted).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(1);
    await run('briefing remove', { id }, { userId });
  });

  it('GIVEN a server named with markup THEN the pause reason shows the name as plain text, never a link', async () => {
    const userId = '700000000000000106';
    const hostile = discord.addGuild({ name: '[Free nitro](https://evil.example) **now**' });
    await discord.waitFor(() => herald.bot.client.guilds.cache.has(hostile.id), 'the new guild in the client cache');
    const id = idIn(await run('briefing subscribe', { time: '12:00', timezone: 'UTC' }, { userId, guildId: hostile.id }));
    discord.removeMember(hostile.id, userId);
    clock.set('2026-01-18T12:00:30Z');
    expect((await herald.digests.tick()).outcomes.paused).toBe(1);
    const listed = await run('briefing list', {}, { userId, dm: true });
    expect(listed).toContain('you are no longer a member of \\[Free nitro](https\\://evil.example) \\*\\*now\\*\\*');
    expect(listed).not.toContain('](https://');
    await run('briefing remove', { id }, { userId, dm: true });
  });

  it('GIVEN a briefing subscribed in DMs (seeds and operator feeds) THEN it is delivered without a membership check', async () => {
    const userId = '700000000000000105';
    const id = idIn(await run('briefing subscribe', { time: '11:00', timezone: 'UTC' }, { userId, dm: true }));
    clock.set('2026-01-19T11:00:30Z');
    expect((await herald.digests.tick()).outcomes.posted).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(1);
    expect(memberChecks()).toBe(0);
    await run('briefing remove', { id }, { userId, dm: true });
  });
});
