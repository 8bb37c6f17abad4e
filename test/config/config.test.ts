import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig, secretsOf, selectedProvider } from '../../src/config.js';

const root = path.resolve(import.meta.dirname, '../..');

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, root);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('GIVEN .env.example copied as it is THEN every name in it is a setting Herald knows and its values load', () => {
    const lines = readFileSync(path.join(root, '.env.example'), 'utf8').split('\n');
    const assignments = (pattern: RegExp) =>
      lines.map((line) => pattern.exec(line.trim())).filter((match): match is RegExpExecArray => match !== null);
    const named = assignments(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/u).map((match) => match[1]);
    expect(named).toContain('DISCORD_TOKEN');
    for (const name of named) expect(Object.keys(configSchema.shape)).toContain(name);
    const set: Record<string, string> = Object.fromEntries(assignments(/^([A-Z][A-Z0-9_]*)=(.*)$/u).map((match) => [match[1] ?? '', match[2] ?? '']));
    expect(() => loadConfig(set, root)).not.toThrow();
  });

  it('GIVEN an empty environment THEN applies the documented defaults', () => {
    const config = loadConfig({}, root);
    expect(config.STORE_URL).toBe('sqlite://data/herald.sqlite');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.LLM_PROVIDER).toBe('auto');
    expect(config.SEEDS_DIR).toBe(path.join(root, 'seeds'));
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(selectedProvider(config)).toBe('offline');
  });

  it('GIVEN empty strings THEN treats them as unset', () => {
    const config = loadConfig({ DISCORD_TOKEN: '', OPENAI_BASE_URL: '', HEALTH_PORT: '' }, root);
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.HEALTH_PORT).toBeUndefined();
  });

  it('GIVEN OPENAI_BASE_URL or OPENAI_API_KEY THEN selects the openai provider unless forced offline', () => {
    expect(selectedProvider(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, root))).toBe('openai');
    expect(selectedProvider(loadConfig({ OPENAI_API_KEY: 'sk-test' }, root))).toBe('openai');
    expect(selectedProvider(loadConfig({ OPENAI_API_KEY: 'sk-test', LLM_PROVIDER: 'offline' }, root))).toBe('offline');
  });

  it('GIVEN a STORE_URL with an unknown scheme THEN names the variable and the accepted schemes', () => {
    const problems = problemsOf({ STORE_URL: 'mongodb://localhost' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^STORE_URL: .*sqlite:\/\/.*redis:\/\/.*memory:\/\//);
  });

  it('GIVEN LOG_LEVEL=loud THEN lists the valid levels', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent$/),
    ]);
  });

  it('GIVEN a SEEDS_DIR that does not exist THEN says so', () => {
    expect(problemsOf({ SEEDS_DIR: 'no-such-folder' })).toEqual(['SEEDS_DIR: folder "no-such-folder" does not exist']);
  });

  it('GIVEN choices in another case THEN they are read (LOG_LEVEL=DEBUG, LLM_PROVIDER=Offline)', () => {
    const config = loadConfig({ LOG_LEVEL: ' DEBUG ', LLM_PROVIDER: 'Offline' }, root);
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.LLM_PROVIDER).toBe('offline');
  });

  it('GIVEN LLM_PROVIDER=openai without a key or a base URL THEN a setting problem, not a crash later', () => {
    expect(problemsOf({ LLM_PROVIDER: 'openai' })).toEqual(['LLM_PROVIDER: openai needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a local or other compatible server)']);
    expect(selectedProvider(loadConfig({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, root))).toBe('openai');
  });

  it('GIVEN SEEDS_DIR naming a file or a fraction where a whole number belongs THEN the line says exactly that', () => {
    expect(problemsOf({ SEEDS_DIR: 'package.json' })).toEqual(['SEEDS_DIR: "package.json" is a file, not a folder']);
    expect(problemsOf({ LLM_TIMEOUT_MS: '1.5' })).toEqual(['LLM_TIMEOUT_MS: must be a whole number']);
    expect(problemsOf({ LLM_TIMEOUT_MS: 'soon' })).toEqual(['LLM_TIMEOUT_MS: must be a number']);
  });

  it('GIVEN several bad values THEN reports one line per problem', () => {
    const problems = problemsOf({ LOG_LEVEL: 'loud', HEALTH_PORT: 'abc', LLM_PROVIDER: 'gpt', SHARDS: '0' });
    expect(problems.map((line) => line.split(':')[0]).sort()).toEqual(['HEALTH_PORT', 'LLM_PROVIDER', 'LOG_LEVEL', 'SHARDS']);
  });

  it('GIVEN a missing SEEDS_DIR among other bad values THEN reports it too', () => {
    expect(problemsOf({ STORE_URL: 'ftp://x', SEEDS_DIR: '/nope' }).map((line) => line.split(':')[0])).toEqual(['STORE_URL', 'SEEDS_DIR']);
  });

  it('GIVEN a secret in a bad variable THEN the problem text never contains it', () => {
    const secret = 'mfa.VERY-SECRET-TOKEN-VALUE';
    const problems = problemsOf({ OPENAI_BASE_URL: secret, DISCORD_GUILD_ID: secret, HEALTH_PORT: secret });
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('GIVEN SHARDS=auto or a number THEN parses it', () => {
    expect(loadConfig({ SHARDS: 'auto' }, root).SHARDS).toBe('auto');
    expect(loadConfig({ SHARDS: '4' }, root).SHARDS).toBe(4);
    expect(loadConfig({}, root).SHARDS).toBeUndefined();
  });

  it('GIVEN a relative SEEDS_DIR THEN resolves it against the working folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-seeds-'));
    expect(loadConfig({ SEEDS_DIR: path.relative(root, dir) }, root).SEEDS_DIR).toBe(dir);
  });
});

describe('secretsOf', () => {
  it('GIVEN a token and a key THEN returns both, and nothing for short placeholders', () => {
    expect(secretsOf({ DISCORD_TOKEN: 'abcd.efgh', OPENAI_API_KEY: 'sk-1234' })).toEqual(['abcd.efgh', 'sk-1234']);
    expect(secretsOf({ DISCORD_TOKEN: undefined, OPENAI_API_KEY: 'x' })).toEqual([]);
  });

  it('GIVEN no feed settings THEN no operator feeds, a 15 minute interval and private networks refused', () => {
    const config = loadConfig({}, root);
    expect(config.FEEDS).toEqual([]);
    expect(config.FEED_INTERVAL_MINUTES).toBe(15);
    expect(config.ALLOW_PRIVATE_NETWORKS).toBe(false);
  });

  it('GIVEN FEEDS with spaces and empty entries THEN the URLs in order, blanks dropped', () => {
    const config = loadConfig({ FEEDS: ' https://a.example/rss , ,http://b.example/feed.xml,', ALLOW_PRIVATE_NETWORKS: 'TRUE' }, root);
    expect(config.FEEDS).toEqual(['https://a.example/rss', 'http://b.example/feed.xml']);
    expect(config.ALLOW_PRIVATE_NETWORKS).toBe(true);
  });

  it('GIVEN a feed that is not http(s), an interval of 0 or a flag that is not true/false THEN each is named', () => {
    const problems = problemsOf({ FEEDS: 'https://a.example/rss,ftp://b.example/x', FEED_INTERVAL_MINUTES: '0', ALLOW_PRIVATE_NETWORKS: 'maybe' });
    expect(problems).toHaveLength(3);
    expect(problems).toContainEqual(expect.stringMatching(/^FEEDS: every feed must be an http/));
    expect(problems).toContainEqual(expect.stringMatching(/^FEED_INTERVAL_MINUTES: is out of range/));
    expect(problems).toContainEqual(expect.stringMatching(/^ALLOW_PRIVATE_NETWORKS: must be one of .*true, false/));
  });
});
