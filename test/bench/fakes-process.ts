/**
 * A child process of the Discord bench that hosts its fakes, so that the bots under test do not share
 * an event loop or CPU time with them, as in production, where Discord and the model are remote.
 * `discord`: two fake Discords, one for Herald and one for the bare bot. `model`: the fake
 * OpenAI-compatible server both bots and the "model alone" client call. The parent drives it over
 * IPC (remote-fakes.ts); times it returns are this process's performance.now().
 */
import { performance } from 'node:perf_hooks';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeOpenAI, type FakeChatMessage } from '../fakes/fake-openai.js';
import type { FakeCall, FakeReplyMessage, BotName, RemoteRecord } from './remote-fakes.js';

const SUMMARY = 'A short summary of the article. It has two sentences.';

type Handler = (call: FakeCall) => unknown;

async function discordRole(): Promise<Handler> {
  const fakes: Record<BotName, FakeDiscord> = { herald: await startFakeDiscord(), bare: await startFakeDiscord() };
  const answered = (fake: FakeDiscord) => Object.values(fake.requestCounts()).reduce((sum, n) => sum + n, 0);
  return (call) => {
    switch (call.op) {
      case 'info':
        return Object.fromEntries(Object.entries(fakes).map(([bot, fake]) => [bot, { token: fake.token, apiUrl: fake.apiUrl, guildId: fake.guild.id }]));
      case 'send':
        return call.requests.map(
          (request) => fakes[call.bot].sendCommand('summarize', { article: request.article, length: call.length, language: request.language }).id,
        );
      case 'records':
        return call.ids.map((id): RemoteRecord => {
          const record = fakes[call.bot].interaction(id);
          const first = record.callbacks[0];
          const lastEdit = record.original?.edits.at(-1);
          return {
            dispatchedAt: record.dispatchedAt,
            first: first && { type: first.type, at: first.at, data: first.data as FakeReplyMessage | undefined },
            answeredAt: lastEdit?.at ?? (first?.type === 4 ? first.at : undefined),
          };
        });
      case 'answered':
        return answered(fakes[call.bot]);
      case 'violations':
        return fakes.herald.violations.length + fakes.bare.violations.length;
      case 'now':
        return performance.now();
      default:
        throw new Error(`the discord fakes have no "${call.op}"`);
    }
  };
}

async function modelRole(): Promise<Handler> {
  let delayMs = 0;
  /** When each chat request reached the model, in arrival order. */
  const arrivals: number[] = [];
  /** Each chat request's messages and token limit, in arrival order: the model-alone client replays them. */
  const asked: { messages: FakeChatMessage[]; maxTokens: number | undefined }[] = [];
  const openai = await startFakeOpenAI({
    reply: async (request) => {
      arrivals.push(performance.now());
      const maxTokens = request.body?.max_tokens ?? request.body?.max_completion_tokens;
      asked.push({ messages: request.messages, maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      // As a real model does: a summary in another language starts with the translated headline.
      return /<headline>the headline in /.test(request.text) ? `<headline>A translated headline</headline>\n\n${SUMMARY}` : SUMMARY;
    },
  });
  return (call) => {
    switch (call.op) {
      case 'info':
        return openai.url;
      case 'delay':
        delayMs = call.ms;
        return delayMs;
      case 'calls':
        return openai.callCount;
      case 'arrivals':
        return arrivals.slice(call.from);
      case 'asked':
        return asked.slice(call.from, call.to);
      case 'now':
        return performance.now();
      default:
        throw new Error(`the model fake has no "${call.op}"`);
    }
  };
}

const role = process.argv[2];
const handle = await (role === 'discord' ? discordRole() : role === 'model' ? modelRole() : Promise.reject(new Error(`unknown role ${role}`)));
// The parent going away (even killed) ends this process too.
process.on('disconnect', () => process.exit(0));
process.on('message', (message: { seq: number; call: FakeCall }) => {
  let reply: { seq: number; result?: unknown; error?: string };
  try {
    reply = { seq: message.seq, result: handle(message.call) };
  } catch (error) {
    reply = { seq: message.seq, error: String(error) };
  }
  process.send?.(reply);
});
process.send?.({ seq: 0, result: 'ready' });
