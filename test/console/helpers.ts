/**
 * The console in this process, built as src/index.ts builds it (real config, createHerald, store,
 * articles), with its input and output as streams a test writes to and reads.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { runConsole } from '../../src/console/console.js';
import { createHerald, type ConsoleHerald } from '../../src/herald.js';
import { createLogger, type Logger } from '../../src/log.js';
import { REPO_SEEDS } from '../support/articles.js';
import { DISTINCT_EVENTS } from '../support/distinct-events.js';

export { REPO_SEEDS };

/** A seeds folder with `count` short English articles `n01`…`nNN`, `n01` the oldest; the first twelve each report another event. */
export function seedsWith(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-console-seeds-'));
  for (let i = 1; i <= count; i++) {
    const id = `n${String(i).padStart(2, '0')}`;
    const file = path.join(dir, `${id}.txt`);
    const event = DISTINCT_EVENTS[(i - 1) % DISTINCT_EVENTS.length]!;
    writeFileSync(file, `Harbour report number ${i}: ${event[0]!.replace(/\.$/, '')}\n\n${event.slice(0, 3).join(' ')}\n`);
    const at = (Date.UTC(2026, 0, 1) + i * 60_000) / 1000;
    utimesSync(file, at, at);
  }
  return dir;
}

/** Text written to a stream, kept for assertions. */
export class Captured extends PassThrough {
  text = '';
  constructor() {
    super();
    this.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
    });
  }
}

export interface InProcessConsole {
  herald: ConsoleHerald;
  output: Captured;
  errors: Captured;
  /** JSON log lines the services wrote. */
  log: Captured;
  logger: Logger;
  /** Runs one request as `npm start -- <words>` would; resolves to the exit code. */
  ask(line: string): Promise<number>;
  close(): Promise<void>;
}

/** Herald and a console over it, from environment variables as src/index.ts reads them. */
export async function inProcessConsole(env: Record<string, string>): Promise<InProcessConsole> {
  const config = loadConfig({ STORE_URL: 'memory://', SEEDS_DIR: REPO_SEEDS, ...env });
  const log = new Captured();
  const logger = createLogger({ level: 'warn', destination: log, pretty: false });
  const herald = await createHerald(config, { logger, watchArticles: false });
  if (herald.mode !== 'console') throw new Error('without DISCORD_TOKEN Herald is a console');
  const output = new Captured();
  const errors = new Captured();
  return {
    herald,
    output,
    errors,
    log,
    logger,
    ask: (line) =>
      runConsole([line], { ...herald, io: { input: new PassThrough(), output, errors } }),
    close: () => herald.close(),
  };
}

/** What one request printed (standard output and error) and its exit code. */
export async function answer(console: InProcessConsole, line: string): Promise<{ code: number; text: string; errors: string }> {
  const before = console.output.text.length;
  const errorsBefore = console.errors.text.length;
  const code = await console.ask(line);
  return { code, text: console.output.text.slice(before), errors: console.errors.text.slice(errorsBefore) };
}
