import { AggregatorRegistry, Registry } from 'prom-client';
import { runChecks, type HealthChecks, type HealthReport } from './health.js';
import type { Metrics, MetricsSource } from './metrics.js';

/*
 * Under the ShardingManager only the manager binds HEALTH_PORT. It asks each shard process over
 * the IPC channel discord.js already opened, and answers for all of them: /healthz is ok when every
 * shard is ready and its own checks pass; /metrics sums the shards' series.
 */

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

interface ProbeRequest {
  herald: 'probe';
  id: number;
  want: 'health' | 'metrics';
}

type ProbeAnswer =
  | { herald: 'probe-result'; id: number; want: 'health'; report: HealthReport }
  | { herald: 'probe-result'; id: number; want: 'metrics'; metrics: MetricsJson };

/** The IPC side of a forked process (`process` in a shard). */
export interface IpcChannel {
  send?: (message: unknown) => unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface AnswerProbesOptions {
  checks: HealthChecks;
  metrics: Metrics;
  checkTimeoutMs?: number;
  secrets?: readonly string[];
  /** Default `process`. */
  channel?: IpcChannel;
}

/**
 * In a shard process: answers the manager's health and metrics probes. Does nothing (and
 * returns a no-op) when the process has no IPC channel. Returns a function that stops answering.
 */
export function answerProbes(options: AnswerProbesOptions): () => void {
  const channel: IpcChannel = options.channel ?? process;
  const send = channel.send?.bind(channel);
  if (!send) return () => undefined;
  const listener = (message: unknown) => {
    if (!isProbeRequest(message)) return;
    const answer: Promise<ProbeAnswer> =
      message.want === 'health'
        ? runChecks(options.checks, { timeoutMs: options.checkTimeoutMs, secrets: options.secrets }).then((report) => ({
            herald: 'probe-result' as const,
            id: message.id,
            want: 'health' as const,
            report,
          }))
        : options.metrics.registry.getMetricsAsJSON().then((metrics) => ({
            herald: 'probe-result' as const,
            id: message.id,
            want: 'metrics' as const,
            metrics,
          }));
    // A manager that went away cannot be answered; nothing to do about that here.
    answer.then((reply) => send(reply)).catch(() => undefined);
  };
  channel.on('message', listener);
  return () => channel.off('message', listener);
}

function isProbeRequest(message: unknown): message is ProbeRequest {
  const m = message as Partial<ProbeRequest> | null;
  return typeof m === 'object' && m !== null && m.herald === 'probe' && typeof m.id === 'number';
}

/** The parts of a discord.js `Shard` the manager side uses (a `Shard` fits). */
export interface ProbedShard {
  readonly id: number;
  readonly ready: boolean;
  send(message: unknown): Promise<unknown>;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

let nextProbeId = 1;

async function probe<W extends ProbeRequest['want']>(
  shard: ProbedShard,
  want: W,
  timeoutMs: number,
): Promise<Extract<ProbeAnswer, { want: W }> | undefined> {
  const id = nextProbeId++;
  let listener: ((message: unknown) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise((resolve, reject) => {
      listener = (message: unknown) => {
        const m = message as Partial<ProbeAnswer> | null;
        if (m && m.herald === 'probe-result' && m.id === id) resolve(m as Extract<ProbeAnswer, { want: W }>);
      };
      shard.on('message', listener);
      timer = setTimeout(() => resolve(undefined), timeoutMs);
      shard.send({ herald: 'probe', id, want } satisfies ProbeRequest).catch(reject);
    });
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    if (listener) shard.off('message', listener);
  }
}

/**
 * In the manager: a health check that passes when all `expected` shards exist, are ready, and
 * pass their own checks; otherwise the reasons per shard.
 */
export function shardsCheck(
  shards: () => readonly ProbedShard[],
  expected: () => number | 'auto',
  timeoutMs = 2_000,
): () => Promise<true | string> {
  return async () => {
    const list = shards();
    const total = expected();
    const problems: string[] = [];
    if (total === 'auto' || list.length < total) problems.push(`${list.length} of ${total} shards started`);
    const reports = await Promise.all(
      list.map(async (shard) => {
        if (!shard.ready) return `shard ${shard.id}: not ready`;
        const answer = await probe(shard, 'health', timeoutMs);
        if (!answer) return `shard ${shard.id}: did not answer`;
        return answer.report.status === 'ok' ? undefined : `shard ${shard.id}: ${answer.report.reasons.join(', ')}`;
      }),
    );
    for (const report of reports) if (report) problems.push(report);
    return problems.length === 0 ? true : problems.join('; ');
  };
}

/** In the manager: `/metrics` as the sum of every shard's series (shards that do not answer are left out). */
export function shardsMetrics(shards: () => readonly ProbedShard[], timeoutMs = 2_000): MetricsSource {
  return {
    contentType: Registry.PROMETHEUS_CONTENT_TYPE,
    async render() {
      const answers = await Promise.all(shards().map((shard) => probe(shard, 'metrics', timeoutMs)));
      const arrays = answers.flatMap((answer) => (answer ? [answer.metrics] : []));
      return AggregatorRegistry.aggregate(arrays).metrics();
    },
  };
}
