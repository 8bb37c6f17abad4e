/**
 * Herald as a child process: runs it exactly as a host does (`node --import tsx src/index.ts`, or
 * `npm start`'s src/launch/start.mjs) with nothing but environment variables, in a scratch folder,
 * against the fake Discord and the fake OpenAI on 127.0.0.1. For Herald inside the test's own
 * process, see ./herald-in-process.ts.
 *
 * Every child carries `HERALD_E2E_RUN=<id of this test file's run>` in its environment, so
 * {@link leftoverProcesses} can prove that no Herald (or redis-server) outlived the suite, without
 * ever looking at processes by name. {@link stopAll} kills only the PIDs this file started.
 * The usual set-up and its checked teardown are in ../e2e/bot-world.ts.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeDiscord, FakeDiscordOptions, PostedMessage } from '../fakes/fake-discord.js';

/** A free TCP port on 127.0.0.1; shared with the redis-server starter. */
export { aFreePort } from '../fakes/redis-server.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'src/index.ts');
const NPM_START = path.join(ROOT, 'src/launch/start.mjs');
// Resolved here: the child runs in a scratch folder with no node_modules of its own.
const TSX = import.meta.resolve('tsx');

/** Marker of this test file's children (vitest runs each file in its own worker process). */
export const RUN_ID = `e2e-${process.pid}-${randomUUID().slice(0, 8)}`;

/** Secrets the suite hands Herald; they must never show up in its output. */
export const OPENAI_KEY = 'sk-e2e-SECRET-openai-7f3a9c0d1e2b4a5f';
/** A bot token in Discord's shape; the fake Discord accepts only this one. */
export const DISCORD_TOKEN = 'MTE5OTk5OTk5OTk5OTk5OTk5.E2eSeC.R3T-discord-token-0123456789abcdef';

/** Options for the fake Discord every suite uses: the secret token above. */
export const FAKE_DISCORD: FakeDiscordOptions = { token: DISCORD_TOKEN };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running Herald process. */
export interface HeraldProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** stdout and stderr so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** The exit, once it happened. */
  readonly exit: Exit | undefined;
  /** Resolves when stderr+stdout match `pattern`; rejects on exit or timeout, quoting the output. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal (no-op once exited). */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILLs it (if still running) and waits for the exit. */
  kill(): Promise<Exit>;
}

/** Every process any suite started in this file, for cleanup and the secrets check. */
const started: HeraldProcess[] = [];
/** Output of every process started in this file, kept after exit. */
export function allOutput(): string {
  return started.map((p) => `${p.stdout}\n${p.stderr}`).join('\n');
}

/** A scratch working folder with a copy of the project's seeds. */
export interface Workdir {
  dir: string;
  seeds: string;
  sqlite(name?: string): string;
  cleanup(): void;
}

export function aWorkdir(): Workdir {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-e2e-'));
  const seeds = path.join(dir, 'seeds');
  cpSync(path.join(ROOT, 'seeds'), seeds, { recursive: true });
  return {
    dir,
    seeds,
    sqlite: (name = 'herald.sqlite') => `sqlite://${path.join(dir, 'data', name)}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Environment for bot mode against the fakes; `extra` wins. Only PATH is taken from the parent. */
export function botEnv(
  work: Workdir,
  discord: FakeDiscord,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '',
    HERALD_E2E_RUN: RUN_ID,
    SEEDS_DIR: work.seeds,
    STORE_URL: 'memory://',
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guild.id,
    OPENAI_API_KEY: OPENAI_KEY,
    LLM_MODEL: 'fake-model',
    // Tests ask many uncached questions as one user; the cooldown has its own unit tests.
    USER_COOLDOWN_PER_MINUTE: '1000',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * How Herald is started: from the TypeScript sources through tsx (the suites' default: tests run on
 * sources), or through `npm start`'s entry, src/launch/start.mjs, which runs the compiled dist/.
 */
export type Entry = 'sources' | 'npm-start';

/** Starts Herald in `cwd` with exactly `env` (and `args`, e.g. a console request). */
export function spawnHerald(env: Record<string, string>, cwd: string, options: { entry?: Entry; args?: string[] } = {}): HeraldProcess {
  const entry = options.entry === 'npm-start' ? [NPM_START] : ['--import', TSX, ENTRY];
  const child = spawn(process.execPath, [...entry, ...(options.args ?? [])], {
    cwd,
    env: { HERALD_E2E_RUN: RUN_ID, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start Herald');
  let stdout = '';
  let stderr = '';
  let exit: Exit | undefined;
  const changes = new Set<() => void>();
  const changed = () => {
    for (const listener of [...changes]) listener();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    changed();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    changed();
  });
  const exited = new Promise<Exit>((resolve) => {
    // 'close' rather than 'exit': all output has been read by then.
    child.once('close', (code, signal) => {
      exit = { code, signal };
      changed();
      resolve(exit);
    });
  });
  const herald: HeraldProcess = {
    child,
    pid: child.pid,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    get exit() {
      return exit;
    },
    waitForOutput(pattern, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) {
            done();
            resolve();
          } else if (exit) {
            done();
            reject(new Error(`Herald exited (${JSON.stringify(exit)}) before printing ${pattern}\n${tail(stderr)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Herald did not print ${pattern} within ${timeoutMs} ms\n${tail(stderr)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          changes.delete(check);
        };
        changes.add(check);
        check();
      });
    },
    signal(signal) {
      if (!exit) child.kill(signal);
    },
    async kill() {
      if (!exit) child.kill('SIGKILL');
      return exited;
    },
  };
  started.push(herald);
  return herald;
}

/** What a one-shot run printed, and its exit code (null when a signal ended it). */
export interface HeraldRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs Herald once as `npm start -- <args>` would, in `cwd` with exactly `env`, `input` on its
 * standard input; resolves when it has exited (killed after 60 s). `started` gets the child, to
 * signal it.
 */
export function runHeraldOnce(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; input?: string; started?: (child: ChildProcess) => void },
): Promise<HeraldRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd: options.cwd, env: options.env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
    options.started?.(child);
  });
}

/** Starts Herald in bot mode and waits until it says it is running (commands registered, health up). */
export async function spawnHeraldBot(env: Record<string, string>, cwd: string, entry: Entry = 'sources'): Promise<HeraldProcess> {
  const herald = spawnHerald(env, cwd, { entry });
  await herald.waitForOutput(/"msg":"Herald is running"/, 25_000);
  return herald;
}

/** SIGTERMs Herald and waits for its exit. */
export async function stopGracefully(herald: HeraldProcess, timeoutMs = 15_000): Promise<Exit> {
  herald.signal('SIGTERM');
  return waitForExit(herald, timeoutMs);
}

/** Waits for Herald to exit by itself; rejects (quoting its log) after `timeoutMs`. */
export async function waitForExit(herald: HeraldProcess, timeoutMs = 15_000): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Herald did not exit within ${timeoutMs} ms\n${tail(herald.stderr)}`)), timeoutMs);
  });
  try {
    return await Promise.race([herald.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every process this file started that is still running (by PID, SIGKILL). */
export async function stopAll(): Promise<void> {
  await Promise.all(started.map((herald) => herald.kill()));
}

/**
 * PIDs of live processes carrying this file's marker in their environment. Reads /proc directly:
 * nothing is matched by name, and processes of other users (unreadable) are skipped.
 */
export function leftoverProcesses(): number[] {
  const marker = Buffer.from(`HERALD_E2E_RUN=${RUN_ID}\0`);
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // no /proc (not Linux): tracked PIDs are still checked by the caller
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`);
      if (environ.includes(marker)) {
        const state = /^State:\s+(\w)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
        if (state !== 'Z') found.push(Number(entry));
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** True while a PID this file started is still alive. */
export function trackedAlive(): number[] {
  return started.filter((herald) => herald.exit === undefined).map((herald) => herald.pid);
}

/** GET on the health server; a refused connection counts as status 0. */
export async function httpGet(port: number, pathname: string): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/** Polls `probe` every 100 ms until it returns a value (not undefined/false), or throws after `timeoutMs`. */
export async function poll<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until /healthz answers `status`; returns the body of that answer. */
export function waitForHealth(port: number, status: number, timeoutMs = 15_000): Promise<string> {
  return poll(async () => {
    const answer = await httpGet(port, '/healthz');
    return answer.status === status ? answer.body : undefined;
  }, `/healthz to answer ${status}`, timeoutMs);
}

/** Everything a set of messages shows: content, embed titles, descriptions and footers. */
export function shownText(messages: readonly PostedMessage[]): string {
  return messages
    .flatMap((posted) => {
      const embeds = (posted.message.embeds as { title?: string; description?: string; footer?: { text?: string } }[] | undefined) ?? [];
      return [
        ...(posted.message.content ? [posted.message.content] : []),
        ...embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '']),
      ];
    })
    .join('\n');
}

/** The visible (not deleted) messages Herald sent for an interaction: the original, then follow-ups. */
export function answerOf(discord: FakeDiscord, interactionId: string): PostedMessage[] {
  const record = discord.interaction(interactionId);
  return [...(record.original ? [record.original] : []), ...record.followups].filter((m) => m.deletedAt === undefined);
}

/** Resolves when an interaction's answer is final: answered and no REST call of it in flight, stable for a moment. */
export async function waitForFinalAnswer(discord: FakeDiscord, interactionId: string, done: (messages: PostedMessage[]) => boolean, timeoutMs = 20_000): Promise<PostedMessage[]> {
  await discord.waitForAnswer(interactionId, { timeoutMs });
  return discord.waitFor(() => {
    const messages = answerOf(discord, interactionId);
    return done(messages) ? messages : undefined;
  }, `the final answer of interaction ${interactionId}`, { timeoutMs });
}

/** Herald's messages in a DM channel (the user's own message excluded). */
export function botMessagesIn(discord: FakeDiscord, channelId: string): PostedMessage[] {
  return discord.channelMessages(channelId).filter((m) => m.message.author.id === discord.people.bot.id && m.deletedAt === undefined);
}

/** True when the ephemeral flag (64) is set. */
export function isEphemeral(message: PostedMessage | undefined): boolean {
  return ((message?.message.flags ?? 0) & 64) !== 0;
}

/** Signs that an error reached the user or a log raw: a JS stack frame. */
export const STACK_FRAME = /\n\s+at .+\(?(?:file:|\/).+:\d+:\d+\)?/;

/** The value of a Prometheus counter with these labels (0 when absent). */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf('}'));
    const have = new Map<string, string>([...inside.matchAll(/(\w+)="([^"]*)"/g)].map((m): [string, string] => [m[1] ?? '', m[2] ?? '']));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) return Number(line.slice(line.indexOf('}') + 1).trim());
  }
  return 0;
}

function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
