/**
 * HEALTH_PORT already taken (another Herald, a leftover process): Herald says so in one line and
 * exits 2 before connecting to Discord.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { spawnHerald, waitForExit } from '../support/herald-process.js';

describe('a HEALTH_PORT that is already in use', () => {
  let squatter: Server | undefined;
  const world = useBotWorld({ setUp: 'manual', openai: false });

  afterAll(async () => {
    await new Promise<void>((resolve) => (squatter ? squatter.close(() => resolve()) : resolve()));
  });

  it('GIVEN the port is taken THEN one "Herald cannot start" line naming HEALTH_PORT, exit 2, and Discord was never contacted', async () => {
    await world.setUp();
    squatter = createServer();
    await new Promise<void>((resolve) => squatter!.listen(world.healthPort, resolve));
    const herald = spawnHerald(world.env, world.work.dir);
    const exit = await waitForExit(herald, 20_000);

    expect(exit).toEqual({ code: 2, signal: null });
    expect(herald.stderr).toMatch(/^Herald cannot start: Health server could not start: port \*:\d+ is already in use \(HEALTH_PORT\)$/m);
    expect(herald.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(world.discord.requests).toEqual([]);
  });
});
