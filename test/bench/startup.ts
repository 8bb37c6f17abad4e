/**
 * Start-up bench, whole processes as a user starts them:
 *   - bot: spawn → Herald's commands registered in the guild of a fake Discord on 127.0.0.1, for
 *     `npm start`'s entry (src/launch/start.mjs, compiled dist/), for the TypeScript sources through tsx
 *     (how npm start ran before dist/), and for a bare discord.js bot that logs in and registers
 *     the same commands (the floor);
 *   - console: spawn → exit of a one-shot `summarize ford` without DISCORD_TOKEN (offline), both ways.
 * Runs take turns (bare, compiled, sources, ...) so a busy machine slows all alike; medians are printed.
 *
 *   npm run bench -- startup
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { COMMANDS_DIR, loadCommands } from '../../src/discord/loader.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord } from '../fakes/fake-discord.js';

const RUNS = 9;
/** Goals (issue 12): bot start within this factor of the bare bot, console request under 1 s. */
const BOT_GOAL = 1.5;
const CONSOLE_GOAL_MS = 1_000;

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const COMPILED = ['src/launch/start.mjs'];
const SOURCES = ['--import', 'tsx', 'src/index.ts'];
/** The least a discord.js bot does to register commands: log in, wait for ready, one PUT. */
const BARE_BOT = `
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { readFileSync } from 'node:fs';
const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], partials: [Partials.Channel], rest: { api: process.env.DISCORD_API_URL } });
client.once(Events.ClientReady, (ready) => void ready.application.commands.set(JSON.parse(readFileSync(process.env.COMMANDS_JSON, 'utf8')), process.env.DISCORD_GUILD_ID));
await client.login(process.env.DISCORD_TOKEN);
`;

/** The machine's environment without anything that would point Herald elsewhere. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DISCORD_|OPENAI_|LLM_|STORE_URL|SEEDS_DIR|SHARDS|HEALTH_PORT|LOG_)/.test(name)),
  );
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/**
 * CPU milliseconds (user + system) the process has used so far, from /proc (Linux; NaN elsewhere).
 * Unlike wall time it hardly moves when other work shares the machine.
 */
function cpuMsSoFar(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** Linux's USER_HZ: /proc times are in 1/100 s. */
const CLOCK_TICKS = 100;

interface Start {
  wallMs: number;
  cpuMs: number;
}

/** From spawn until the fake Discord holds the guild's commands: wall and CPU milliseconds. */
async function botStart(args: string[], commandsJson: string, store: string): Promise<Start> {
  const discord = await startFakeDiscord();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: 'ignore',
    env: cleanEnv({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: discord.guild.id,
      STORE_URL: store,
      // A model as configured in production; start-up never calls it, so nothing listens here.
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      LLM_MODEL: 'bench-model',
      COMMANDS_JSON: commandsJson,
    }),
  });
  try {
    while (discord.commands.list(discord.guild.id).length === 0) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} before registering`);
      if (performance.now() - started > 30_000) throw new Error(`${args.join(' ')} registered nothing in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return { wallMs: performance.now() - started, cpuMs: cpuMsSoFar(child.pid) };
  } finally {
    await stop(child);
    await discord.close();
  }
}

/** Milliseconds from spawn to exit of a one-shot console request. */
async function consoleRequest(args: string[], store: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...args, 'summarize', 'ford'], { cwd: ROOT, stdio: 'ignore', env: cleanEnv({ STORE_URL: store }) });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${args.join(' ')} summarize ford exited with ${code}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ms = (value: number) => `${value.toFixed(0).padStart(5)} ms`;

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'herald-startup-'));
  try {
    const built = spawnSync(process.execPath, ['src/launch/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`npm run build failed: ${built.stderr}`);
    const commandsJson = path.join(work, 'commands.json');
    const commands = await loadCommands(COMMANDS_DIR, silentLogger);
    await writeFile(commandsJson, JSON.stringify(commands.map((c) => c.json)));
    const store = `sqlite://${path.join(work, 'herald.sqlite')}`;
    const bare = ['--input-type=module', '-e', BARE_BOT];

    // Warm-up: the disk cache, tsx's transpile cache and the SQLite file; not counted.
    for (const args of [bare, COMPILED, SOURCES]) await botStart(args, commandsJson, store);
    for (const args of [COMPILED, SOURCES]) await consoleRequest(args, store);

    const bot = { bare: [] as Start[], compiled: [] as Start[], sources: [] as Start[] };
    const oneShot = { compiled: [] as number[], sources: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      bot.bare.push(await botStart(bare, commandsJson, store));
      bot.compiled.push(await botStart(COMPILED, commandsJson, store));
      bot.sources.push(await botStart(SOURCES, commandsJson, store));
      oneShot.compiled.push(await consoleRequest(COMPILED, store));
      oneShot.sources.push(await consoleRequest(SOURCES, store));
    }

    const ratio = (a: number[], b: number[]) => median(a.map((value, i) => value / (b[i] ?? Number.NaN)));
    const wall = (starts: Start[]) => starts.map((s) => s.wallMs);
    const cpu = (starts: Start[]) => starts.map((s) => s.cpuMs);
    const spread = (values: number[]) => `[${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}]`;
    console.log(`Herald start-up bench: whole processes, ${RUNS} runs each in turn (medians; min–max in brackets)\n`);
    const botRow = (label: string, starts: Start[]) =>
      console.log(`${label.padEnd(52)} wall ${ms(median(wall(starts)))} ${spread(wall(starts)).padEnd(12)} cpu ${ms(median(cpu(starts)))} ${spread(cpu(starts))}`);
    botRow('bot: spawn → commands registered, bare discord.js', bot.bare);
    botRow('bot: spawn → commands registered, npm start (dist/)', bot.compiled);
    botRow('bot: spawn → commands registered, sources via tsx', bot.sources);
    const row = (label: string, values: number[]) => console.log(`${label.padEnd(52)} wall ${ms(median(values))} ${spread(values)}`);
    row('console: summarize ford, npm start (dist/)', oneShot.compiled);
    row('console: summarize ford, sources via tsx', oneShot.sources);
    console.log('');
    const botRatio = ratio(wall(bot.compiled), wall(bot.bare));
    console.log(`bot start, npm start / bare discord.js:        wall ${botRatio.toFixed(2)}x  cpu ${ratio(cpu(bot.compiled), cpu(bot.bare)).toFixed(2)}x  (goal ≤ ${BOT_GOAL}x: ${botRatio <= BOT_GOAL ? 'met' : 'MISSED'})`);
    console.log(`bot start, sources via tsx / bare discord.js:  wall ${ratio(wall(bot.sources), wall(bot.bare)).toFixed(2)}x  cpu ${ratio(cpu(bot.sources), cpu(bot.bare)).toFixed(2)}x  (how npm start ran before dist/)`);
    const consoleMs = median(oneShot.compiled);
    console.log(`console one-shot, npm start:                   ${consoleMs.toFixed(0)} ms  (goal < ${CONSOLE_GOAL_MS} ms: ${consoleMs < CONSOLE_GOAL_MS ? 'met' : 'MISSED'})`);
    console.log(`console one-shot, npm start / sources via tsx: ${ratio(oneShot.compiled, oneShot.sources).toFixed(2)}x`);
    if (botRatio > BOT_GOAL || consoleMs >= CONSOLE_GOAL_MS) process.exitCode = 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
