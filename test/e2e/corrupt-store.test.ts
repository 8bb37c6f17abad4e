/**
 * STORE_URL names a file that is not a SQLite database (garbage bytes, another program's file):
 * bot mode decides once, at start-up, with one message and exit 2, before Discord is contacted,
 * and leaves the file exactly as it found it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { spawnHerald, waitForExit } from '../support/herald-process.js';

describe('a corrupt SQLite file in bot mode', () => {
  const world = useBotWorld({
    setUp: 'manual',
    openai: false,
    env: (w) => ({ STORE_URL: `sqlite://${path.join(w.work.dir, 'herald.sqlite')}` }),
  });

  it('GIVEN garbage bytes at STORE_URL THEN exactly one "not a SQLite database" message, exit 2, Discord never contacted, file untouched', async () => {
    await world.setUp();
    const file = path.join(world.work.dir, 'herald.sqlite');
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256));
    writeFileSync(file, garbage);
    const herald = spawnHerald(world.env, world.work.dir);
    const exit = await waitForExit(herald, 20_000);

    expect(exit).toEqual({ code: 2, signal: null });
    expect(herald.stdout).toBe('');
    const lines = herald.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Herald cannot start: .*herald\.sqlite is not a SQLite database\b.*STORE_URL=sqlite:\/\//);
    expect(herald.stderr).not.toMatch(/answering without the cache|move the file|\n\s+at /i);
    expect(world.discord.requests).toEqual([]);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });
});
