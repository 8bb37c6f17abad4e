/**
 * The yardstick of the Discord bench: the least a discord.js bot can do for /summarize. It defers
 * every interaction at once, streams one model call with the same OpenAI client Herald uses, and
 * edits the reply with the text: no router, no cache, no rendering. Its own fake Discord, so its
 * interactions never reach Herald's client.
 */
import { Events, type Client } from 'discord.js';
import { performance } from 'node:perf_hooks';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { readyClient } from '../fake-discord/helpers.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';

export interface BareBot {
  discord: FakeDiscord;
  /** When each interaction's reply edit was accepted (performance.now()), by interaction id. */
  finishedAt: Map<string, number>;
  stop(): Promise<void>;
}

export async function startBareBot(modelUrl: string): Promise<BareBot> {
  const discord = await startFakeDiscord();
  const client: Client = await readyClient(discord);
  const model = createOpenAIModel({ baseURL: modelUrl, apiKey: 'sk-test-key', model: 'fake-model', timeoutMs: 10_000, maxRetries: 0 });
  const finishedAt = new Map<string, number>();
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    void (async () => {
      await interaction.deferReply();
      let text = '';
      const prompt = `Summarize ${interaction.options.getString('article') ?? ''} in ${interaction.options.getString('language') ?? 'en'}`;
      for await (const delta of model.stream({ messages: [{ role: 'user', content: prompt }] })) text += delta;
      await interaction.editReply({ content: text });
      finishedAt.set(interaction.id, performance.now());
    })().catch((error: unknown) => console.error('bare bot:', error));
  });
  return {
    discord,
    finishedAt,
    async stop() {
      await client.destroy();
      await discord.close();
    },
  };
}
