/**
 * The Discord bench's side of its fakes' child processes (fakes-process.ts): starts them, calls them
 * over IPC, and maps their clock onto this process's, so that a final answer timed here can be set
 * against the dispatch time the fake Discord recorded there.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIEmbed } from 'discord.js';

export type BotName = 'herald' | 'bare';
export type BenchRequest = { article: string; language: string };
/** A reply's message as the fake Discord recorded it. */
export interface FakeReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
}
/** An interaction as the fake Discord saw it; times on the child's clock. */
export interface RemoteRecord {
  dispatchedAt: number;
  first: { type: number; at: number; data: FakeReplyMessage | undefined } | undefined;
  /** When Discord had the whole answer: the last edit of the deferred reply, or the reply itself. */
  answeredAt: number | undefined;
}
/** Where a bot logs in. */
export interface DiscordLogin {
  token: string;
  apiUrl: string;
  guildId: string;
}

/** What the parent can ask a fakes process. */
export type FakeCall =
  | { op: 'info' }
  | { op: 'now' }
  | { op: 'send'; bot: BotName; requests: BenchRequest[]; length: string }
  | { op: 'records'; bot: BotName; ids: string[] }
  | { op: 'answered'; bot: BotName }
  | { op: 'violations' }
  | { op: 'delay'; ms: number }
  | { op: 'calls' }
  | { op: 'arrivals'; from: number }
  | { op: 'asked'; from: number; to: number };

type Reply = { seq: number; result?: unknown; error?: string };

class FakesProcess {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.seq);
      this.pending.delete(reply.seq);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result);
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`fakes process exited (${code})`));
      this.pending.clear();
    });
  }

  call<T>(call: FakeCall): Promise<T> {
    this.seq += 1;
    const seq = this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: (value) => resolve(value as T), reject });
      this.child.send({ seq, call });
    });
  }

  /** Resolves once the child's fakes listen (its first message). */
  ready(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(0, { resolve, reject });
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}

async function startFakesProcess(role: 'discord' | 'model'): Promise<FakesProcess> {
  // Under tsx the parent's --import tsx comes along through execArgv; compiled (compiled.ts), the
  // sibling .js runs as it is.
  const child = fork(path.join(import.meta.dirname, `fakes-process${path.extname(import.meta.filename)}`), [role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const fakes = new FakesProcess(child);
  await fakes.ready();
  return fakes;
}

/** Both fake Discords in their child process. */
export interface RemoteDiscord {
  logins: Record<BotName, DiscordLogin>;
  /** Dispatches one /summarize per request at once; the interaction ids. */
  send(bot: BotName, requests: BenchRequest[], length: string): Promise<string[]>;
  records(bot: BotName, ids: string[]): Promise<RemoteRecord[]>;
  /** Requests the bot's fake Discord answered so far. */
  answered(bot: BotName): Promise<number>;
  violations(): Promise<number>;
  /** This process's performance.now() as the child's clock reads it. */
  toChildClock(ms: number): number;
  stop(): Promise<void>;
}

/**
 * The child's clock minus this one's, from the IPC round trip that was quickest of several (its
 * midpoint is when the child read its clock, within half that round trip: well under a millisecond).
 */
async function clockOffset(fakes: FakesProcess): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 20; i += 1) {
    const sent = performance.now();
    const child = await fakes.call<number>({ op: 'now' });
    const back = performance.now();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: child - (sent + back) / 2 };
  }
  return best.offset;
}

export async function startRemoteDiscord(): Promise<RemoteDiscord> {
  const fakes = await startFakesProcess('discord');
  const logins = await fakes.call<Record<BotName, DiscordLogin>>({ op: 'info' });
  const offset = await clockOffset(fakes);
  return {
    logins,
    send: (bot, requests, length) => fakes.call({ op: 'send', bot, requests, length }),
    records: (bot, ids) => fakes.call({ op: 'records', bot, ids }),
    answered: (bot) => fakes.call({ op: 'answered', bot }),
    violations: () => fakes.call({ op: 'violations' }),
    toChildClock: (ms) => ms + offset,
    stop: () => fakes.stop(),
  };
}

/** One chat request as the fake model received it. */
export interface AskedOfModel {
  messages: { role: string; content: string }[];
  maxTokens: number | undefined;
}

/** The fake model in its child process. */
export interface RemoteModel {
  url: string;
  setDelay(ms: number): Promise<unknown>;
  calls(): Promise<number>;
  /** When the model received its chat requests from the `from`th on, on this process's clock. */
  arrivals(from: number): Promise<number[]>;
  /** The chat requests from the `from`th up to the `to`th (excluded): their messages and token limits. */
  asked(from: number, to: number): Promise<AskedOfModel[]>;
  stop(): Promise<void>;
}

export async function startRemoteModel(): Promise<RemoteModel> {
  const fakes = await startFakesProcess('model');
  const offset = await clockOffset(fakes);
  return {
    url: await fakes.call<string>({ op: 'info' }),
    setDelay: (ms) => fakes.call({ op: 'delay', ms }),
    calls: () => fakes.call({ op: 'calls' }),
    arrivals: async (from) => (await fakes.call<number[]>({ op: 'arrivals', from })).map((at) => at - offset),
    asked: (from, to) => fakes.call<AskedOfModel[]>({ op: 'asked', from, to }),
    stop: () => fakes.stop(),
  };
}
