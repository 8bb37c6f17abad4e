import { describe, expect, it } from 'vitest';
import type { FakeDiscord, PostedMessage } from '../fakes/fake-discord.js';
import type { FakeRequest } from '../fakes/fake-openai.js';
import { shownText, useHeraldInProcess } from '../support/herald-in-process.js';
import { ASK_SEEDS, modelAnswer, SOLAR_PRICES } from './fixtures.js';

/** Herald's first message in `posted`'s channel after it. */
function answerAfter(discord: FakeDiscord, posted: PostedMessage): Promise<PostedMessage> {
  return discord.waitForMessage(
    posted.message.channel_id,
    (p) => p.message.author.id === discord.people.bot.id && BigInt(p.message.id) > BigInt(posted.message.id),
  );
}

describe('replying to a Herald answer asks about the same article(s)', () => {
  const herald = useHeraldInProcess({ seeds: ASK_SEEDS });

  async function originalOf(command: string, options: Record<string, string>): Promise<PostedMessage> {
    const interaction = herald.discord.sendCommand(command, options);
    await herald.done(interaction.id);
    const [original] = herald.messagesOf(interaction.id);
    if (!original) throw new Error('no answer');
    return original;
  }

  it('GIVEN a reply to a summary THEN the question is answered from that article only, with the summary as context', async () => {
    herald.openai.script('Europe installed record solar capacity; panel makers are struggling.');
    const summary = await originalOf('summarize', { article: 'solar-boom' });
    herald.openai.script(modelAnswer([{ statement: 'They warned that falling prices make factories unprofitable.', quotes: [SOLAR_PRICES] }]));
    const question = herald.discord.sendChannelMessage('And what did the manufacturers warn about?', { replyTo: summary });
    const answer = await answerAfter(herald.discord, question);
    const sent = herald.openai.completions.at(-1)?.text ?? '';
    expect(sent).toContain('<article id="solar-boom">');
    expect(sent).not.toContain('<article id="harbour-ferry">');
    expect(sent).toContain('<conversation>');
    expect(sent).toContain('panel makers are struggling');
    expect(shownText([answer])).toContain('falling prices make factories unprofitable');
    const posted = herald.discord.requestsTo('POST /channels/:channelId/messages').at(-1)?.body as { message_reference?: { message_id?: string } } | undefined;
    expect(posted?.message_reference?.message_id).toBe(question.message.id);
    expect(herald.discord.pings()).toEqual([]);
  });

  it('GIVEN a reply to an earlier /ask answer THEN the follow-up keeps its articles and carries the earlier question', async () => {
    herald.openai.script(modelAnswer([{ statement: 'It costs 12 million euros.', quotes: ['The line will cost 12 million euros and is due to open next spring.'] }]));
    const first = await originalOf('ask', { question: 'What does the harbour ferry line cost?' });
    herald.openai.script(modelAnswer([{ statement: 'Mayor Anna Berg.', quotes: ['Mayor Anna Berg said the ferries would cut the commute for thousands of people.'] }]));
    const followUp = herald.discord.sendChannelMessage('Who defended it?', { replyTo: first });
    const answer = await answerAfter(herald.discord, followUp);
    const sent = herald.openai.completions.at(-1)?.text ?? '';
    expect(sent).toContain('<article id="harbour-ferry">');
    expect(sent).toContain('What does the harbour ferry line cost?');
    expect(shownText([answer])).toContain('Mayor Anna Berg.');
  });

  it('GIVEN a reply to the FIRST message of a translation split over several messages THEN the question is about that article, not a search', async () => {
    const sentence = (p: number, i: number) => `Sentence ${p}.${i} of the translated solar article tells the reader something new.`;
    // Like a real model: one translated paragraph per paragraph sent, long enough to need several messages.
    herald.openai.setDefault((request: FakeRequest) => {
      const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
      const inside = /<article>\n([\s\S]*?)\n<\/article>/u.exec(user)?.[1] ?? '';
      return inside.split(/\n\n+/u).map((_, p) => Array.from({ length: 70 }, (_, i) => sentence(p, i)).join(' ')).join('\n\n');
    });
    let messages: PostedMessage[];
    try {
      const interaction = herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'German' });
      await herald.done(interaction.id, 60_000);
      messages = herald.messagesOf(interaction.id);
    } finally {
      herald.openai.setDefault('This is a fake completion.');
    }
    expect(messages.length).toBeGreaterThan(1);
    const [first] = messages;
    if (!first) throw new Error('no translation');
    // Words of the other article: a search would pick it.
    herald.openai.script(modelAnswer([{ statement: 'Panel prices fell.', quotes: [SOLAR_PRICES] }]));
    const question = herald.discord.sendChannelMessage('What did the mayor say about the harbour ferry cost?', { replyTo: first });
    await answerAfter(herald.discord, question);
    const sent = herald.openai.completions.at(-1)?.text ?? '';
    expect(sent).toContain('<article id="solar-boom">');
    expect(sent).not.toContain('<article id="harbour-ferry">');
  });

  it('GIVEN a reply to someone else’s message THEN Herald stays out of it', async () => {
    const other = herald.discord.sendChannelMessage('Has anyone read the solar article?', { authorId: herald.discord.people.admin.id });
    herald.discord.sendChannelMessage('Yes, what did the manufacturers warn about?', { replyTo: other });
    // A reply to Herald afterwards is answered; the one before it was not.
    herald.openai.script(modelAnswer([]));
    const summary = await originalOf('quote', { article: 'harbour-ferry', count: '1' });
    const question = herald.discord.sendChannelMessage('Who argued against it?', { replyTo: summary });
    await answerAfter(herald.discord, question);
    const answers = herald.discord
      .channelMessages(question.message.channel_id)
      .filter((p) => p.message.author.id === herald.discord.people.bot.id && p.via === 'channel' && BigInt(p.message.id) > BigInt(other.message.id));
    expect(answers).toHaveLength(1);
  });
});

describe('replies Herald cannot read', () => {
  const herald = useHeraldInProcess({ seeds: ASK_SEEDS, offline: true });

  it('GIVEN a reply to Herald with the ping turned off (Discord then hides its text from Herald) THEN it is left alone, and the next pinging reply is answered', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'harbour-ferry' });
    await herald.done(interaction.id);
    const [summary] = herald.messagesOf(interaction.id);
    if (!summary) throw new Error('no summary');
    const silent = herald.discord.sendChannelMessage('How much will it cost?', { replyTo: summary, ping: false });
    const pinging = herald.discord.sendChannelMessage('How much will the ferry line cost?', { replyTo: summary });
    const answer = await answerAfter(herald.discord, pinging);
    expect(shownText([answer])).toContain('The line will cost 12 million euros');
    const answers = herald.discord.channelMessages(silent.message.channel_id).filter((p) => p.via === 'channel' && BigInt(p.message.id) > BigInt(silent.message.id));
    expect(answers).toHaveLength(1);
  });
});

describe('a reply Herald cannot take, in the asker\'s language', () => {
  const herald = useHeraldInProcess({ seeds: ASK_SEEDS, offline: true });

  it('GIVEN a reply in Herald\'s words that names no article ("summarize in German", "translate it into German", "quote it") THEN it works on the article replied to', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'harbour-ferry' });
    await herald.done(interaction.id);
    const [summary] = herald.messagesOf(interaction.id);
    if (!summary) throw new Error('no summary');
    const summarize = await answerAfter(herald.discord, herald.discord.sendChannelMessage('Summarize in German', { replyTo: summary }));
    expect((summarize.message.embeds as { title?: string }[] | undefined)?.[0]?.title).toBe('City council approves new harbour ferry line');
    const translate = await answerAfter(herald.discord, herald.discord.sendChannelMessage('Translate it into German', { replyTo: summary }));
    // Offline there is no translation, but the request is read as one into German, not as a search for "it".
    expect(translate.message.content).toContain('cannot translate into German');
    const quote = await answerAfter(herald.discord, herald.discord.sendChannelMessage('Quote it', { replyTo: summary }));
    expect((quote.message.embeds as { title?: string }[] | undefined)?.[0]?.title).toBe('City council approves new harbour ferry line');
    // An article named in the reply is still the one worked on.
    const other = await answerAfter(herald.discord, herald.discord.sendChannelMessage('summarize solar-boom', { replyTo: summary }));
    expect((other.message.embeds as { title?: string }[] | undefined)?.[0]?.title).toBe('Solar installations reach a record high across Europe');
  });

  it('GIVEN a reply that starts with "list", "find", "search" or "news" THEN it is a question about the article replied to, not a search', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'harbour-ferry' });
    await herald.done(interaction.id);
    const [summary] = herald.messagesOf(interaction.id);
    if (!summary) throw new Error('no summary');
    for (const text of ['List what the critics argued about the money?', 'Find out what the mayor said about the commute', 'Search for what the critics argued about buses', 'News about the cost of the line?']) {
      const answer = await answerAfter(herald.discord, herald.discord.sendChannelMessage(text, { replyTo: summary }));
      const shown = shownText([answer]);
      expect(shown, text).toContain('According to “City council approves new harbour ferry line”');
      expect((answer.message.embeds as { title?: string }[] | undefined)?.[0]?.title, text).not.toMatch(/^Articles/u);
    }
  });

  it('GIVEN a reply that starts with "summary", "brief" or "cite" but names no article id THEN it is a question about the article replied to', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'harbour-ferry' });
    await herald.done(interaction.id);
    const [summary] = herald.messagesOf(interaction.id);
    if (!summary) throw new Error('no summary');
    for (const text of ['Summary of what the critics argued about the money?', 'Brief me on what the mayor said about the commute', 'Cite what the critics said about buses']) {
      const answer = await answerAfter(herald.discord, herald.discord.sendChannelMessage(text, { replyTo: summary }));
      expect(shownText([answer]), text).toContain('According to “City council approves new harbour ferry line”');
      expect(answer.message.content ?? '', text).not.toMatch(/could not find|no article/iu);
    }
  });

  it('GIVEN a reply that is exactly a listing command ("articles", "list articles") THEN the articles are listed', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'harbour-ferry' });
    await herald.done(interaction.id);
    const [summary] = herald.messagesOf(interaction.id);
    if (!summary) throw new Error('no summary');
    for (const text of ['articles', 'List articles']) {
      const answer = await answerAfter(herald.discord, herald.discord.sendChannelMessage(text, { replyTo: summary }));
      expect((answer.message.embeds as { title?: string }[] | undefined)?.[0]?.title, text).toMatch(/^Articles/u);
    }
  });

  it('GIVEN a German reply over the question limit in a server set to English THEN the asker is told the limit in German', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'harbour-ferry' });
    await herald.done(interaction.id);
    const [summary] = herald.messagesOf(interaction.id);
    if (!summary) throw new Error('no summary');
    const question = `Was genau hat die Bürgermeisterin über die neue Fährlinie gesagt, und warum ist sie der Meinung, dass sich die Kosten lohnen? ${'Ich möchte es wirklich genau wissen, weil ich jeden Tag mit der Fähre zur Arbeit fahre. '.repeat(6)}`;
    const reply = herald.discord.sendChannelMessage(question, { replyTo: summary });
    const answer = await answerAfter(herald.discord, reply);
    expect(shownText([answer])).toContain('Diese Frage ist');
    expect(herald.discord.pings()).toEqual([]);
  });
});

describe('replying to a Herald answer in a direct message, offline', () => {
  const herald = useHeraldInProcess({ seeds: ASK_SEEDS, offline: true });

  it('GIVEN a reply to a DM summary THEN the question is answered from that article with its sentences', async () => {
    const request = herald.discord.sendDirectMessage('summarize harbour ferry');
    const summary = await answerAfter(herald.discord, request);
    const reply = herald.discord.sendDirectMessage('How much will it cost?', { replyTo: summary });
    const answer = await answerAfter(herald.discord, reply);
    const shown = shownText([answer]);
    expect(shown).toContain('According to “City council approves new harbour ferry line”');
    expect(shown).toContain('The line will cost 12 million euros');
  });

  it('GIVEN a DM reply starting with "list" THEN it is a question about the article; a bare "articles" still lists', async () => {
    const summary = await answerAfter(herald.discord, herald.discord.sendDirectMessage('summarize harbour ferry'));
    const question = await answerAfter(herald.discord, herald.discord.sendDirectMessage('List what the critics argued about the money?', { replyTo: summary }));
    expect(shownText([question])).toContain('Critics argued that the money would be better spent on buses.');
    const listing = await answerAfter(herald.discord, herald.discord.sendDirectMessage('articles', { replyTo: summary }));
    expect((listing.message.embeds as { title?: string }[] | undefined)?.[0]?.title).toBe('Articles');
  });

  it('GIVEN a DM reply starting with "summary" THEN it is a question about the article; one naming an article id summarizes that article', async () => {
    const summary = await answerAfter(herald.discord, herald.discord.sendDirectMessage('summarize harbour ferry'));
    const question = await answerAfter(herald.discord, herald.discord.sendDirectMessage('Summary of what the critics argued about the money?', { replyTo: summary }));
    expect(shownText([question])).toContain('Critics argued that the money would be better spent on buses.');
    const other = await answerAfter(herald.discord, herald.discord.sendDirectMessage('summary solar-boom', { replyTo: summary }));
    expect((other.message.embeds as { title?: string }[] | undefined)?.[0]?.title).toBe('Solar installations reach a record high across Europe');
  });
});
