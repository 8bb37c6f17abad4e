/** /healthz names the shards a process serves and the leases it holds, beside (never instead of) its checks. */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startHealthServer, type HealthServer } from '../../src/ops/health.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { createCoordination } from '../../src/scale/coordination.js';
import { coordinationAbout, registerLeaseMetrics } from '../../src/scale/lease-metrics.js';

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('/healthz and /metrics of a scaled-out process', () => {
  it('GIVEN shards 0 and 2 of 4 and a digest run in progress THEN /healthz names both and the lease, /metrics counts them', async () => {
    const coordination = createCoordination({ storeUrl: 'memory://', seat: { ids: [0, 2], count: 4 }, logger: silentLogger, feedIntervalMs: 60_000 });
    const metrics = createMetrics({ defaultMetrics: false });
    registerLeaseMetrics(metrics.registry, coordination);
    const store: { problem?: string } = {};
    const server = await startHealthServer({ port: 0, host: '127.0.0.1', checks: { store: () => Promise.resolve(store.problem ?? true) }, metrics, about: coordinationAbout(coordination) });
    servers.push(server);
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
      return { status: response.status, body: await response.text() };
    };
    let release!: () => void;
    const running = coordination.claimSlot('sub1', () => new Promise((resolve) => (release = () => resolve('posted'))));
    await new Promise((resolve) => setTimeout(resolve, 10));

    const healthy = await get('/healthz');
    expect(healthy.status).toBe(200);
    expect(JSON.parse(healthy.body)).toMatchObject({ status: 'ok', about: { shards: [0, 2], shardCount: 4, leases: ['digest:sub1'] } });
    const text = (await get('/metrics')).body;
    expect(text).toContain('herald_shard_served{shard="0",count="4"} 1');
    expect(text).toContain('herald_shard_served{shard="2",count="4"} 1');
    expect(text).toContain('herald_leases_held 1');
    expect(text).toContain('herald_lease_claims{result="acquired"} 1');

    store.problem = 'store refused a write';
    expect((await get('/healthz')).status).toBe(503);
    release();
    expect(await running).toBe('posted');
    expect(JSON.parse((await get('/healthz')).body)).toMatchObject({ about: { leases: [] } });
    await coordination.close();
  });
});
