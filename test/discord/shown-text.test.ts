/**
 * What Discord users see of odd articles and odd text: a headline-only article asked for quotes,
 * an article whose language could not be told, and text carrying invisible controls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedsOf, type HeraldInProcess, shownText, startHeraldInProcess } from '../support/herald-in-process.js';

const FLASH_HEADLINE = 'Breaking: the railway strike has ended after three weeks of talks';
// Fewer than 20 letters: no language can be told from this.
const SCORES = 'FCB 3:1 BVB (2:0), 45\' 67\' 89\'; 80.000.';

describe('Discord: headline-only quotes, undetermined language, invisible controls', () => {
  let herald: HeraldInProcess;

  beforeAll(async () => {
    herald = await startHeraldInProcess({
      seeds: {
        flash: { headline: FLASH_HEADLINE, paragraphs: [] },
        scores: { headline: 'FCB 3:1 BVB', paragraphs: [SCORES] },
        budget: { headline: 'City council approves budget', paragraphs: ['The city council approved the new budget on Tuesday. Taxes will not rise this year.'] },
      },
    });
  });

  afterAll(async () => {
    await herald?.stop();
  });

  it.each([
    ['en-US', 'This article is only a headline, so there is nothing to quote.'],
    ['de', 'Dieser Artikel besteht nur aus der Überschrift, es gibt also nichts zu zitieren.'],
  ])('GIVEN a headline-only article and /quote count:3 (%s) THEN it says the article is only a headline, without asking the model', async (locale, notice) => {
    const calls = herald.openai.callCount;
    const interaction = herald.discord.sendCommand('quote', { article: 'flash', count: 3 }, { locale });
    expect((await herald.done(interaction.id)).outcome).toBe('ok');
    const shown = shownText(herald.messagesOf(interaction.id));
    expect(shown).toContain(notice);
    expect(shown).not.toMatch(/0 of the 3|0 von 3|weniger zitierbare|fewer quotable/u);
    expect(herald.openai.callCount).toBe(calls);
  });

  it.each([
    ['en-US', 'language unknown'],
    ['de', 'Sprache unbekannt'],
  ])('GIVEN an article whose language is undetermined and a %s user THEN /articles and /quote say "%s", never "und" or "?"', async (locale, unknown) => {
    herald.openai.script(JSON.stringify([SCORES]));
    const quote = herald.discord.sendCommand('quote', { article: 'scores', count: 1 }, { locale });
    expect((await herald.done(quote.id)).outcome).toBe('ok');
    const footer = embedsOf(herald.messagesOf(quote.id)).at(-1)?.footer?.text ?? '';
    expect(footer).toContain(unknown);
    expect(footer).not.toMatch(/\bund\b|\?/u);

    const list = herald.discord.sendCommand('articles', { query: 'fcb' }, { locale });
    await herald.done(list.id);
    const description = embedsOf(herald.messagesOf(list.id))[0]?.description ?? '';
    expect(description).toContain(`\`scores\` · ${unknown}`);
    expect(description).not.toMatch(/\bund\b|· \? ·/u);
  });

  it('GIVEN "Summarize message" on text with bidi overrides and a bell THEN the model gets the text without them', async () => {
    herald.openai.script('Budget summary.');
    const content = 'The city council\u202E approved the budget\u2066 on Tuesday.\u0007 Taxes will not rise this year.';
    const interaction = herald.discord.sendMessageCommand('Summarize message', { content });
    expect((await herald.done(interaction.id)).outcome).toBe('ok');
    const sent = herald.openai.completions.at(-1)?.text ?? '';
    expect(sent).toContain('The city council approved the budget on Tuesday. Taxes will not rise this year.');
    for (const control of ['\u0007', '\u202E', '\u2066']) expect(sent).not.toContain(control);
  });

  it('GIVEN a DM with invisible controls between the words THEN it is understood as if they were not there', async () => {
    const dm = herald.discord.sendDirectMessage('quotes\u2066 bud\u202Eget\u0007 1');
    herald.openai.script(JSON.stringify(['The city council approved the new budget on Tuesday.']));
    await herald.done(dm.message.id);
    const answer = herald.discord.channelMessages(dm.message.channel_id).filter((m) => m.message.author.id === herald.discord.people.bot.id);
    expect(embedsOf(answer)[0]?.title).toBe('City council approves budget');
    expect(shownText(answer)).toContain('The city council approved the new budget on Tuesday.');
  });
});
