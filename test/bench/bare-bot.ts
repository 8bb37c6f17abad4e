/**
 * The yardstick of the Discord bench: the least a discord.js bot can do for /summarize. It defers
 * every interaction at once, streams one model call with the same OpenAI client Herald uses, and
 * edits the reply with the text: no router, no cache, no rendering. Its own fake Discord, so its
 * interactions never reach Herald's client; like Herald, it runs in the bench's process and its fakes
 * in another (fakes-process.ts). With `answer` set it instead replies at once with the
 * message given, as a bot with the answer at hand would (a cached answer's yardstick).
 */
import { Events, type APIEmbed, type Client } from 'discord.js';
import { performance } from 'node:perf_hooks';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { readyClient } from '../fake-discord/helpers.js';
import type { DiscordLogin } from './remote-fakes.js';

/** A finished message to reply with: what Herald's cached answer to the same request was. */
export interface BareAnswer {
  content?: string;
  embeds?: APIEmbed[];
}

export interface BareBot {
  /** When set, interactions are answered at once with its message for their options (else deferred for the model). */
  answer: ((article: string, language: string) => BareAnswer) | undefined;
  /** When each interaction's reply edit was accepted (performance.now()), by interaction id. */
  finishedAt: Map<string, number>;
  stop(): Promise<void>;
}

export async function startBareBot(discord: DiscordLogin, modelUrl: string): Promise<BareBot> {
  const client: Client = await readyClient(discord);
  const model = createOpenAIModel({ baseURL: modelUrl, apiKey: 'sk-test-key', model: 'fake-model', timeoutMs: 10_000, maxRetries: 0 });
  const finishedAt = new Map<string, number>();
  const bot: BareBot = {
    finishedAt,
    answer: undefined,
    async stop() {
      await client.destroy();
    },
  };
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    void (async () => {
      if (bot.answer) {
        const message = bot.answer(interaction.options.getString('article') ?? '', interaction.options.getString('language') ?? 'en');
        await interaction.reply({ ...message, allowedMentions: { parse: [] } });
        finishedAt.set(interaction.id, performance.now());
        return;
      }
      await interaction.deferReply();
      let text = '';
      const prompt = `Summarize ${interaction.options.getString('article') ?? ''} in ${interaction.options.getString('language') ?? 'en'}`;
      for await (const delta of model.stream({ messages: [{ role: 'user', content: prompt }] })) text += delta;
      await interaction.editReply({ content: text });
      finishedAt.set(interaction.id, performance.now());
    })().catch((error: unknown) => console.error('bare bot:', error));
  });
  return bot;
}
