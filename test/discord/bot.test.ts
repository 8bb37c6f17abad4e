import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, type FakeRequest } from '../fakes/fake-openai.js';
import { snowflake, type Json, type PostedMessage, type RecordedRequest } from '../fakes/fake-discord.js';
import { createLogger } from '../../src/log.js';
import { embedsOf, type HeraldInProcess, SEEDS, shownText, startHeraldInProcess, useHeraldInProcess } from '../support/herald-in-process.js';

const EPHEMERAL = 1 << 6;
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Requests that create or change a message (callbacks with data, follow-ups, edits, channel posts). */
function messageWrites(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => {
    if (r.method === 'POST' && /\/callback$/.test(r.path)) return [4, 7].includes(Number((r.body as Json | undefined)?.type));
    return (
      (r.method === 'POST' && (/^\/webhooks\/[^/]+\/[^/]+$/.test(r.path) || /^\/channels\/[^/]+\/messages$/.test(r.path))) ||
      (r.method === 'PATCH' && /\/messages\//.test(r.path))
    );
  });
}

function bodyOf(request: RecordedRequest): Json {
  const body = request.body as Json;
  return /\/callback$/.test(request.path) ? ((body.data as Json | undefined) ?? {}) : body;
}

function isEphemeral(message: PostedMessage | undefined): boolean {
  return ((message?.message.flags ?? 0) & EPHEMERAL) !== 0;
}

describe('Herald on a local Discord', () => {
  const herald = useHeraldInProcess();

  describe('registration', () => {
    it('GIVEN a first start THEN it registers every command in the guild once, with contexts and German descriptions', () => {
      const stored = herald.discord.commands.list(herald.discord.guild.id);
      const byName = new Map(stored.map((command) => [command.name, command]));
      for (const name of ['summarize', 'translate', 'quote', 'articles', 'help', 'Summarize message', 'Translate message']) {
        expect(byName.has(name), name).toBe(true);
        expect(byName.get(name)?.contexts).toEqual([0, 1, 2]);
        expect(byName.get(name)?.integration_types).toEqual([0]);
      }
      // /digest (commands/digest.ts) stays out of DMs and is hidden from members without Manage Server.
      expect(byName.get('digest')?.contexts).toEqual([0]);
      expect(byName.get('digest')?.default_member_permissions).toBe('32');
      expect((byName.get('summarize')?.description_localizations as { de?: string } | undefined)?.de).toContain('zusammenfassen');
      expect(herald.bot.registration).toMatchObject({ written: true, scope: 'guild' });
    });

    it('GIVEN a second start with the same commands THEN nothing is written', async () => {
      const second = await startHeraldInProcess({ reuseDiscord: herald.discord, reuseOpenAI: herald.openai });
      try {
        expect(second.bot.registration).toMatchObject({ written: false, scope: 'guild' });
        expect(herald.discord.commandWrites()).toEqual([]);
      } finally {
        await second.stop();
      }
    });
  });

  describe('/summarize', () => {
    it('GIVEN the German article asked in English THEN one model call answers, and the embed is titled with the English headline, with a footer with id, language, model and cache', async () => {
      herald.openai.script("<headline>Ford held talks with China's Xiaomi about an EV partnership</headline>\n\nFord and Xiaomi talked about electric cars. Nothing was agreed.");
      const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'short' });
      await herald.done(interaction.id);
      const [embed] = embedsOf(herald.messagesOf(interaction.id));
      expect(embed?.title).toBe("Ford held talks with China's Xiaomi about an EV partnership");
      expect(embed?.description).toBe('Ford and Xiaomi talked about electric cars. Nothing was agreed.');
      expect(embed?.footer?.text).toBe('ford-xiaomi · English · openai/fake-model · fresh');
      expect(herald.openai.completions[0]?.text).toContain('English');
      expect(herald.openai.callCount).toBe(1);
    });

    it('GIVEN the English article asked in English THEN the embed keeps the article headline as its title', async () => {
      herald.openai.script('Europe installed more solar than ever.');
      const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'short', language: 'en' });
      await herald.done(interaction.id);
      expect(embedsOf(herald.messagesOf(interaction.id))[0]?.title).toBe(SEEDS['solar-boom']?.headline);
    });

    it('GIVEN the same request again THEN it comes from the cache, answered at once without a model call', async () => {
      const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'short' });
      await herald.done(interaction.id);
      const record = herald.discord.interaction(interaction.id);
      expect(record.callbacks.map((c) => c.type)).toEqual([4]);
      expect(embedsOf(herald.messagesOf(interaction.id))[0]?.footer?.text).toContain('cached');
      expect(herald.openai.callCount).toBe(0);
    });

    it('GIVEN headline words and no language from a German user THEN it summarizes in German', async () => {
      herald.openai.script('Europa hat so viel Solarleistung installiert wie nie.');
      const interaction = herald.discord.sendCommand('summarize', { article: 'solar europe' }, { locale: 'de' });
      await herald.done(interaction.id);
      expect(herald.openai.completions[0]?.text).toContain('German');
      expect(embedsOf(herald.messagesOf(interaction.id))[0]?.footer?.text).toBe('solar-boom · Deutsch · openai/fake-model · neu erstellt');
    });

    it('GIVEN an unknown article THEN the reply is ephemeral, in plain words, with suggestions', async () => {
      const interaction = herald.discord.sendCommand('summarize', { article: 'fort' });
      const event = await herald.done(interaction.id);
      expect(event.outcome).toBe('user_error');
      const [message] = herald.messagesOf(interaction.id);
      expect(isEphemeral(message)).toBe(true);
      expect(message?.message.content).toContain('I could not find an article matching “fort”');
      expect(message?.message.content).toContain('Did you mean:\n• `ford-xiaomi` – Ford führte Gespräche');
      expect(herald.openai.callCount).toBe(0);
    });

    it('GIVEN an article nothing resembles THEN it points to /articles', async () => {
      const interaction = herald.discord.sendCommand('quote', { article: 'tesla' }, { locale: 'de' });
      await herald.done(interaction.id);
      const [message] = herald.messagesOf(interaction.id);
      expect(isEphemeral(message)).toBe(true);
      expect(message?.message.content).toBe('Ich habe keinen Artikel zu „tesla“ gefunden.\nMit `/articles` siehst du, welche Artikel es gibt.');
    });

    it('GIVEN an unknown language THEN a German user is told so in German', async () => {
      const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', language: 'klingonisch' }, { locale: 'de' });
      await herald.done(interaction.id);
      const [message] = herald.messagesOf(interaction.id);
      expect(isEphemeral(message)).toBe(true);
      expect(message?.message.content).toContain('Die Sprache „klingonisch“ kenne ich nicht');
    });

    it('GIVEN a slow model THEN the interaction is deferred before the answer arrives, and the answer replaces it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      herald.openai.script(async () => {
        await gate;
        return 'A slow but complete summary.';
      });
      const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'long' });
      const deferred = await herald.discord.waitForInteraction(interaction.id, (r) => r.callbacks.length > 0);
      expect(deferred.callbacks[0]?.type).toBe(5);
      expect(deferred.original?.edits ?? []).toEqual([]);
      release();
      await herald.done(interaction.id);
      const record = herald.discord.interaction(interaction.id);
      expect(record.callbacks.map((c) => c.type)).toEqual([5]);
      expect(embedsOf([record.original!])[0]?.description).toBe('A slow but complete summary.');
    });

    it('GIVEN a long generation THEN it streams into the deferred reply at most once a second and ends with the whole text', async () => {
      const text = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') + '.';
      herald.openai.script(reply.text(text, { chunkDelayMs: 100 }));
      const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'medium', language: 'es' });
      await herald.done(interaction.id);
      const record = herald.discord.interaction(interaction.id);
      expect(record.callbacks.map((c) => c.type)).toEqual([5]);
      const edits = record.original?.edits ?? [];
      expect(edits.length).toBeGreaterThan(1);
      const descriptions = edits.map((edit) => ((edit.body.embeds as { description?: string }[] | undefined)?.[0]?.description ?? ''));
      for (const preview of descriptions.slice(0, -1)) expect(text.startsWith(preview.replace(/ ▍$/, '').replace(/…$/, ''))).toBe(true);
      expect(descriptions.at(-1)).toBe(text);
      for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(900);
    });

    it('GIVEN a model that fails THEN the offline engine answers, with a notice saying so', async () => {
      herald.openai.script(reply.error(500));
      const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'medium', language: 'fr' });
      const event = await herald.done(interaction.id);
      expect(event.outcome).toBe('ok');
      const [message] = herald.messagesOf(interaction.id);
      expect(message?.message.content).toMatch(/^ℹ️ .*not available/);
      expect(embedsOf([message!])[0]?.footer?.text).toContain('solar-boom');
    });
  });

  describe('/translate', () => {
    it('GIVEN a very long translation THEN it is split over embeds and messages within every limit, and no word is lost', async () => {
      const sentence = (p: number, i: number) => `Sentence ${p}.${i} of the translated article tells the reader something new about the talks.`;
      let headline = '';
      const body: string[] = [];
      // Like a real model: one translated paragraph per paragraph sent, the first being the headline.
      herald.openai.setDefault((request: FakeRequest) => {
        const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
        const inside = /<article>\n([\s\S]*?)\n<\/article>/.exec(user)?.[1] ?? '';
        const count = inside.split(/\n\n+/).length;
        const out = Array.from({ length: count }, (_, p) => {
          if (headline === '' && p === 0) return (headline = 'Ford held talks with Xiaomi about an EV partnership');
          const paragraph = Array.from({ length: 70 }, (_, i) => sentence(body.length, i)).join(' ');
          body.push(paragraph);
          return paragraph;
        });
        return out.join('\n\n');
      });
      try {
        const interaction = herald.discord.sendCommand('translate', { article: 'ford-xiaomi', language: 'English' });
        await herald.done(interaction.id, 60_000);
        const messages = herald.messagesOf(interaction.id);
        expect(body.join('\n\n').length).toBeGreaterThan(3 * 6_000);
        expect(messages.length).toBeGreaterThan(3);
        const embeds = embedsOf(messages);
        expect(embeds[0]?.title).toBe(headline);
        const shown = embeds.map((embed) => embed.description ?? '').join('\n\n');
        expect(words(shown)).toEqual(words(body.join('\n\n')));
        // Every message names the article: a reply to any of them asks about it.
        for (const message of messages) {
          const own = embedsOf([message]);
          expect(own.at(-1)?.footer?.text).toBe('ford-xiaomi · English · openai/fake-model · fresh');
          expect(own.filter((embed) => embed.footer).length).toBe(1);
        }
      } finally {
        herald.openai.setDefault('This is a fake completion.');
      }
    });

    it('GIVEN a model that fails only after the reply was deferred THEN the public "thinking" is removed and the error is told privately', async () => {
      herald.openai.script(reply.error(503, { delayMs: 2_000 }));
      const interaction = herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'cs' });
      const event = await herald.done(interaction.id);
      expect(event.outcome).toBe('user_error');
      const record = herald.discord.interaction(interaction.id);
      expect(record.callbacks.map((c) => c.type)).toEqual([5]);
      expect(isEphemeral(record.original)).toBe(false);
      expect(record.original?.deletedAt).toBeDefined();
      expect(record.followups).toHaveLength(1);
      expect(isEphemeral(record.followups[0])).toBe(true);
      expect(record.followups[0]?.message.content).toContain('not available');
    });

    it('GIVEN a model that is down THEN the user is told in plain words, ephemerally', async () => {
      herald.openai.script(reply.error(503));
      const interaction = herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'pl' });
      const event = await herald.done(interaction.id);
      expect(event.outcome).toBe('user_error');
      const [message] = herald.messagesOf(interaction.id).filter((m) => m.deletedAt === undefined);
      expect(isEphemeral(message)).toBe(true);
      expect(message?.message.content).toContain('not available');
    });
  });

  describe('/quote', () => {
    it('GIVEN a count THEN it answers with verbatim passages of the article as block quotes', async () => {
      const sentence = 'Ford und Xiaomi haben sich öffentlich nicht zu den Details der Gespräche geäußert.';
      herald.openai.setDefault(JSON.stringify([sentence, 'Ford will build a rocket to the moon.']));
      try {
        const interaction = herald.discord.sendCommand('quote', { article: 'ford-xiaomi', count: 2 });
        await herald.done(interaction.id);
        const description = embedsOf(herald.messagesOf(interaction.id))[0]?.description ?? '';
        expect(description).toContain('> ');
        expect(description).not.toContain('rocket');
        const body = SEEDS['ford-xiaomi']!.paragraphs.join(' ');
        for (const line of description.split('\n').filter((l) => l.startsWith('> '))) {
          expect(body).toContain(line.slice(2).replace(/^["“„]|["”“]$/g, ''));
        }
      } finally {
        herald.openai.setDefault('This is a fake completion.');
      }
    });
  });

  describe('/articles and /help', () => {
    it('GIVEN /articles THEN it lists id, headline, language and length, ephemerally', async () => {
      const interaction = herald.discord.sendCommand('articles');
      await herald.done(interaction.id);
      const [message] = herald.messagesOf(interaction.id);
      expect(isEphemeral(message)).toBe(true);
      const description = embedsOf([message!])[0]?.description ?? '';
      expect(description).toContain('`ford-xiaomi` · German ·');
      expect(description).toContain(SEEDS['solar-boom']!.headline);
      expect(description).toMatch(/\d+ words/);
    });

    it('GIVEN a query that matches nothing THEN it says so', async () => {
      const interaction = herald.discord.sendCommand('articles', { query: 'zeppelin' });
      await herald.done(interaction.id);
      expect(shownText(herald.messagesOf(interaction.id))).toContain('No article matches “zeppelin”');
    });

    it('GIVEN /help in German THEN every command is explained with an example', async () => {
      const interaction = herald.discord.sendCommand('help', {}, { locale: 'de' });
      await herald.done(interaction.id);
      const text = shownText(herald.messagesOf(interaction.id));
      for (const command of ['/summarize', '/translate', '/quote', '/articles', '/digest']) expect(text).toContain(command);
      expect(text).toContain('Beispiel');
      expect(text).toContain('zusammenfassen ford auf englisch');
    });
  });

  describe('autocomplete', () => {
    it('GIVEN headline words THEN article choices show headlines and return ids', async () => {
      const interaction = herald.discord.sendAutocomplete('summarize', { article: 'xiaomi' }, 'article');
      const record = await herald.discord.waitForInteraction(interaction.id);
      const choices = (record.callbacks[0]?.data?.choices ?? []) as { name: string; value: string }[];
      expect(record.callbacks[0]?.type).toBe(8);
      expect(choices[0]).toEqual({ name: SEEDS['ford-xiaomi']!.headline, value: 'ford-xiaomi' });
      expect(choices.length).toBeLessThanOrEqual(25);
    });

    it('GIVEN a German user typing a language THEN choices are named in German with codes as values', async () => {
      const interaction = herald.discord.sendAutocomplete('translate', { article: 'ford', language: 'engl' }, 'language', { locale: 'de' });
      const record = await herald.discord.waitForInteraction(interaction.id);
      const choices = (record.callbacks[0]?.data?.choices ?? []) as { name: string; value: string }[];
      expect(choices[0]?.value).toBe('en');
      expect(choices[0]?.name).toContain('Englisch');
    });
  });

  describe('message menus', () => {
    it('GIVEN "Translate message" from a German user THEN the message text comes back in German, only for them', async () => {
      herald.openai.script('Die Sitzung beginnt morgen um acht Uhr.');
      const interaction = herald.discord.sendMessageCommand('Translate message', { content: 'The meeting starts tomorrow at eight.' }, { locale: 'de' });
      await herald.done(interaction.id);
      const [message] = herald.messagesOf(interaction.id);
      expect(isEphemeral(message)).toBe(true);
      expect(embedsOf([message!])[0]?.description).toBe('Die Sitzung beginnt morgen um acht Uhr.');
      expect(herald.openai.completions[0]?.text).toContain('The meeting starts tomorrow at eight.');
      expect(herald.openai.completions[0]?.text).toContain('German');
    });

    it('GIVEN a message without text THEN the user is told so', async () => {
      const interaction = herald.discord.sendMessageCommand('Summarize message', { content: '' });
      await herald.done(interaction.id);
      expect(herald.messagesOf(interaction.id)[0]?.message.content).toContain('no text');
    });
  });

  describe('direct messages', () => {
    it('GIVEN "summarize solar short in french" THEN it answers in the DM with the same embed, showing typing first', async () => {
      herald.openai.script('<headline>Le solaire atteint un record en Europe</headline>\n\nL’Europe a installé plus de panneaux solaires que jamais.');
      const dm = herald.discord.sendDirectMessage('summarize solar short in french');
      await herald.done(dm.message.id);
      const channelId = dm.message.channel_id;
      const answer = herald.discord.channelMessages(channelId).filter((m) => m.message.author.id === herald.discord.people.bot.id);
      expect(embedsOf(answer)[0]?.description).toBe('L’Europe a installé plus de panneaux solaires que jamais.');
      expect(herald.openai.completions[0]?.text).toContain('French');
      expect(embedsOf(answer)[0]?.title).toBe('Le solaire atteint un record en Europe');
      expect(herald.discord.requests.some((r) => r.path === `/channels/${channelId}/typing`)).toBe(true);
    });

    it('GIVEN "summarize solar boom in europe" THEN "in europe" is part of the topic, not a language', async () => {
      const dm = herald.discord.sendDirectMessage('summarize solar boom in europe');
      await herald.done(dm.message.id);
      // The DM channel also holds earlier tests' answers: this one is the last.
      const answer = herald.discord.channelMessages(dm.message.channel_id).filter((m) => m.message.author.id === herald.discord.people.bot.id).slice(-1);
      expect(embedsOf(answer)[0]?.title).toBe(SEEDS['solar-boom']!.headline);
      expect(shownText(answer)).not.toMatch(/language/i);
    });

    it('GIVEN text it does not understand THEN it answers with the help', async () => {
      const dm = herald.discord.sendDirectMessage('what is the weather like?');
      await herald.done(dm.message.id);
      const answer = herald.discord.channelMessages(dm.message.channel_id).at(-1);
      expect(shownText([answer!])).toContain('summarize ford in english');
    });

    it('GIVEN messages from a bot and from Herald itself THEN they are ignored', async () => {
      const sent = () => herald.discord.botMessages().filter((m) => m.via !== 'user').length;
      const before = sent();
      herald.discord.sendDirectMessage('help', { authorId: snowflake(), bot: true });
      herald.discord.sendDirectMessage('help', { authorId: herald.discord.people.bot.id });
      const human = herald.discord.sendDirectMessage('help');
      await herald.done(human.message.id);
      const after = sent();
      expect(after - before).toBe(1);
    });

    it('GIVEN a text over 2,000 characters THEN it answers politely instead of working on it', async () => {
      const dm = herald.discord.sendDirectMessage(`summarize ${'ford '.repeat(500)}`);
      await herald.done(dm.message.id);
      expect(herald.discord.channelMessages(dm.message.channel_id).at(-1)?.message.content).toContain('a bit long');
      expect(herald.openai.callCount).toBe(0);
    });
  });

  describe('mentions', () => {
    it('GIVEN an article and a model answer full of @everyone and mentions THEN nothing Herald sends can ping', async () => {
      const role = herald.discord.guild.roles[0]?.id ?? '1';
      herald.openai.script(`@everyone look: <@${herald.discord.people.admin.id}> and <@&${role}> and @here.`);
      const summary = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'long', language: 'it' });
      await herald.done(summary.id);
      const unknown = herald.discord.sendCommand('summarize', { article: '@everyone' });
      await herald.done(unknown.id);
      expect(shownText(herald.messagesOf(unknown.id))).toContain('@everyone');
      const dm = herald.discord.sendDirectMessage('summarize @everyone');
      await herald.done(dm.message.id);

      const writes = messageWrites(herald.discord.requests);
      expect(writes.length).toBeGreaterThanOrEqual(3);
      for (const write of writes) expect(bodyOf(write).allowed_mentions, `${write.method} ${write.path}`).toMatchObject({ parse: [] });
      expect(herald.discord.pings()).toEqual([]);
    });
  });

  describe('/articles paging', () => {
    let many: HeraldInProcess;

    beforeAll(async () => {
      const seeds = Object.fromEntries(
        Array.from({ length: 23 }, (_, i) => [
          `story-${String(i).padStart(2, '0')}`,
          { headline: `Story number ${i} about the markets`, paragraphs: [`Markets moved on day ${i}. Traders were surprised.`] },
        ]),
      );
      many = await startHeraldInProcess({ seeds });
    });

    afterAll(async () => {
      await many?.stop();
    });

    it('GIVEN more articles than fit THEN Next and Previous page through them in place', async () => {
      const interaction = many.discord.sendCommand('articles');
      await many.done(interaction.id);
      const first = many.messagesOf(interaction.id)[0]!;
      expect(embedsOf([first])[0]?.footer?.text).toBe('Page 1 of 3 · 23 articles');

      const next = many.discord.sendButton('articles:1:next:', { message: first });
      await many.done(next.id);
      expect(many.discord.interaction(next.id).callbacks[0]?.type).toBe(7);
      expect(embedsOf([first])[0]?.footer?.text).toBe('Page 2 of 3 · 23 articles');

      const previous = many.discord.sendButton('articles:0:prev:', { message: first });
      await many.done(previous.id);
      expect(embedsOf([first])[0]?.footer?.text).toBe('Page 1 of 3 · 23 articles');
      many.discord.assertNoViolations();
    });
  });

  describe('expired interactions', () => {
    it('GIVEN an interaction whose token expired before Herald answered THEN it logs, survives and keeps answering', async () => {
      const late = await startHeraldInProcess({ discord: { interactionTimeoutMs: 0 } });
      try {
        const interaction = late.discord.sendCommand('help');
        const event = await late.done(interaction.id);
        expect(event.outcome).toBe('error');
        expect(late.discord.interaction(interaction.id).callbacks[0]?.status).toBe(404);
        const dm = late.discord.sendDirectMessage('help');
        await late.done(dm.message.id);
        expect(late.discord.channelMessages(dm.message.channel_id).at(-1)?.message.author.id).toBe(late.discord.people.bot.id);
      } finally {
        await late.stop();
      }
    });
  });

  describe('a DM to a user who has closed their DMs', () => {
    let closed: HeraldInProcess;
    const lines: Record<string, unknown>[] = [];

    beforeAll(async () => {
      const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
      closed = await startHeraldInProcess({ logger: createLogger({ level: 'info', destination, pretty: false }) });
    });

    afterAll(async () => {
      await closed?.stop();
    });

    it('GIVEN Discord refuses the answer with 50007 THEN Herald notes it at info level and does not try again or apologise', async () => {
      const dm = closed.discord.sendDirectMessage('help');
      const channelId = dm.message.channel_id;
      closed.discord.injectFault({ method: 'POST', path: `/channels/${channelId}/messages` }, { kind: 'discordError', code: 50007 }, Infinity);
      await closed.done(dm.message.id);
      const posts = closed.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
      expect(posts).toHaveLength(1);
      expect(lines.some((line) => line.level === 30 && /does not accept direct messages/.test(String(line.msg)))).toBe(true);
      expect(lines.filter((line) => Number(line.level) >= 40)).toEqual([]);
    });
  });

  describe('router faults', () => {
    let faulty: HeraldInProcess;
    const lines: string[] = [];

    beforeAll(async () => {
      const destination = { write: (line: string) => void lines.push(line) };
      faulty = await startHeraldInProcess({
        bot: { commandsDir: new URL('./fixtures/commands/', import.meta.url).pathname },
        logger: createLogger({ level: 'info', destination, pretty: false }),
      });
    });

    afterAll(async () => {
      await faulty?.stop();
    });

    it('GIVEN files that are not commands THEN the loader skips them with a warning and registers the rest', () => {
      expect(faulty.bot.commands.map((c) => c.json.name).sort()).toEqual(['boom', 'silent']);
      expect(lines.filter((line) => line.includes('skipping commands file')).length).toBe(2);
    });

    it('GIVEN a command that throws THEN the user gets an ephemeral apology quoting an error id that is in the log', async () => {
      const interaction = faulty.discord.sendCommand('boom');
      const event = await faulty.done(interaction.id);
      expect(event.outcome).toBe('error');
      const [message] = faulty.messagesOf(interaction.id);
      expect(isEphemeral(message)).toBe(true);
      const id = /`([a-z0-9]+)`/.exec(message?.message.content ?? '')?.[1];
      expect(id).toBeDefined();
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.errorId === id);
      expect(logged?.msg).toBe('interaction failed');
      expect(JSON.stringify(logged)).toContain('kaboom');
    });

    it('GIVEN a command that returns without answering THEN the router answers for it', async () => {
      const interaction = faulty.discord.sendCommand('silent');
      await faulty.done(interaction.id);
      expect(isEphemeral(faulty.messagesOf(interaction.id)[0])).toBe(true);
    });

    it('GIVEN an interaction for a command Herald does not have THEN it says so instead of staying silent', async () => {
      const interaction = faulty.discord.sendCommand('ghost');
      await faulty.done(interaction.id);
      expect(faulty.messagesOf(interaction.id)[0]?.message.content).toContain('not available any more');
      faulty.discord.assertNoViolations();
    });
  });
});
