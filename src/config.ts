import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseShardsSetting, shardPlan, type ShardsSetting } from './scale/shard-list.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings in the environment mean "not set", as in most hosts' .env files. */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const httpUrl = () =>
  optionalString.refine(
    (value) => value === undefined || /^https?:\/\/[^\s]+$/i.test(value),
    `must be an http:// or https:// URL`,
  );

/** Choices such as LOG_LEVEL=DEBUG or LLM_PROVIDER=OpenAI are read in any case. */
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(values));

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

const storeUrl = z
  .string()
  .trim()
  .default('sqlite://data/herald.sqlite')
  .refine(
    (value) => /^(sqlite:\/\/.+|redis(s)?:\/\/.+|memory:\/\/.*)$/i.test(value),
    'must start with sqlite://, redis://, rediss:// or memory://',
  );

/** A comma-separated list of http(s) URLs; blanks between commas are ignored. */
const feedList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((url) => url.trim()).filter((url) => url !== ''))
  .refine((urls) => urls.every((url) => /^https?:\/\/[^\s]+$/i.test(url)), 'every feed must be an http:// or https:// URL');

/** "true"/"false" (also 1/0, yes/no) in any case; anything else is a mistake, not false. */
const flag = (fallback: boolean) =>
  z
    .preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(['true', 'false', 'yes', 'no', '1', '0']).optional())
    .transform((value) => (value === undefined ? fallback : value === 'true' || value === '1' || value === 'yes'));

const shards = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): ShardsSetting | undefined => {
    if (value === undefined || value === '') return undefined;
    const parsed = parseShardsSetting(value);
    if (typeof parsed === 'object' && 'problem' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed;
  });

/** The whole environment contract of Herald (see README, "Configuration"). */
export const configSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_API_URL: httpUrl(),
  DISCORD_GUILD_ID: optionalString.refine(
    (value) => value === undefined || /^\d{15,22}$/.test(value),
    'must be a Discord snowflake (digits only)',
  ),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: httpUrl(),
  LLM_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  LLM_PROVIDER: choice(['auto', 'openai', 'offline'] as const).default('auto'),
  LLM_TIMEOUT_MS: positiveInt(60_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int().positive().optional(),
  LLM_CONTEXT_TOKENS: positiveInt(8_192),
  STORE_URL: storeUrl,
  CACHE_TTL_HOURS: positiveInt(24 * 30),
  SEEDS_DIR: z.string().trim().min(1).default('seeds'),
  MAX_ARTICLE_BYTES: positiveInt(1_000_000),
  HEALTH_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  LOG_LEVEL: choice(LOG_LEVELS).default('info'),
  USER_COOLDOWN_PER_MINUTE: positiveInt(5),
  SHARDS: shards,
  /** Shards over all hosts; SHARDS then lists this host's ids (issue 17, several hosts). */
  SHARD_COUNT: z.coerce.number().int().positive().max(100_000).optional(),
  FEEDS: feedList,
  FEED_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(15),
  ALLOW_PRIVATE_NETWORKS: flag(false),
});

/** Herald's validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** Thrown when the environment is invalid; carries one human line per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a Config, or throws a ConfigError listing every problem.
 * Values are never echoed back, so a token pasted into the wrong variable cannot leak.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // Inside a shard, discord.js's ShardingManager sets SHARDS to this shard's own id ("0", "1", ...):
  // that is discord.js's variable there, not the host's SHARDS=auto|N (see src/ops/sharding.ts);
  // SHARD_COUNT there is discord.js's too (the Client reads both itself).
  const inShard = Boolean(env.SHARDING_MANAGER);
  const input = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [
      key,
      env[key] === '' || (inShard && (key === 'SHARDS' || key === 'SHARD_COUNT')) ? undefined : env[key],
    ]),
  );
  const parsed = configSchema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = issue.path.join('.') || 'environment';
        return `${key}: ${describeIssue(issue)}`;
      });
  // Checked whatever else failed, so one start-up shows every problem at once.
  const seedsSetting = typeof input.SEEDS_DIR === 'string' && input.SEEDS_DIR.trim() !== '' ? input.SEEDS_DIR.trim() : 'seeds';
  const seeds = path.resolve(cwd, seedsSetting);
  if (!existsSync(seeds)) {
    problems.push(`SEEDS_DIR: folder "${seedsSetting}" does not exist`);
  } else if (!statSync(seeds).isDirectory()) {
    problems.push(`SEEDS_DIR: "${seedsSetting}" is a file, not a folder`);
  } else if (parsed.success) {
    parsed.data.SEEDS_DIR = seeds;
  }
  if (parsed.success && parsed.data.LLM_PROVIDER === 'openai' && !parsed.data.OPENAI_API_KEY && !parsed.data.OPENAI_BASE_URL) {
    problems.push('LLM_PROVIDER: openai needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a local or other compatible server)');
  }
  problems.push(...shardingProblems(input));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/**
 * SHARDS read together with SHARD_COUNT and the store: a list spread over hosts needs one shared
 * store. Read on its own, so it is reported even when other settings are wrong too.
 */
function shardingProblems(input: Record<string, unknown>): string[] {
  const shards = configSchema.shape.SHARDS.safeParse(input.SHARDS);
  const count = configSchema.shape.SHARD_COUNT.safeParse(input.SHARD_COUNT);
  if (!shards.success || !count.success) return [];
  const plan = shardPlan(shards.data, count.data);
  if (typeof plan === 'string') return [plan];
  const store = typeof input.STORE_URL === 'string' ? input.STORE_URL.trim() : '';
  if (plan.kind === 'list' && !/^rediss?:\/\//i.test(store)) {
    return [`SHARDS: running shards ${plan.ids.join(',')} of ${plan.total} means other hosts run the rest; they must share STORE_URL=redis://… (SQLite and memory stores are one host's)`];
  }
  return [];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_type') return issue.expected === 'int' ? 'must be a whole number' : 'must be a number';
  if (issue.code === 'too_small' || issue.code === 'too_big') return `is out of range (${issue.message})`;
  return issue.message;
}

/** Which LLM provider the configuration selects. */
export function selectedProvider(config: Config): 'openai' | 'offline' {
  if (config.LLM_PROVIDER !== 'auto') return config.LLM_PROVIDER;
  return config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? 'openai' : 'offline';
}

/** Values that must never appear in logs, errors or messages. */
export function secretsOf(config: Pick<Config, 'DISCORD_TOKEN' | 'OPENAI_API_KEY'>): string[] {
  return [config.DISCORD_TOKEN, config.OPENAI_API_KEY].filter(
    (value): value is string => typeof value === 'string' && value.length >= 4,
  );
}
