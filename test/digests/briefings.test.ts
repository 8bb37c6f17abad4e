import { beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, type PostedMessage } from '../fakes/fake-discord.js';
import { answerText, useDigestBot, type DigestBot } from './bot-harness.js';
import { aClock, channelPosts, postedEmbeds, writeArticles } from './helpers.js';

const EPHEMERAL = 1 << 6;
const isEphemeral = (messages: PostedMessage[]) => messages.length > 0 && messages.every((m) => ((m.message.flags ?? 0) & EPHEMERAL) !== 0);

/**
 * Personal briefings (issue 15 item 4): every member's own daily digest by DM, through the fake
 * Discord and the real wiring (herald.ts), scheduled by the same scheduler as channel digests.
 */
describe('/briefing on a local Discord', () => {
  const clock = aClock('2026-01-15T06:00:00Z');
  const bot = useDigestBot({ articles: 3, clock });
  let discord: FakeDiscord;
  let herald: DigestBot;
  beforeAll(() => ({ discord, herald } = bot));

  async function run(command: string, options: Record<string, string> = {}, context: { userId?: string; dm?: boolean; locale?: string } = {}) {
    const interaction = discord.sendCommand(command, options, { userId: discord.people.member.id, ...context });
    await herald.done(interaction.id);
    const messages = herald.messagesOf(interaction.id);
    return { messages, text: answerText(messages) };
  }

  const idIn = (text: string) => /`([0-9a-z]{6})`/.exec(text)?.[1] ?? '';
  const dmOf = (userId: string) => discord.dmChannel(userId).id;

  it('GIVEN registration THEN /briefing is open to every member, in servers and DMs', () => {
    const briefing = discord.commands.list(discord.guild.id).find((c) => c.name === 'briefing');
    expect(briefing?.default_member_permissions ?? null).toBeNull();
    expect(briefing?.contexts).toEqual([0, 1, 2]);
    expect((briefing?.options as { name: string }[] | undefined)?.map((o) => o.name)).toEqual(['subscribe', 'list', 'remove']);
  });

  it('GIVEN /help in German THEN /briefing is explained with an example', async () => {
    const help = await run('help', {}, { locale: 'de' });
    expect(help.text).toContain('/briefing subscribe time:7am');
    expect(help.text).toContain('Direktnachricht');
  });

  it('GIVEN three members with the same settings and one in German THEN each gets one DM at their slot and the model writes one generation per (language, length)', async () => {
    const members = ['700000000000000001', '700000000000000002', '700000000000000003'];
    const ids = new Map<string, string>();
    for (const userId of members) {
      const answer = await run('briefing subscribe', { time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'short' }, { userId });
      expect(isEphemeral(answer.messages)).toBe(true);
      expect(answer.text).toContain('08:00 Europe/Berlin');
      ids.set(userId, idIn(answer.text));
    }
    const german = discord.people.member.id;
    const de = await run('briefing subscribe', { time: '08:00', timezone: 'Europe/Berlin', language: 'Deutsch' }, { dm: true, locale: 'de' });
    expect(de.text).toContain('Europe/Berlin');
    const listed = await run('briefing list', {}, { dm: true, locale: 'de' });
    expect(listed.text).toContain(idIn(de.text));

    const callsBefore = herald.model.calls.length;
    clock.set('2026-01-15T07:00:30Z');
    const report = await herald.digests.tick();
    expect(report.outcomes.posted).toBe(4);
    for (const userId of [...members, german]) {
      const embeds = postedEmbeds(discord, dmOf(userId));
      expect(embeds.slice(1).map((e) => e.title)).toEqual(['Headline number 3 about the city', 'Headline number 2 about the city', 'Headline number 1 about the city']);
    }
    expect(postedEmbeds(discord, dmOf(german))[0]?.title).toContain('Donnerstag, 15. Januar 2026');
    // One generation for the three English members, one for the German one.
    expect(herald.model.calls.length - callsBefore).toBe(2);

    // The same slot again (a second tick in the same minute, a restart): nothing is posted twice.
    await herald.digests.tick();
    for (const userId of members) expect(channelPosts(discord, dmOf(userId))).toHaveLength(1);
    for (const userId of members) {
      const removed = await run('briefing remove', { id: ids.get(userId) ?? '' }, { userId });
      expect(removed.text).toContain('Removed');
    }
    await run('briefing remove', { id: idIn(de.text) }, { dm: true });
  });

  it('GIVEN a member whose DMs are closed (50007) THEN the briefing pauses, and their next use of Herald brings one notice in the briefing language', async () => {
    const userId = '700000000000000009';
    const subscribed = await run('briefing subscribe', { time: '09:00', timezone: 'UTC', language: 'de' }, { userId });
    const id = idIn(subscribed.text);
    discord.injectFault({ method: 'POST', path: `/channels/${dmOf(userId)}/messages` }, { kind: 'discordError', code: 50007 }, Infinity);
    clock.set('2026-01-15T09:00:30Z');
    const report = await herald.digests.tick();
    expect(report.outcomes.paused).toBe(1);

    const next = await run('articles', {}, { userId });
    const notice = next.messages.map((m) => m.message.content ?? '').join('\n');
    expect(notice).toContain('Direktnachrichten');
    expect(notice).toContain(id);
    const again = await run('articles', {}, { userId });
    expect(again.messages.map((m) => m.message.content ?? '').join('\n')).not.toContain('Direktnachrichten');

    // Paused, not retried: the next day's slot posts nothing and does not hit Discord again.
    clock.set('2026-01-16T09:00:30Z');
    expect((await herald.digests.tick()).outcomes.posted ?? 0).toBe(0);
    const listed = await run('briefing list', {}, { userId });
    expect(listed.text).toMatch(/paused|pausiert/i);

    // Subscribing again with the same settings once DMs are open resumes it (no duplicate).
    discord.faults.clear();
    const resumed = await run('briefing subscribe', { time: '09:00', timezone: 'UTC', language: 'de' }, { userId });
    expect(idIn(resumed.text)).toBe(id);
    clock.set('2026-01-17T09:00:30Z');
    await writeArticles(bot.seedsDir, 1, { from: 4 });
    await herald.articles.refresh();
    expect((await herald.digests.tick()).outcomes.posted).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(1);
    await run('briefing remove', { id }, { userId });
  });

  it('GIVEN Discord answers 429 to the DM post THEN the briefing is delivered after the wait, once', async () => {
    const userId = '700000000000000010';
    const subscribed = await run('briefing subscribe', { time: '10:00', timezone: 'UTC' }, { userId });
    discord.injectFault({ method: 'POST', path: `/channels/${dmOf(userId)}/messages` }, { kind: 'rateLimit', retryAfterMs: 200 });
    clock.set('2026-01-18T10:00:30Z');
    expect((await herald.digests.tick()).outcomes.posted).toBe(1);
    expect(channelPosts(discord, dmOf(userId))).toHaveLength(1);
    await run('briefing remove', { id: idIn(subscribed.text) }, { userId });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, /not a time zone/],
    [{ timezone: 'Berlin' }, /Did you mean Europe\/Berlin/],
    [{ time: '25:00' }, /not a time of day/],
  ])('GIVEN bad input %o THEN a clear ephemeral error and no briefing', async (bad, message) => {
    const answer = await run('briefing subscribe', { time: '07:00', timezone: 'UTC', ...bad }, { userId: '700000000000000011' });
    expect(answer.text).toMatch(message);
    expect(isEphemeral(answer.messages)).toBe(true);
    const listed = await run('briefing list', {}, { userId: '700000000000000011' });
    expect(listed.text).toMatch(/no personal briefing/i);
  });

  it('GIVEN a member removes another member’s briefing id THEN it is not found and stays', async () => {
    const owner = '700000000000000012';
    const subscribed = await run('briefing subscribe', { time: '07:00', timezone: 'UTC' }, { userId: owner });
    const id = idIn(subscribed.text);
    const refused = await run('briefing remove', { id }, { userId: '700000000000000013' });
    expect(refused.text).toMatch(/no personal briefing/i);
    expect((await run('briefing list', {}, { userId: owner })).text).toContain(id);
    await run('briefing remove', { id }, { userId: owner });
  });
});
