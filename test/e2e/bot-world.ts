/**
 * The set-up every e2e file shares: a fake Discord, a fake OpenAI, a scratch folder, optionally a
 * redis-server and a running Herald, and the afterAll that tears them down and proves that no
 * process outlived the file and that no secret reached the output.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../fakes/fake-openai.js';
import { startRedisServer, type RedisServer } from '../fakes/redis-server.js';
import {
  aFreePort,
  allOutput,
  aWorkdir,
  botEnv,
  DISCORD_TOKEN,
  FAKE_DISCORD,
  leftoverProcesses,
  OPENAI_KEY,
  RUN_ID,
  spawnHeraldBot,
  stopAll,
  stopGracefully,
  trackedAlive,
  waitForHealth,
  type HeraldProcess,
  type Workdir,
} from '../support/herald-process.js';

export interface BotWorldOptions {
  /** Options of the fake OpenAI (OPENAI_BASE_URL points at it); false: none. Default: it requires OPENAI_KEY. */
  openai?: FakeOpenAIOptions | false;
  /** Start a redis-server (carrying this file's run marker) before Herald. Default false. */
  redis?: boolean;
  /** Give Herald a free HEALTH_PORT. Default true. */
  health?: boolean;
  /** Environment on top of {@link botEnv}'s and the above; sees what is set up before Herald. */
  env?: (world: BotWorld) => Record<string, string | undefined>;
  /** Start Herald during set-up: no (the tests do, from `world.env`), until it runs, or until /healthz is 200. Default 'no'. */
  herald?: 'no' | 'running' | 'healthy';
  /** Set up in beforeAll, or only when a test calls `world.setUp()` (a test that may be skipped). Default 'beforeAll'. */
  setUp?: 'beforeAll' | 'manual';
  /** In afterAll, expect the Herald of the set-up to exit 0 on SIGTERM. Default false. */
  expectGracefulStop?: boolean;
  /** In afterAll, expect neither DISCORD_TOKEN nor OPENAI_KEY in any output of this file's processes. Default true. */
  checkSecrets?: boolean;
}

/** Handles on what the set-up started; reading one that was not (yet) set up throws. */
export interface BotWorld {
  readonly discord: FakeDiscord;
  readonly openai: FakeOpenAI;
  readonly redis: RedisServer;
  readonly work: Workdir;
  readonly healthPort: number;
  /** Herald's environment: {@link botEnv} with the fakes, the health port and `options.env`. */
  readonly env: Record<string, string>;
  /** The Herald started by the set-up (`options.herald`). */
  readonly herald: HeraldProcess;
  /** Sets everything up (once); with `setUp: 'beforeAll'` that has happened before the first test. */
  setUp(): Promise<void>;
}

type Handles = Omit<BotWorld, 'setUp'>;

/** What each handle is called in the error for reading it before it exists. */
const HANDLE_NAMES: Record<keyof Handles, string> = {
  discord: 'fake Discord',
  openai: 'fake OpenAI',
  redis: 'redis-server',
  work: 'work folder',
  healthPort: 'health port',
  env: 'environment',
  herald: 'Herald process',
};

/** Registers the set-up (beforeAll, unless manual) and the checked teardown (afterAll) in the current describe. */
export function useBotWorld(options: BotWorldOptions = {}): BotWorld {
  const state: { -readonly [K in keyof Handles]?: Handles[K] } = {};
  let settingUp: Promise<void> | undefined;

  const setUpOnce = async (): Promise<void> => {
    state.discord = await startFakeDiscord(FAKE_DISCORD);
    if (options.openai !== false) state.openai = await startFakeOpenAI(options.openai ?? { apiKey: OPENAI_KEY });
    if (options.redis) state.redis = await startRedisServer({ env: { HERALD_E2E_RUN: RUN_ID } });
    state.work = aWorkdir();
    if (options.health !== false) state.healthPort = await aFreePort();
    state.env = botEnv(state.work, state.discord, {
      ...(state.openai ? { OPENAI_BASE_URL: state.openai.url } : {}),
      ...(state.healthPort !== undefined ? { HEALTH_PORT: String(state.healthPort) } : {}),
      ...options.env?.(world),
    });
    const start = options.herald ?? 'no';
    if (start !== 'no') state.herald = await spawnHeraldBot(state.env, state.work.dir);
    if (start === 'healthy') await waitForHealth(world.healthPort, 200);
  };

  const world = {
    setUp() {
      settingUp ??= setUpOnce();
      return settingUp;
    },
  } as BotWorld;
  for (const key of Object.keys(HANDLE_NAMES) as (keyof Handles)[]) {
    Object.defineProperty(world, key, {
      enumerable: true,
      get: () => {
        if (state[key] === undefined) throw new Error(`the e2e world has no ${HANDLE_NAMES[key]} (not set up, or not asked for)`);
        return state[key];
      },
    });
  }

  if ((options.setUp ?? 'beforeAll') === 'beforeAll') beforeAll(() => world.setUp());

  afterAll(async () => {
    if (options.expectGracefulStop && state.herald) expect(await stopGracefully(state.herald)).toEqual({ code: 0, signal: null });
    await stopAll();
    await state.redis?.stop();
    await state.discord?.close();
    await state.openai?.close();
    state.work?.cleanup();
    expect(trackedAlive()).toEqual([]);
    expect(leftoverProcesses()).toEqual([]);
    if (options.checkSecrets ?? true) {
      const output = allOutput();
      expect(output).not.toContain(DISCORD_TOKEN);
      expect(output).not.toContain(OPENAI_KEY);
    }
  });

  return world;
}
