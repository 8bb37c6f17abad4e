import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runChecks, startHealthServer, type HealthServer } from '../../src/ops/health.js';
import { createMetrics } from '../../src/ops/metrics.js';

const servers: HealthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(checks: Parameters<typeof startHealthServer>[0]['checks'], extra: Partial<Parameters<typeof startHealthServer>[0]> = {}) {
  const metrics = createMetrics({ defaultMetrics: false });
  const server = await startHealthServer({ port: 0, host: '127.0.0.1', checks, metrics, ...extra });
  servers.push(server);
  return { server, metrics, url: `http://127.0.0.1:${server.port}` };
}

const pass = async () => true as const;

describe('GET /healthz', () => {
  it('GIVEN every check passes THEN answers 200 with status ok', async () => {
    const { url } = await start({ gateway: pass, store: pass });

    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok', checks: { gateway: 'ok', store: 'ok' }, reasons: [] });
  });

  it('GIVEN one failing check THEN answers 503 naming only the failing reason', async () => {
    const { url } = await start({ gateway: async () => 'shard 0 reconnecting', store: pass });

    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      checks: { gateway: 'shard 0 reconnecting', store: 'ok' },
      reasons: ['gateway: shard 0 reconnecting'],
    });
  });

  it('GIVEN a check that throws an error mentioning a secret THEN 503 with the reason, secret scrubbed', async () => {
    const { url } = await start(
      {
        store: async () => {
          throw new Error('connect ECONNREFUSED redis://:pa55word@cache:6379 with key my-secret-value');
        },
      },
      { secrets: ['my-secret-value'] },
    );

    const response = await fetch(`${url}/healthz`);
    const body = await response.text();

    expect(response.status).toBe(503);
    expect(body).toContain('store: failed: connect ECONNREFUSED redis://[redacted]@cache:6379');
    expect(body).not.toContain('pa55word');
    expect(body).not.toContain('my-secret-value');
  });

  it('GIVEN a check that never answers THEN 503 says it did not answer in time', async () => {
    const { url } = await start({ store: () => new Promise<true>(() => undefined) }, { checkTimeoutMs: 50 });

    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(503);
    expect(((await response.json()) as { reasons: string[] }).reasons).toEqual(['store: no answer within 50 ms']);
  });

  it('GIVEN a query string or HEAD THEN still answers the health route', async () => {
    const { url } = await start({ gateway: pass });

    expect((await fetch(`${url}/healthz?verbose=1`)).status).toBe(200);
    const head = await fetch(`${url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('GET /metrics', () => {
  it('GIVEN recorded activity THEN serves Prometheus text with every Herald series', async () => {
    const { url, metrics } = await start({});
    metrics.recordInteraction('summarize', 'ok', 0.42);
    metrics.startInteraction('quote')('user_error');
    metrics.recordLlmCall({
      provider: 'openai',
      model: 'gpt-4o-mini',
      outcome: 'ok',
      usage: { promptTokens: 120, completionTokens: 30, totalTokens: 150 },
      seconds: 1.5,
    });
    metrics.recordLlmCall({ provider: 'openai', model: 'gpt-4o-mini', outcome: 'error', errorKind: 'rate_limited' });
    metrics.recordCache(true);
    metrics.recordCache(false);
    metrics.recordCache(false);
    metrics.recordDigest('posted');
    metrics.recordDigest('paused');

    const response = await fetch(`${url}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('herald_interactions_total{command="summarize",outcome="ok"} 1');
    expect(text).toContain('herald_interactions_total{command="quote",outcome="user_error"} 1');
    expect(text).toContain('herald_interaction_duration_seconds_bucket{le="0.5",command="summarize"} 1');
    expect(text).toContain('herald_interaction_duration_seconds_count{command="summarize"} 1');
    expect(text).toContain('herald_llm_calls_total{provider="openai",model="gpt-4o-mini",outcome="ok"} 1');
    expect(text).toContain('herald_llm_calls_total{provider="openai",model="gpt-4o-mini",outcome="error"} 1');
    expect(text).toContain('herald_llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="prompt"} 120');
    expect(text).toContain('herald_llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="completion"} 30');
    expect(text).toContain('herald_llm_errors_total{provider="openai",model="gpt-4o-mini",kind="rate_limited"} 1');
    expect(text).toContain('herald_cache_requests_total{result="hit"} 1');
    expect(text).toContain('herald_cache_requests_total{result="miss"} 2');
    expect(text).toContain('herald_digests_total{outcome="posted"} 1');
    expect(text).toContain('herald_digests_total{outcome="paused"} 1');
    expect(text).toContain('herald_digests_total{outcome="failed"} 0');
  });

  it('GIVEN default metrics on THEN process metrics are served from the own registry', async () => {
    const metrics = createMetrics();
    const text = await metrics.render();

    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('herald_cache_requests_total{result="hit"} 0');
  });

  it('GIVEN two metrics objects THEN their registries are independent', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.recordDigest('failed');

    expect(await a.render()).toContain('herald_digests_total{outcome="failed"} 1');
    expect(await b.render()).toContain('herald_digests_total{outcome="failed"} 0');
  });

  it('GIVEN a metrics source that fails THEN answers 500 without crashing the server', async () => {
    const { url } = await start({}, { metrics: { contentType: 'text/plain', render: () => Promise.reject(new Error('boom')) } });

    expect((await fetch(`${url}/metrics`)).status).toBe(500);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('other routes and start-up', () => {
  it('GIVEN an unknown path THEN 404; GIVEN POST on a known path THEN 405', async () => {
    const { url } = await start({});

    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/health`)).status).toBe(404);
    const post = await fetch(`${url}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('GIVEN the port is taken THEN start-up rejects with a message naming HEALTH_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startHealthServer({ port, host: '127.0.0.1', checks: {}, metrics: createMetrics({ defaultMetrics: false }) }),
      ).rejects.toThrow(/already in use \(HEALTH_PORT\)/);
    } finally {
      blocker.close();
    }
  });

  it('GIVEN close() THEN the port stops answering', async () => {
    const { server, url } = await start({});
    servers.pop();
    await server.close();

    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe('runChecks', () => {
  it('GIVEN no checks THEN ok; GIVEN an empty-string reason THEN it still fails', async () => {
    expect((await runChecks({})).status).toBe('ok');
    // @ts-expect-error: a check that resolves to something other than true or a reason
    const report = await runChecks({ odd: async () => false });
    expect(report).toMatchObject({ status: 'unavailable', reasons: ['odd: failed'] });
    expect((await runChecks({ blank: async () => '' })).reasons).toEqual(['blank: failed']);
  });
});
