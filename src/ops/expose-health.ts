import type { Config } from '../config.js';
import { secretsOf } from '../config.js';
import type { Logger } from '../log.js';
import { startHealthServer, type HealthChecks } from './health.js';
import type { Metrics } from './metrics.js';
import { answerProbes } from './shard-probe.js';
import { shardFromEnv } from './sharding.js';

export interface ExposeHealthOptions {
  checks: HealthChecks;
  metrics: Metrics;
  logger: Logger;
  /** Facts /healthz states beside the checks (see HealthServerOptions.about). */
  about?: () => Record<string, unknown>;
  /** Default `process.env`; decides whether this process is a shard. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Makes this process's health and metrics reachable, whatever way Herald runs:
 * - in a shard: answers the sharding manager's probes over IPC (the manager owns HEALTH_PORT);
 * - otherwise with `HEALTH_PORT` set: serves `/healthz` and `/metrics` on it;
 * - otherwise: nothing.
 *
 * Returns `close`, for a shutdown hook.
 */
export async function exposeHealth(config: Config, options: ExposeHealthOptions): Promise<{ close(): Promise<void> }> {
  const secrets = secretsOf(config);
  if (shardFromEnv(options.env)) {
    const stop = answerProbes({ checks: options.checks, metrics: options.metrics, secrets });
    return { close: () => Promise.resolve().then(stop) };
  }
  if (config.HEALTH_PORT === undefined) return { close: () => Promise.resolve() };
  const server = await startHealthServer({
    port: config.HEALTH_PORT,
    checks: options.checks,
    metrics: options.metrics,
    logger: options.logger,
    secrets,
    ...(options.about ? { about: options.about } : {}),
  });
  return { close: () => server.close() };
}
