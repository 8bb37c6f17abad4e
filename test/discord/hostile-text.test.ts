/**
 * A hostile article author and a hostile model against Herald on a local Discord: whatever markdown
 * they write (a masked phishing link, an unclosed code fence, spoilers, headings, block quotes,
 * lists, bare links, mentions) must reach Discord as plain text, shown exactly as written.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reply, type FakeRequest } from '../fakes/fake-openai.js';
import type { PostedMessage } from '../fakes/fake-discord.js';
import { embedsOf, type HeraldInProcess, type SeedArticle, startHeraldInProcess } from '../support/herald-in-process.js';
import { markdownLeaks, unescapeMarkdown } from './markdown-leaks.js';

const EPHEMERAL = 1 << 6;

const PASSES: SeedArticle = {
  headline: 'Free passes for ||all residents|| and **[more](https://evil.example/h)**',
  paragraphs: [
    'Residents can [claim a free pass here](https://evil.example/login) before Friday. The offer ends when the money runs out.',
    '"We are pouring money into this," Reyes said. ||Nobody checked the offer.||',
    'The code ```rm -rf / was shown on screen and everything after it would be swallowed.',
    '# BREAKING the city is closed',
    '> an official statement that was never made',
    '@everyone look at <@123456789012345678> and read more at https://evil.example/more today.',
  ],
};

/** What a hostile model writes, whatever it is asked. */
const HOSTILE_ANSWER = [
  'Summary: [claim your pass](https://evil.example/login) now.',
  '```\nunclosed fence swallowing the rest',
  '# A heading\n> a quote\n- a list item\n||a spoiler|| @everyone https://evil.example/x',
].join('\n\n');

const BODY = [PASSES.headline, ...PASSES.paragraphs].join('\n');

/** Embed titles and descriptions and message contents: everything Discord renders as markdown. */
function renderedTexts(messages: readonly PostedMessage[]): string[] {
  return [
    ...messages.map((m) => m.message.content ?? ''),
    ...embedsOf(messages).flatMap((embed) => [embed.title ?? '', embed.description ?? '']),
  ].filter(Boolean);
}

function expectPlain(texts: readonly string[]): void {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(markdownLeaks(text), text).toEqual([]);
}

function isEphemeral(message: PostedMessage | undefined): boolean {
  return ((message?.message.flags ?? 0) & EPHEMERAL) !== 0;
}

describe('hostile text on a local Discord', () => {
  let herald: HeraldInProcess;

  beforeAll(async () => {
    herald = await startHeraldInProcess({ seeds: { passes: PASSES }, bot: { responder: { deferAfterMs: 300, editIntervalMs: 300 } } });
  });

  afterAll(async () => {
    await herald?.stop();
  });

  afterEach(() => {
    herald.discord.assertNoViolations();
    expect(herald.discord.pings()).toEqual([]);
    herald.openai.reset();
    herald.discord.clearRecords();
  });

  it('GIVEN a public /quote of a hostile article THEN each quote is a block quote of the article text, rendering no link, fence or spoiler', async () => {
    const passages = [PASSES.paragraphs[0]!.split(' The')[0]!, '"We are pouring money into this," Reyes said.', '||Nobody checked the offer.||'];
    herald.openai.script(JSON.stringify(passages));
    const interaction = herald.discord.sendCommand('quote', { article: 'passes', count: 3 });
    await herald.done(interaction.id);
    const messages = herald.messagesOf(interaction.id);
    expect(isEphemeral(messages[0])).toBe(false);
    const [embed] = embedsOf(messages);
    expectPlain([embed?.title ?? '']);
    expect(unescapeMarkdown(embed?.title ?? '')).toBe(PASSES.headline);
    const lines = (embed?.description ?? '').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.startsWith('> ')).toBe(true);
      expectPlain([line.slice(2)]);
    }
    expect(lines.map((line) => unescapeMarkdown(line.slice(2)))).toEqual(passages);
  });

  it('GIVEN offline quotes (the model fails) THEN the quotation is shown as it stands in the article, without added quotation marks', async () => {
    herald.openai.script(reply.error(500));
    const interaction = herald.discord.sendCommand('quote', { article: 'passes', count: 1 });
    await herald.done(interaction.id);
    const description = embedsOf(herald.messagesOf(interaction.id))[0]?.description ?? '';
    expect(description).toBe('> "We are pouring money into this," Reyes said.');
  });

  it('GIVEN a public offline /summarize (the model fails) THEN the extract renders no markup and reads as the article', async () => {
    herald.openai.script(reply.error(500));
    const interaction = herald.discord.sendCommand('summarize', { article: 'passes', length: 'long', language: 'en' });
    await herald.done(interaction.id);
    const messages = herald.messagesOf(interaction.id);
    expect(isEphemeral(messages[0])).toBe(false);
    expect(embedsOf(messages)[0]?.footer?.text).toContain('offline');
    const texts = renderedTexts(messages);
    expectPlain(texts);
    expect(unescapeMarkdown(embedsOf(messages)[0]?.description ?? '')).toContain('[claim a free pass here](https://evil.example/login)');
  });

  it('GIVEN a model answering /summarize with markdown, streamed THEN every preview and the answer render no markup', async () => {
    const chunks = HOSTILE_ANSWER.match(/[\s\S]{1,12}/g) ?? [];
    herald.openai.script(reply.text(HOSTILE_ANSWER, { chunks, chunkDelayMs: 80 }));
    const interaction = herald.discord.sendCommand('summarize', { article: 'passes', length: 'short', language: 'fr' });
    await herald.done(interaction.id);
    const record = herald.discord.interaction(interaction.id);
    const previews = (record.original?.edits ?? []).map((edit) => ((edit.body.embeds as { description?: string }[] | undefined)?.[0]?.description ?? ''));
    expect(previews.length).toBeGreaterThan(1);
    expectPlain(previews);
    const messages = herald.messagesOf(interaction.id);
    expectPlain(renderedTexts(messages));
    expect(unescapeMarkdown(embedsOf(messages)[0]?.description ?? '')).toBe(HOSTILE_ANSWER);
  });

  it('GIVEN a model answering /translate with markdown THEN the translation and its headline render no markup', async () => {
    herald.openai.setDefault((request: FakeRequest) => {
      const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
      const inside = /<article>\n([\s\S]*?)\n<\/article>/.exec(user)?.[1] ?? '';
      return inside.split(/\n\n+/).map(() => 'Voici [le lien](https://evil.example/t) et ```du code').join('\n\n');
    });
    try {
      const interaction = herald.discord.sendCommand('translate', { article: 'passes', language: 'French' });
      await herald.done(interaction.id);
      const messages = herald.messagesOf(interaction.id);
      expect(isEphemeral(messages[0])).toBe(false);
      expect(embedsOf(messages)[0]?.description).toContain('Voici');
      expectPlain(renderedTexts(messages));
    } finally {
      herald.openai.setDefault('This is a fake completion.');
    }
  });

  it('GIVEN direct messages asking for a summary and quotes THEN the answers render no markup', async () => {
    herald.openai.script(HOSTILE_ANSWER);
    const summary = herald.discord.sendDirectMessage('summarize passes in english');
    await herald.done(summary.message.id);
    herald.openai.script(reply.error(500));
    const quotes = herald.discord.sendDirectMessage('quotes passes');
    await herald.done(quotes.message.id);
    const answers = herald.discord.channelMessages(summary.message.channel_id).filter((m) => m.message.author.id === herald.discord.people.bot.id);
    const texts = renderedTexts(answers);
    expect(texts.some((text) => text.includes('evil'))).toBe(true);
    // Quote lines carry Herald's own "> "; what follows it is article text.
    expectPlain(texts.flatMap((text) => text.split('\n').map((line) => line.replace(/^> /, ''))));
  });

  it('GIVEN a direct message Herald does not understand THEN the words it echoes back render no link', async () => {
    const dm = herald.discord.sendDirectMessage('what is [this](https://evil.example/x) ||really||?');
    await herald.done(dm.message.id);
    const answer = herald.discord.channelMessages(dm.message.channel_id).at(-1);
    const lead = answer?.message.content ?? '';
    expect(unescapeMarkdown(lead)).toContain('[this](https://evil.example/x) ||really||?');
    expectPlain([lead]);
  });

  it('GIVEN /articles and a mistyped article THEN headlines in the listing and in the suggestions render no markup', async () => {
    const listing = herald.discord.sendCommand('articles');
    await herald.done(listing.id);
    const description = embedsOf(herald.messagesOf(listing.id))[0]?.description ?? '';
    // Herald bolds each headline itself ("**…**"); inside that, the headline is plain text.
    const headline = /^\*\*(.*)\*\*$/m.exec(description)?.[1] ?? '';
    expectPlain([headline]);
    expect(unescapeMarkdown(headline)).toBe(PASSES.headline);

    const unknown = herald.discord.sendCommand('summarize', { article: 'zzpasses' });
    await herald.done(unknown.id);
    const content = herald.messagesOf(unknown.id)[0]?.message.content ?? '';
    expect(content).toContain('`passes`');
    const suggestion = content.split('\n').find((line) => line.includes('`passes`')) ?? '';
    expectPlain([suggestion.replace(/^• `passes` – /, '')]);
  });

  it('GIVEN the article itself THEN its text is hostile to begin with (the checks above are not vacuous)', () => {
    expect(markdownLeaks(BODY)).toEqual(expect.arrayContaining(['masked link', 'code', 'spoiler', 'heading', 'block quote', 'autolink', 'angle bracket']));
  });
});
