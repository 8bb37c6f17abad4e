/**
 * Sharded mode as a host starts it: SHARDS set, Herald runs a sharding manager whose shard is Herald
 * again. A stop signal ends the shard gracefully and the manager exits with the shutdown's code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { ROOT, spawnHerald, stopAll, waitForExit } from '../support/herald-process.js';

describe('sharded mode', () => {
  const world = useBotWorld({ openai: {}, health: false, env: () => ({ SHARDS: '1' }) });

  afterEach(async () => {
    await stopAll();
  });

  it('GIVEN SHARDS=1 WHEN SIGTERM THEN the manager stops its shard and exits 0', async () => {
    // In the project folder: the manager starts its shard with tsx from the project's node_modules.
    const herald = spawnHerald(world.env, ROOT);
    await herald.waitForOutput(/"msg":"all shards spawned"/, 40_000);
    herald.signal('SIGTERM');
    const exit = await waitForExit(herald, 30_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(herald.stderr).toContain('"msg":"shard stopped"');
  }, 80_000);
});
