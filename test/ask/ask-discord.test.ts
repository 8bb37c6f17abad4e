import { describe, expect, it } from 'vitest';
import { embedsOf, shownText, useHeraldInProcess } from '../support/herald-in-process.js';
import type { PostedMessage } from '../fakes/fake-discord.js';
import { reply } from '../fakes/fake-openai.js';
import { markdownLeaks, unescapeMarkdown } from '../discord/markdown-leaks.js';
import { cooldownError } from '../../src/ops/cooldown.js';
import { ASK_SEEDS, FABRICATED, modelAnswer, SOLAR_GERMANY, SOLAR_PRICES } from './fixtures.js';

const EPHEMERAL = 1 << 6;

describe('/ask with a language model (fake OpenAI)', () => {
  const herald = useHeraldInProcess({ seeds: ASK_SEEDS });

  async function ask(options: Record<string, string>, locale?: string) {
    const interaction = herald.discord.sendCommand('ask', options, locale ? { locale } : {});
    await herald.done(interaction.id);
    return herald.messagesOf(interaction.id);
  }

  it('GIVEN the model cites a sentence that is in no article THEN that citation and the statement it alone supports are dropped, and the answer says so', async () => {
    herald.openai.script(
      modelAnswer([
        { statement: 'Panel prices have fallen so far that some European factories lose money.', quotes: [{ text: SOLAR_PRICES }] },
        { statement: 'Every household gets free panels by 2030.', quotes: [{ text: FABRICATED }] },
      ]),
    );
    const messages = await ask({ question: 'What did manufacturers say about panel prices?' });
    const shown = shownText(messages);
    expect(shown).toContain('Panel prices have fallen so far');
    expect(shown).toContain('Manufacturers warned that prices for panels have fallen');
    expect(shown).not.toContain('free panels');
    expect(shown).not.toContain('European Commission');
    expect(shown).toContain('Some citations were not in the articles');
    // The passages went to the model inside the data delimiters.
    const sent = herald.openai.completions[0]?.text ?? '';
    expect(sent).toContain('<article id="solar-boom">');
    expect(sent).toContain('<question>What did manufacturers say about panel prices?</question>');
    expect(embedsOf(messages).at(-1)?.footer?.text).toContain('solar-boom');
  });

  it('GIVEN a model statement and a question full of markdown, links and mentions THEN they show as plain text and ping nobody', async () => {
    const hostile = 'Prices **fell** — see [here](https://evil.example/x) <@123> ||spoiler|| `code` @everyone';
    herald.openai.script(modelAnswer([{ statement: hostile, quotes: [SOLAR_PRICES] }]));
    const messages = await ask({ question: 'What did **manufacturers** say about [prices](https://evil.example)?' });
    const description = embedsOf(messages)[0]?.description ?? '';
    const statementLine = description.split('\n').find((line) => line.includes('Prices')) ?? '';
    expect(markdownLeaks(statementLine)).toEqual([]);
    expect(unescapeMarkdown(statementLine)).toContain(hostile);
    expect(markdownLeaks(embedsOf(messages)[0]?.title ?? '')).toEqual([]);
    expect(herald.discord.pings()).toEqual([]);
  });

  it('GIVEN a question no article mentions THEN it is refused without asking the model, never answered from its memory', async () => {
    const messages = await ask({ question: 'What did Apple announce about the iPhone camera?' });
    expect(shownText(messages)).toContain('I found nothing in the articles that answers');
    expect(herald.openai.callCount).toBe(0);
    expect(((messages[0]?.message.flags ?? 0) & EPHEMERAL) === 0).toBe(true);
  });

  it('GIVEN the model finds no answer in the passages THEN the asker gets the refusal', async () => {
    herald.openai.script(modelAnswer([]));
    const messages = await ask({ question: 'How many jobs did the panel factories create?', article: 'solar-boom' });
    expect(shownText(messages)).toContain('I found nothing in the articles that answers');
    expect(herald.openai.callCount).toBe(1);
  });

  it('GIVEN the model cites only sentences that are in no article THEN the asker gets the refusal, not an uncited answer', async () => {
    herald.openai.script(modelAnswer([{ statement: 'Panels will be free.', quotes: [FABRICATED] }]));
    const shown = shownText(await ask({ question: 'What will solar panels cost in Europe?' }));
    expect(shown).toContain('I found nothing in the articles that answers');
    expect(shown).not.toContain('Panels will be free');
  });

  it('GIVEN a German question about an English article from an English Discord client THEN the answer is in German, citing the English sentence with its translation', async () => {
    herald.openai.script(
      modelAnswer([
        {
          statement: 'Deutschland lag beim Wachstum vorn, vor Spanien und Italien.',
          quotes: [{ text: SOLAR_GERMANY, translation: 'Deutschland führte das Wachstum an, gefolgt von Spanien und Italien.' }],
        },
      ]),
    );
    const messages = await ask({ question: 'Welches Land lag beim Wachstum der Solaranlagen vorne?', article: 'solar-boom' }, 'en-US');
    const shown = shownText(messages);
    expect(herald.openai.completions[0]?.text).toContain('German (ISO 639-1 code: de)');
    expect(shown).toContain('Deutschland lag beim Wachstum vorn');
    expect(shown).toContain('Germany led the growth');
    expect(shown).toContain('Deutschland führte das Wachstum an');
    expect(shown).toContain('Quellen');
    expect(messages[0]?.message.embeds?.[0]?.author).toEqual({ name: 'Antwort' });
  });

  it('GIVEN a German question about an English article, with no article named THEN it is searched again in English and answered in German', async () => {
    herald.openai.script(
      'What did the manufacturers warn about panel prices?',
      modelAnswer([{ statement: 'Die Hersteller warnten, dass die Preise stark gefallen sind.', quotes: [{ text: SOLAR_PRICES, translation: 'Die Hersteller warnten …' }] }]),
    );
    const shown = shownText(await ask({ question: 'Wovor warnten die Hersteller bei den Preisen für Solarmodule?' }));
    expect(herald.openai.completions[0]?.text).toContain('Translate the article into English');
    expect(herald.openai.completions[1]?.text).toContain('<article id="solar-boom">');
    expect(shown).toContain('Die Hersteller warnten, dass die Preise stark gefallen sind.');
    expect(shown).toContain(SOLAR_PRICES);
  });

  it('GIVEN the model is down THEN the best-matching sentences answer offline, with a notice', async () => {
    herald.openai.script(reply.error(500));
    const shown = shownText(await ask({ question: 'How much will the harbour ferry line cost?' }));
    expect(shown).toContain('According to “City council approves new harbour ferry line”');
    expect(shown).toContain('The line will cost 12 million euros and is due to open next spring.');
    expect(shown).toContain('The language model is not available right now');
  });

  it('GIVEN the same question twice THEN the second answer comes from the cache without a model call', async () => {
    const answer = modelAnswer([{ statement: 'It costs 12 million euros.', quotes: [{ text: 'The line will cost 12 million euros and is due to open next spring.' }] }]);
    herald.openai.script(answer);
    await ask({ question: 'What does the ferry line cost?' });
    const again = await ask({ question: 'what does the ferry line cost' });
    expect(herald.openai.callCount).toBe(1);
    expect(embedsOf(again).at(-1)?.footer?.text).toContain('cached');
  });

  it('GIVEN an article option that matches no article THEN the asker is told privately, with suggestions', async () => {
    const messages = await ask({ question: 'What happened?', article: 'zeppelin-crash' });
    expect(((messages[0]?.message.flags ?? 0) & EPHEMERAL) !== 0).toBe(true);
    expect(messages[0]?.message.content).toContain('I could not find an article matching');
    expect(herald.openai.callCount).toBe(0);
  });

  it('GIVEN a question of only punctuation THEN the asker is asked for a question, privately', async () => {
    const messages = await ask({ question: ' ?! ' });
    expect(((messages[0]?.message.flags ?? 0) & EPHEMERAL) !== 0).toBe(true);
    expect(messages[0]?.message.content).toContain('Please ask a question');
  });

  it('GIVEN the registered /ask THEN the question is required and capped, and the article autocompletes', () => {
    const stored = herald.discord.commands.list(herald.discord.guild.id) as { name: string; options?: { name: string; required?: boolean; autocomplete?: boolean; max_length?: number }[] }[];
    const command = stored.find((c) => c.name === 'ask');
    expect(command?.options?.find((o) => o.name === 'question')).toMatchObject({ required: true, max_length: 500 });
    expect(command?.options?.find((o) => o.name === 'article')).toMatchObject({ autocomplete: true });
  });
});

describe('/ask and `ask …` without a language model', () => {
  const herald = useHeraldInProcess({ seeds: ASK_SEEDS, offline: true });

  /** Herald's first message after `dm` in its DM channel. */
  async function answerTo(dm: PostedMessage): Promise<PostedMessage> {
    await herald.done(dm.message.id);
    return herald.discord.waitForMessage(dm.message.channel_id, (p) => p.message.author.id === herald.discord.people.bot.id && BigInt(p.message.id) > BigInt(dm.message.id));
  }

  it('GIVEN a question the articles answer THEN the best sentences are quoted verbatim under their headline', async () => {
    const interaction = herald.discord.sendCommand('ask', { question: 'How much will the harbour ferry line cost?' });
    await herald.done(interaction.id);
    const messages = herald.messagesOf(interaction.id);
    const shown = shownText(messages);
    expect(shown).toContain('According to “City council approves new harbour ferry line”:');
    expect(shown).toContain('> The line will cost 12 million euros and is due to open next spring.');
    expect(embedsOf(messages).at(-1)?.footer?.text).toContain('harbour-ferry · English · offline/extractive');
    expect(herald.openai.callCount).toBe(0);
  });

  it('GIVEN `frage …` in a direct message that nothing answers THEN the refusal comes in German', async () => {
    const answer = await answerTo(herald.discord.sendDirectMessage('frage Was kostet ein Flug zum Mond?'));
    expect(shownText([answer])).toContain('In den Artikeln habe ich nichts gefunden');
  });

  it('GIVEN a question far over the limit in a direct message THEN the asker is told the limit', async () => {
    const answer = await answerTo(herald.discord.sendDirectMessage(`ask ${'why did the ferry cost so much '.repeat(20)}`));
    expect(answer.message.content).toContain('please keep it under 500');
  });
});

describe('/ask under the per-user cooldown', () => {
  const herald = useHeraldInProcess({
    seeds: ASK_SEEDS,
    briefing: {
      admit: () => {
        throw cooldownError(5_000);
      },
    },
  });

  it('GIVEN a user over their limit THEN a question that needs the model is refused privately, one that needs none is still answered', async () => {
    const limited = herald.discord.sendCommand('ask', { question: 'How much will the harbour ferry line cost?' });
    await herald.done(limited.id);
    const [refused] = herald.messagesOf(limited.id);
    expect(((refused?.message.flags ?? 0) & EPHEMERAL) !== 0).toBe(true);
    expect(refused?.message.content).toContain('try again in 5 seconds');
    expect(herald.openai.callCount).toBe(0);
    const unrelated = herald.discord.sendCommand('ask', { question: 'What did Apple announce about the iPhone camera?' });
    await herald.done(unrelated.id);
    expect(shownText(herald.messagesOf(unrelated.id))).toContain('I found nothing in the articles');
  });
});
