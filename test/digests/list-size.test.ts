/** /digest list for a full server whose digests all paused with long reasons stays within Discord's limits. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord } from '../fakes/fake-discord.js';
import { answerText, useDigestBot, type DigestBot } from './bot-harness.js';
import { aClock } from './helpers.js';

describe('/digest list with 25 paused digests', () => {
  const clock = aClock('2026-01-15T06:00:00Z');
  const bot = useDigestBot({ articles: 2, clock });
  let discord: FakeDiscord;
  let herald: DigestBot;
  beforeAll(() => ({ discord, herald } = bot));

  it('GIVEN 25 digests that Discord refused (50013) THEN the list shows all 25 in English and German, split within the 6,000-character limit', async () => {
    const channel = discord.channel('general').id;
    for (let i = 0; i < 25; i++) {
      await herald.digests.subscribe({ guildId: discord.guild.id, channelId: channel, time: `10:${String(i).padStart(2, '0')}`, timezone: 'America/Argentina/Buenos_Aires', language: 'de', length: 'short', createdBy: 'x' });
    }
    discord.failChannel(channel, 50013);
    const results = await herald.digests.runNow(discord.guild.id);
    expect(results.every((r) => r.status === 'paused')).toBe(true);
    for (const locale of ['en-US', 'de']) {
      const interaction = discord.sendCommand('digest list', {}, { userId: discord.people.admin.id, locale });
      await herald.done(interaction.id);
      const messages = herald.messagesOf(interaction.id);
      expect(answerText(messages)).toContain('25/25');
      expect(messages.length).toBeGreaterThan(1);
      const fields = messages.flatMap((m) => ((m.message.embeds ?? []) as { fields?: unknown[] }[]).flatMap((e) => e.fields ?? []));
      expect(fields).toHaveLength(25);
    }
    discord.assertNoViolations();
  });
});
