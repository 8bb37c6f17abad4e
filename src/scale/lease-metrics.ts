/**
 * /metrics and /healthz for the scale-out: which shards this process serves and which leases it
 * holds, read when scraped (nothing to keep in step).
 */
import { Gauge, type Registry } from 'prom-client';
import type { Coordination } from './coordination.js';

/**
 * Series:
 * - `herald_shard_served{shard}` 1 per shard this process serves (absent when not sharded)
 * - `herald_leases_held` leases held right now (digest runs in progress)
 * - `herald_lease_claims{result=acquired|refused|lost|error}` claims since start
 */
export function registerLeaseMetrics(registry: Registry, coordination: Coordination): void {
  const { leases, ownership } = coordination;
  new Gauge({
    name: 'herald_shard_served',
    help: 'Shards this process serves (1 per shard id), out of SHARD_COUNT.',
    labelNames: ['shard', 'count'],
    registers: [registry],
    collect() {
      for (const id of ownership.seat?.ids ?? []) this.set({ shard: String(id), count: String(ownership.seat?.count) }, 1);
    },
  });
  new Gauge({
    name: 'herald_leases_held',
    help: 'Leases this process holds right now (digest slots being posted).',
    registers: [registry],
    collect() {
      this.set(leases.held().length);
    },
  });
  new Gauge({
    name: 'herald_lease_claims',
    help: 'Lease claims since start: acquired, refused (another process had it), lost mid-work, error (store not answering).',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      const { acquired, refused, lost, errors } = leases.counts;
      this.set({ result: 'acquired' }, acquired);
      this.set({ result: 'refused' }, refused);
      this.set({ result: 'lost' }, lost);
      this.set({ result: 'error' }, errors);
    },
  });
}

/** What /healthz states about this process: the shards it serves and the leases it holds now. */
export function coordinationAbout(coordination: Coordination): () => Record<string, unknown> {
  const { ownership, leases } = coordination;
  return () => ({
    shards: ownership.seat ? [...ownership.seat.ids] : 'all',
    ...(ownership.seat ? { shardCount: ownership.seat.count } : {}),
    leases: leases.held(),
  });
}
