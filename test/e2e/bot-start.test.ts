/**
 * Bot mode as a host runs it: `node --import tsx src/index.ts` with environment variables only,
 * against a fake Discord and a fake OpenAI-compatible model, with a SQLite store on disk.
 */
import { describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import {
  botMessagesIn,
  httpGet,
  metricValue,
  shownText,
  spawnHeraldBot,
  stopGracefully,
  waitForFinalAnswer,
  waitForHealth,
  type HeraldProcess,
} from '../support/herald-process.js';

/** The German article's headline as the model translates it for an English summary. */
const HEADLINE = "Ford held talks with China's Xiaomi about an EV partnership";
const TITLED = (summary: string) => `<headline>${HEADLINE}</headline>\n\n${summary}`;
const SLASH_SUMMARY = 'Ford and Xiaomi discussed an electric-vehicle partnership, Reuters reported.';
const DM_SUMMARY = 'Ford talked to Xiaomi about building electric cars together.';
const EXPECTED_COMMANDS = ['articles', 'ask', 'briefing', 'digest', 'feed', 'help', 'quote', 'summarize', 'Summarize message', 'translate', 'Translate message'];

describe('bot mode, started and restarted as a host would', () => {
  const world = useBotWorld({ env: ({ work }) => ({ STORE_URL: work.sqlite() }) });
  let herald: HeraldProcess;
  let commandWritesAfterFirstStart = 0;

  it('GIVEN DISCORD_TOKEN, DISCORD_API_URL and DISCORD_GUILD_ID THEN it connects and registers every command in that guild only', async () => {
    const { discord, work, env } = world;
    herald = await spawnHeraldBot(env, work.dir);
    const inGuild = discord.commands.list(discord.guild.id).map((c) => c.name).sort();
    expect(inGuild).toEqual([...EXPECTED_COMMANDS].sort());
    expect(discord.commands.list()).toEqual([]);
    commandWritesAfterFirstStart = discord.commandWrites().length;
    expect(commandWritesAfterFirstStart).toBeGreaterThan(0);
    expect(discord.commandWrites().every((r) => r.path.includes(`/guilds/${discord.guild.id}/commands`))).toBe(true);
  });

  it('GIVEN /summarize of the German article in English THEN the user gets an embed with the English headline and the model\'s text, from one call', async () => {
    const { discord, openai } = world;
    openai.script(TITLED(SLASH_SUMMARY));
    const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes(SLASH_SUMMARY));
    expect(shownText(answer)).toContain(HEADLINE);
    expect(shownText(answer)).toContain('fresh');
    expect(openai.callCount).toBe(1);
    expect(openai.completions[0]?.text).toContain('English');
    expect(discord.pings()).toEqual([]);
    discord.assertNoViolations();
  });

  it('GIVEN a DM "summarize ford in english" THEN the answer arrives in that DM channel', async () => {
    const { discord, openai } = world;
    openai.script(TITLED(DM_SUMMARY));
    const dm = discord.sendDirectMessage('summarize ford in english');
    const channelId = dm.message.channel_id;
    const answer = await discord.waitFor(
      () => (shownText(botMessagesIn(discord, channelId)).includes(DM_SUMMARY) ? botMessagesIn(discord, channelId) : undefined),
      'the DM answer',
    );
    expect(answer).toHaveLength(1);
    expect(shownText(answer)).toContain(HEADLINE);
    expect(openai.callCount).toBe(2);
    discord.assertNoViolations();
  });

  it('GIVEN HEALTH_PORT THEN /healthz is 200 and /metrics counts the answered interactions by command', async () => {
    const { healthPort } = world;
    await waitForHealth(healthPort, 200);
    const health = await httpGet(healthPort, '/healthz');
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', checks: { gateway: 'ok', store: 'ok' } });
    const metrics = await httpGet(healthPort, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('herald_interactions_total');
    expect(metricValue(metrics.body, 'herald_interactions_total', { command: 'summarize', outcome: 'ok' })).toBe(1);
    expect(metricValue(metrics.body, 'herald_interactions_total', { command: 'dm:summarize', outcome: 'ok' })).toBe(1);
  });

  it('GIVEN a restart on the same SQLite store THEN no command is rewritten and the same /summarize comes from the cache', async () => {
    const { discord, openai, work, healthPort, env } = world;
    const stopped = await stopGracefully(herald);
    expect(stopped).toEqual({ code: 0, signal: null });
    const callsBefore = openai.callCount;

    herald = await spawnHeraldBot(env, work.dir);
    expect(discord.commandWrites()).toHaveLength(commandWritesAfterFirstStart);
    expect(discord.commands.list(discord.guild.id).map((c) => c.name).sort()).toEqual([...EXPECTED_COMMANDS].sort());

    const interaction = discord.sendCommand('summarize', { article: 'ford', length: 'short' });
    const answer = await waitForFinalAnswer(discord, interaction.id, (m) => shownText(m).includes(SLASH_SUMMARY));
    expect(shownText(answer)).toContain('cached');
    expect(openai.callCount).toBe(callsBefore);
    discord.assertNoViolations();

    const metrics = await httpGet(healthPort, '/metrics');
    expect(metricValue(metrics.body, 'herald_cache_requests_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(await stopGracefully(herald)).toEqual({ code: 0, signal: null });
  });
});
