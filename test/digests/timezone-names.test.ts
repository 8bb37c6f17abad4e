/**
 * Time zones are shown as IANA names today (Asia/Kolkata, Europe/Kyiv, Asia/Ho_Chi_Minh), not
 * the legacy spellings this runtime's ICU prefers (Asia/Calcutta, Europe/Kiev, Asia/Saigon): in
 * the /digest subscribe answer, /digest list, the id and time zone autocomplete, and /digest remove.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionStore } from '../../src/digests/subscriptions.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { answerText, startDigestBot, type DigestBot } from './bot-harness.js';
import { aClock, writeArticles } from './helpers.js';
import { aTempDir } from '../support/temp-dir.js';

const LEGACY = /Asia\/Calcutta|Europe\/Kiev\b|Asia\/Saigon/;

describe('time zone names on a local Discord', () => {
  let discord: FakeDiscord;
  let herald: DigestBot;
  let seeds: { dir: string; cleanup: () => Promise<void> };
  let storeUrl: string;

  beforeAll(async () => {
    seeds = await aTempDir();
    await writeArticles(seeds.dir, 2);
    storeUrl = `sqlite://${path.join(seeds.dir, 'store', 'herald.sqlite')}`;
    discord = await startFakeDiscord();
    herald = await startDigestBot(discord, { seedsDir: seeds.dir, storeUrl, clock: aClock('2026-01-15T06:00:00Z') });
  });

  afterAll(async () => {
    await herald?.stop();
    await discord?.close();
    await seeds?.cleanup();
  });

  async function run(command: string, options: Record<string, string> = {}) {
    const interaction = discord.sendCommand(command, options, { userId: discord.people.admin.id });
    await herald.done(interaction.id);
    return answerText(herald.messagesOf(interaction.id));
  }

  async function choices(command: string, options: Record<string, string>, focused: string): Promise<{ name: string; value: string }[]> {
    const interaction = discord.sendAutocomplete(command, options, focused, { userId: discord.people.admin.id });
    const record = await discord.waitForInteraction(interaction.id);
    return (record.callbacks[0]?.data?.choices ?? []) as { name: string; value: string }[];
  }

  it('GIVEN subscriptions made with Asia/Kolkata, Europe/Kyiv and Asia/Saigon THEN the answers and /digest list show Asia/Kolkata, Europe/Kyiv and Asia/Ho_Chi_Minh', async () => {
    const channel = discord.channel('general').id;
    const answers = [];
    for (const [time, timezone] of [['07:00', 'Asia/Kolkata'], ['08:00', 'Europe/Kyiv'], ['09:00', 'Asia/Saigon']] as const) {
      answers.push(await run('digest subscribe', { channel, time, timezone, language: 'en', length: 'short' }));
    }
    expect(answers[0]).toContain('07:00 Asia/Kolkata');
    expect(answers[1]).toContain('08:00 Europe/Kyiv');
    expect(answers[2]).toContain('09:00 Asia/Ho_Chi_Minh');
    const listed = await run('digest list');
    expect(listed).toMatch(/· 07:00 Asia\/Kolkata/);
    expect(listed).toMatch(/· 08:00 Europe\/Kyiv/);
    expect(listed).toMatch(/· 09:00 Asia\/Ho_Chi_Minh/);
    expect(`${answers.join('\n')}\n${listed}`).not.toMatch(LEGACY);
  });

  it('GIVEN the id autocomplete of /digest remove THEN the choices name IANA zones', async () => {
    const offered = await choices('digest remove', { id: '' }, 'id');
    const names = offered.map((choice) => choice.name).join('\n');
    expect(names).toContain('Asia/Kolkata');
    expect(names).toContain('Europe/Kyiv');
    expect(names).toContain('Asia/Ho_Chi_Minh');
    expect(names).not.toMatch(LEGACY);
  });

  it.each([
    ['kolkata', 'Asia/Kolkata'],
    ['calcutta', 'Asia/Kolkata'],
    ['kyiv', 'Europe/Kyiv'],
    ['saigon', 'Asia/Ho_Chi_Minh'],
  ])('GIVEN "%s" typed into the time zone option THEN %s is offered first, by name and value', async (typed, zone) => {
    const offered = await choices('digest subscribe', { channel: discord.channel('general').id, time: '08:00', timezone: typed }, 'timezone');
    expect(offered[0]).toEqual({ name: zone, value: zone });
    expect(offered.map((choice) => choice.value).join('\n')).not.toMatch(LEGACY);
  });

  it('GIVEN a record stored before with the ICU spelling THEN list and remove show the IANA name', async () => {
    const keyv = createKeyv(storeUrl, { namespace: 'digests', logger: silentLogger });
    try {
      const store = new SubscriptionStore(keyv, { logger: silentLogger });
      const channel = discord.channel('general').id;
      const old = await store.create(
        { guildId: discord.guild.id, channelId: channel, time: '10:00', timezone: 'Asia/Calcutta', language: 'en', length: 'short', createdBy: discord.people.admin.id },
        Date.parse('2026-01-01T00:00:00Z'),
      );
      const listed = await run('digest list');
      expect(listed).toContain(`${old.id} · 10:00 Asia/Kolkata`);
      const removed = await run('digest remove', { id: old.id });
      expect(removed).toContain('Asia/Kolkata');
      expect(`${listed}\n${removed}`).not.toMatch(LEGACY);
    } finally {
      await keyv.disconnect();
    }
  });
});
