/**
 * Edges of the Discord layer found in review: forwarded and Components V2 messages in the message
 * menus, emoji-only messages in German, markdown in headlines, one-letter autocomplete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMessage } from '../fakes/discord-payloads.js';
import { reply } from '../fakes/fake-openai.js';
import { embedsOf, type HeraldInProcess, shownText, startHeraldInProcess } from '../support/herald-in-process.js';

const MD_HEADLINE = '**Breaking** markets ||rally|| as `bonds` fall';

describe('Discord edges', () => {
  let herald: HeraldInProcess;

  beforeAll(async () => {
    herald = await startHeraldInProcess({
      seeds: {
        md: { headline: MD_HEADLINE, paragraphs: ['The markets moved a lot today. Traders were surprised by it.'] },
        'ford-xiaomi': { headline: 'Ford talks with Xiaomi', paragraphs: ['Ford talked to Xiaomi. Nothing was agreed.'] },
      },
    });
  });

  afterAll(async () => {
    await herald?.stop();
  });

  it('GIVEN a forwarded message (its text only in message_snapshots) THEN "Summarize message" summarizes that text', async () => {
    herald.openai.script('Forwarded summary.');
    const channel = herald.discord.channel('general');
    const forwarded = aMessage(channel, herald.discord.people.admin, {
      content: '',
      message_reference: { type: 1, channel_id: channel.id, message_id: '1', guild_id: herald.discord.guild.id },
      message_snapshots: [
        { message: { type: 0, content: 'The city council approved the new budget on Monday. Taxes will not rise this year.', embeds: [], attachments: [], timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, mentions: [], mention_roles: [] } },
      ],
    });
    const interaction = herald.discord.sendMessageCommand('Summarize message', forwarded);
    expect((await herald.done(interaction.id)).outcome).toBe('ok');
    expect(herald.openai.completions.at(-1)?.text).toContain('Taxes will not rise this year.');
    expect(shownText(herald.messagesOf(interaction.id))).toContain('Forwarded summary.');
  });

  it('GIVEN a Components V2 message (its text in a Text Display inside a container) THEN "Summarize message" summarizes it', async () => {
    herald.openai.script('Harbour summary.');
    const channel = herald.discord.channel('general');
    const cv2 = aMessage(channel, herald.discord.people.admin, {
      content: '',
      flags: 1 << 15,
      components: [{ type: 17, components: [{ type: 10, content: '## Weekly news\nThe harbour reopened after repairs. Ferries run again from Friday.' }] }],
    });
    const interaction = herald.discord.sendMessageCommand('Summarize message', cv2);
    expect((await herald.done(interaction.id)).outcome).toBe('ok');
    expect(herald.openai.completions.at(-1)?.text).toContain('Ferries run again from Friday.');
  });

  it('GIVEN a German user and a message of only emoji THEN the refusal is German and no model is asked', async () => {
    const calls = herald.openai.callCount;
    const interaction = herald.discord.sendMessageCommand('Translate message', { content: '👍🎉🔥' }, { locale: 'de' });
    await herald.done(interaction.id);
    expect(shownText(herald.messagesOf(interaction.id))).toContain('Diese Nachricht enthält keinen Text');
    expect(herald.openai.callCount).toBe(calls);
  });

  it('GIVEN a headline with markdown THEN /articles shows it literally: bold intact, no spoiler, no code span', async () => {
    const interaction = herald.discord.sendCommand('articles');
    await herald.done(interaction.id);
    const description = embedsOf(herald.messagesOf(interaction.id))[0]?.description ?? '';
    expect(description).toContain('**\\*\\*Breaking\\*\\* markets \\|\\|rally\\|\\| as \\`bonds\\` fall**');
  });

  it('GIVEN one typed letter THEN article autocomplete offers the articles whose id or headline word starts with it', async () => {
    const one = herald.discord.sendAutocomplete('summarize', { article: 'f' }, 'article');
    const record = await herald.discord.waitForInteraction(one.id);
    const choices = (record.callbacks[0]?.data?.choices ?? []) as { name: string; value: string }[];
    // "Ford talks…" by its id and first word; the markdown headline by its last word, "fall".
    expect(choices.map((choice) => choice.value).sort()).toEqual(['ford-xiaomi', 'md']);
    const none = herald.discord.sendAutocomplete('summarize', { article: 'z' }, 'article');
    const nothing = await herald.discord.waitForInteraction(none.id);
    expect(nothing.callbacks[0]?.data?.choices).toEqual([]);
  });
});

describe('an answer that outlives the interaction token', () => {
  let herald: HeraldInProcess;

  beforeAll(async () => {
    // 15 minutes are too long for a test: the note comes after 2 s here instead of 14 min.
    herald = await startHeraldInProcess({ bot: { responder: { deferAfterMs: 300, tokenNoticeAfterMs: 2_000 } } });
  });

  afterAll(async () => {
    await herald?.stop();
  });

  it('GIVEN work still running when the token is about to expire THEN the reply says so instead of staying "thinking…", and asking again is answered from the cache', async () => {
    herald.openai.script(reply.text('<headline>Ford held talks with Xiaomi</headline>\n\nA very slow summary.', { delayMs: 3_500 }));
    const slow = herald.discord.sendCommand('summarize', { article: 'ford', length: 'long' });
    await herald.done(slow.id, 10_000);
    const [message] = herald.messagesOf(slow.id);
    expect(shownText([message!])).toContain('taking longer than Discord lets me answer');
    expect(shownText([message!])).not.toContain('A very slow summary.');

    const again = herald.discord.sendCommand('summarize', { article: 'ford', length: 'long' });
    await herald.done(again.id);
    expect(shownText(herald.messagesOf(again.id))).toContain('A very slow summary.');
    expect(herald.openai.callCount).toBe(1);
  });
});
