import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { ROOT, runHeraldOnce, type HeraldRun } from '../support/herald-process.js';

/** Runs Herald as `npm start` would, in a scratch folder, with only the given environment. */
function herald(args: string[], env: Record<string, string> = {}, input?: string): Promise<HeraldRun> {
  const store = `sqlite://${path.join(workdir, 'herald.sqlite')}`;
  return runHeraldOnce(args, { cwd: workdir, env: { PATH: process.env.PATH ?? '', SEEDS_DIR: seeds, STORE_URL: store, ...env }, ...(input === undefined ? {} : { input }) });
}

let workdir: string;
let seeds: string;

beforeAll(() => {
  workdir = mkdtempSync(path.join(tmpdir(), 'herald-console-'));
  seeds = path.join(workdir, 'seeds');
  cpSync(path.join(ROOT, 'seeds'), seeds, { recursive: true });
});

describe('console, one request per run', () => {
  it('GIVEN "summarize ford" with no keys THEN prints an extractive German summary and exits 0', async () => {
    const run = await herald(['summarize', 'ford', 'short']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft');
    expect(run.stdout).toContain('Der amerikanische Automobilkonzern Ford Motor Company');
    expect(run.stdout).toContain('offline/extractive');
  });

  it('GIVEN slash syntax THEN answers the same request', async () => {
    const run = await herald(['/quote', 'article:xiaomi', 'count:2']);
    expect(run.code).toBe(0);
    // The article has no quotation marks of its own, and Herald adds none: each line starts with the passage.
    expect(run.stdout).toMatch(/^1\. \p{Lu}/mu);
    expect(run.stdout).toMatch(/^2\. \p{Lu}/mu);
  });

  it('GIVEN an unknown request THEN prints help and exits non-zero', async () => {
    const run = await herald(['make', 'coffee']);
    expect(run.code).toBe(64);
    expect(run.stdout).toContain('I did not understand “make coffee”');
    expect(run.stdout).toContain('summarize ford');
  });

  it('GIVEN an unknown article THEN says so politely and exits 1', async () => {
    const run = await herald(['summarize', 'volkswagen']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/I could not find an article matching “volkswagen”/u);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/u);
  });

  it('GIVEN a quote count out of range in plain words THEN refuses as the slash command does, and exits 1', async () => {
    const run = await herald(['quotes', 'ford', '11']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The number of quotes must be a whole number from 1 to 10.');
  });

  it('GIVEN an article that is only a headline THEN the summary is that headline', async () => {
    const flashes = mkdtempSync(path.join(tmpdir(), 'herald-flash-'));
    writeFileSync(path.join(flashes, 'flash.txt'), 'Eilmeldung: Streik bei der Bahn beendet\n');
    const run = await herald(['summarize', 'flash'], { SEEDS_DIR: flashes });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Streik bei der Bahn beendet[\s\S]*Streik bei der Bahn beendet/u);
  });

  it('GIVEN translate without an LLM THEN names the fix and exits 1', async () => {
    const run = await herald(['translate', 'ford', 'to', 'english']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('OPENAI_BASE_URL');
  });
});

describe('console, piped input', () => {
  it('GIVEN several lines on standard input THEN answers each in order until end of input', async () => {
    const run = await herald([], {}, 'articles\nsummarize ford short\n\nhelp\n');
    expect(run.code).toBe(0);
    const articles = run.stdout.indexOf('1 article(s):');
    const summary = run.stdout.indexOf('# Ford führte');
    const help = run.stdout.indexOf('Plain words:');
    expect(articles).toBeGreaterThanOrEqual(0);
    expect(summary).toBeGreaterThan(articles);
    expect(help).toBeGreaterThan(summary);
  });

  it('GIVEN a failing line among good ones THEN answers all and exits 1', async () => {
    const run = await herald([], {}, 'summarize nosuchthing\nsummarize ford short\n');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('I could not find an article matching');
    expect(run.stdout).toContain('# Ford führte');
  });

  it('GIVEN a line it cannot read among refused and good ones THEN answers all and exits 64, as a one-shot run would', async () => {
    const run = await herald([], {}, 'summarize nosuchthing\nmake coffee\nsummarize ford short\n');
    expect(run.code).toBe(64);
    expect(run.stdout).toContain('I did not understand “make coffee”');
    expect(run.stdout).toContain('# Ford führte');
  });
});

describe('console start-up errors', () => {
  it('GIVEN no DISCORD_TOKEN, no arguments and standard input that ends before its first byte THEN says so on stderr and exits 2', async () => {
    const run = await herald([], {}, '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DISCORD_TOKEN is not set');
    expect(run.stderr).toContain('npm start -- summarize ford');
    expect(run.stdout).toBe('');
  });

  it('GIVEN only an empty line on standard input THEN that is a script with nothing to ask: exit 0, no start-up complaint', async () => {
    const run = await herald([], {}, '\n');
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('DISCORD_TOKEN');
  });

  it('GIVEN invalid settings THEN prints one line per problem, no stack trace, and exits 2', async () => {
    const run = await herald(['help'], { LOG_LEVEL: 'loud', STORE_URL: 'mongodb://x', SEEDS_DIR: 'nowhere' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LOG_LEVEL: must be one of');
    expect(run.stderr).toContain('STORE_URL: must start with sqlite://');
    expect(run.stderr).not.toMatch(/\n\s+at /u);
  });

  it('GIVEN a corrupt SQLite file THEN prints one message (not a SQLite database, point STORE_URL elsewhere), leaves the file alone and exits 2', async () => {
    const file = path.join(workdir, 'corrupt.sqlite');
    const garbage = Buffer.from('this is not a database, just text '.repeat(200));
    writeFileSync(file, garbage);
    const run = await herald(['summarize', 'ford'], { STORE_URL: `sqlite://${file}` });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Herald cannot start: /u);
    expect(lines[0]).toContain(`${file} is not a SQLite database`);
    expect(lines[0]).toContain('STORE_URL=sqlite://');
    expect(lines[0]).not.toMatch(/answering without the cache|move the file/iu);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('GIVEN a corrupt SQLite file with a -wal beside it THEN never advises moving the file, and leaves both alone', async () => {
    const file = path.join(workdir, 'corrupt-wal.sqlite');
    writeFileSync(file, Buffer.alloc(4096, 0xab));
    writeFileSync(`${file}-wal`, Buffer.alloc(4096, 0xcd));
    const run = await herald(['summarize', 'ford'], { STORE_URL: `sqlite://${file}` });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('is not a SQLite database');
    expect(run.stderr).not.toMatch(/\b(move|rename|delete|remove)\b/iu);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 0xab))).toBe(true);
    expect(readFileSync(`${file}-wal`).equals(Buffer.alloc(4096, 0xcd))).toBe(true);
  });

  it('GIVEN a SQLite file with a valid header but garbage pages THEN prints one message and exits 2', async () => {
    const file = path.join(workdir, 'malformed.sqlite');
    const header = Buffer.from('SQLite format 3\0', 'latin1');
    writeFileSync(file, Buffer.concat([header, Buffer.alloc(8192 - header.length, 0x5a)]));
    const run = await herald(['summarize', 'ford'], { STORE_URL: `sqlite://${file}` });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Herald cannot start: /u);
    expect(run.stderr).not.toMatch(/answering without the cache/iu);
  });

  it('GIVEN an empty SQLite file THEN uses it as a new store', async () => {
    const file = path.join(workdir, 'empty.sqlite');
    writeFileSync(file, '');
    const run = await herald(['summarize', 'ford', 'short'], { STORE_URL: `sqlite://${file}` });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('GIVEN a read-only folder for the SQLite file THEN says what to do and exits 2', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes; a path below a regular file can never be created, by anyone.
      const blocker = path.join(workdir, 'a-file');
      writeFileSync(blocker, 'x');
      const run = await herald(['summarize', 'ford'], { STORE_URL: `sqlite://${path.join(blocker, 'herald.sqlite')}` });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/cannot be read or written/u);
      return;
    }
    const folder = mkdtempSync(path.join(workdir, 'ro-'));
    chmodSync(folder, 0o555);
    const run = await herald(['summarize', 'ford'], { STORE_URL: `sqlite://${path.join(folder, 'herald.sqlite')}` });
    expect(run.code).toBe(2);
  });
});

describe('console with an OpenAI-compatible server', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ reply: () => 'Ford held talks with China\'s Xiaomi about an EV partnership.' });
  });
  afterAll(async () => fake.close());

  it('GIVEN the same translation asked in two processes THEN the model is called once and the second answer comes from the SQLite cache', async () => {
    const env = { OPENAI_BASE_URL: fake.url, LLM_MODEL: 'fake-model', STORE_URL: `sqlite://${path.join(workdir, 'shared.sqlite')}` };
    const first = await herald(['translate', 'ford', 'to', 'english'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Xiaomi about an EV partnership');
    const calls = fake.completions.length;
    expect(calls).toBeGreaterThan(0);
    expect(fake.completions[0]?.text).toContain('English');
    expect(fake.completions[0]?.text).toContain('Xiaomi');

    const second = await herald(['translate', 'ford', 'to', 'english'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Xiaomi about an EV partnership');
    expect(second.stdout).toContain('cache');
    expect(fake.completions.length).toBe(calls);
  });

  it('GIVEN an API key THEN it never appears in output, even when the provider rejects it', async () => {
    const key = 'sk-test-SECRET-0123456789abcdef';
    fake.script(reply.error(401), reply.error(401), reply.error(401));
    const run = await herald(['summarize', 'ford', 'in', 'french'], { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: key, LOG_LEVEL: 'debug', STORE_URL: 'memory://' });
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});

/** ESC, BEL and the 8-bit CSI/OSC introducers: nothing of a terminal sequence may reach the screen. */
function hasTerminalControls(text: string): boolean {
  return ['\u0007', '\u001B', '\u009B', '\u009D'].some((control) => text.includes(control));
}

describe('console output is safe for a terminal', () => {
  it('GIVEN input with escape sequences (clear screen, window title, colour) THEN the echo shows the words without them', async () => {
    const run = await herald([], {}, 'make \u001B[2Jcof\u001B]0;pwned\u0007fee\u001B[31m\nsummarize \u009B2Jnosuch\u001B]8;;https://evil.example\u001B\\thing\n');
    expect(run.stdout).toContain('I did not understand “make coffee”');
    expect(run.stdout).toContain('I could not find an article matching “nosuchthing”');
    expect(hasTerminalControls(run.stdout)).toBe(false);
    expect(run.stdout).not.toContain('pwned');
    expect(run.stdout).not.toContain('evil.example');
  });

  it('GIVEN a model answer with terminal escapes and bidi overrides THEN the printed translation has none of them', async () => {
    const fake = await startFakeOpenAI({ reply: () => 'Ford \u001B[2J\u001B]8;;https://evil.example\u0007held\u001B]8;;\u0007 talks\u202E with Xiaomi.\u0007' });
    try {
      const run = await herald(['translate', 'ford', 'to', 'english'], { OPENAI_BASE_URL: fake.url, LLM_MODEL: 'fake-model', STORE_URL: 'memory://' });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Ford held talks with Xiaomi.');
      expect(hasTerminalControls(run.stdout)).toBe(false);
      expect(run.stdout).not.toContain('\u202E');
    } finally {
      await fake.close();
    }
  });

  it('GIVEN a reference of 100,000 characters THEN it answers that no article matches, without crashing', async () => {
    const run = await herald([], {}, `summarize ${'x'.repeat(100_000)}\nquotes ${'ford '.repeat(20_000)}\n`);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/I could not find an article matching “x{10,}…”/u);
    expect(run.stdout).not.toContain('something went wrong');
    expect(run.stderr).not.toContain('RangeError');
    expect(run.stdout.length).toBeLessThan(5_000);
  });

  it('GIVEN an undetermined-language article THEN the listing and the answer say "language unknown", never "und"', async () => {
    const scores = mkdtempSync(path.join(tmpdir(), 'herald-scores-'));
    writeFileSync(path.join(scores, 'scores.txt'), "FCB 3:1 BVB\n\nFCB 3:1 BVB (2:0), 45' 67' 89'; 80.000.\n");
    const run = await herald([], { SEEDS_DIR: scores }, 'articles\nquotes scores 1\n');
    expect(run.stdout).toContain('[language unknown, ');
    expect(run.stdout).toContain('[scores · language unknown · ');
    expect(run.stdout).not.toMatch(/\bund\b/u);
  });

  it('GIVEN a headline-only article asked for quotes THEN it says there is nothing to quote', async () => {
    const flashes = mkdtempSync(path.join(tmpdir(), 'herald-flash-'));
    writeFileSync(path.join(flashes, 'flash.txt'), 'Breaking: the railway strike has ended after three weeks of talks\n');
    const run = await herald(['quotes', 'flash', '3'], { SEEDS_DIR: flashes });
    expect(run.stdout).toContain('This article is only a headline, so there is nothing to quote.');
    expect(run.stdout).not.toContain('Only 0 of the 3');
  });
});
