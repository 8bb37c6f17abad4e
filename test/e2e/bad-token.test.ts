/**
 * A host pastes a wrong DISCORD_TOKEN: Herald must stop with a clear line and a non-zero code,
 * without printing the token it was given.
 */
import { describe, expect, it } from 'vitest';
import { useBotWorld } from './bot-world.js';
import { allOutput, DISCORD_TOKEN, spawnHerald, waitForExit } from '../support/herald-process.js';

const WRONG_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.WrOnG1.not-the-token-discord-knows-5b1f0c9e';

describe('an invalid bot token', () => {
  const world = useBotWorld({
    setUp: 'manual',
    openai: false,
    health: false,
    env: () => ({ DISCORD_TOKEN: WRONG_TOKEN, LOG_LEVEL: 'debug' }),
    checkSecrets: false, // the test checks the output itself, for the wrong token too
  });

  it('GIVEN a token Discord rejects THEN the process exits non-zero with a clear log line and never prints the token', async () => {
    await world.setUp();
    const { discord } = world;
    const herald = spawnHerald(world.env, world.work.dir);
    const exit = await waitForExit(herald, 25_000);

    expect(exit.signal).toBeNull();
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(herald.stderr).toMatch(/could not connect to Discord \(check DISCORD_TOKEN and DISCORD_API_URL\)/);
    expect(herald.stderr).toMatch(/invalid token/i);
    expect(herald.stderr).not.toContain('"msg":"Herald is running"');
    const output = allOutput();
    expect(output).not.toContain(WRONG_TOKEN);
    expect(output).not.toContain(WRONG_TOKEN.split('.')[2]); // the HMAC part, the secret one
    expect(output).not.toContain(DISCORD_TOKEN);
    // Discord saw the attempt, with the wrong token: nothing was registered.
    expect(discord.requests.some((r) => !r.authorized && r.status === 401)).toBe(true);
    expect(discord.commandWrites()).toEqual([]);
  });
});
