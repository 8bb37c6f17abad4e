/**
 * The per-user cooldown and the daily token budget are global over processes sharing one Redis
 * (issue 17 item 3), against a real redis-server.
 */
import { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageTracker } from '../../src/briefing/usage.js';
import { UserError } from '../../src/errors.js';
import { Cooldown } from '../../src/ops/cooldown.js';
import { connectCoordinationRedis, type CoordinationRedis } from '../../src/scale/redis-client.js';
import { sharedTokenCounter } from '../../src/scale/shared-budget.js';
import { sharedCooldown } from '../../src/scale/shared-cooldown.js';
import { startRedisServerOrSkip, type RedisServer } from '../fakes/redis-server.js';

const redis: RedisServer | undefined = await startRedisServerOrSkip('shared cooldown and budget tests');

const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    (): string => 'ok',
    (error: unknown) => (error instanceof UserError ? String(error.code) : String(error)),
  );

describe.skipIf(!redis)('cooldown and budget over several processes', () => {
  const server = redis as RedisServer;
  const connections: CoordinationRedis[] = [];
  const aProcess = (url = server.url) => {
    const connection = connectCoordinationRedis(url, 300);
    connections.push(connection);
    return connection;
  };
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await redis?.stop();
  });

  it('GIVEN a limit of 2 a minute THEN a user spreading requests over two processes is still refused the third', async () => {
    const clock = 1_000_000;
    const prefix = `test:${Math.random()}:`;
    const a = sharedCooldown({ redis: aProcess(), local: new Cooldown({ limit: 2, now: () => clock }), now: () => clock, prefix });
    const b = sharedCooldown({ redis: aProcess(), local: new Cooldown({ limit: 2, now: () => clock }), now: () => clock, prefix });
    expect(await codeOf(a('u1'))).toBe('ok');
    expect(await codeOf(b('u1'))).toBe('ok');
    expect(await codeOf(a('u1'))).toBe('cooldown');
    expect(await codeOf(b('u1'))).toBe('cooldown');
    expect(await codeOf(b('u2'))).toBe('ok');
  });

  it('GIVEN the window passed THEN the user may start again', async () => {
    let clock = 5_000_000;
    const prefix = `test:${Math.random()}:`;
    const take = sharedCooldown({ redis: aProcess(), local: new Cooldown({ limit: 1, now: () => clock }), now: () => clock, prefix });
    expect(await codeOf(take('u1'))).toBe('ok');
    expect(await codeOf(take('u1'))).toBe('cooldown');
    clock += 60_000;
    expect(await codeOf(take('u1'))).toBe('ok');
  });

  it('GIVEN Redis unreachable THEN the process-local cooldown still limits the user', async () => {
    const take = sharedCooldown({ redis: aProcess('redis://127.0.0.1:1'), local: new Cooldown({ limit: 1 }) });
    expect(await codeOf(take('u1'))).toBe('ok');
    expect(await codeOf(take('u1'))).toBe('cooldown');
  });

  it('GIVEN a budget of 100 tokens THEN 60 booked on one process and 50 on another exhaust it for both', async () => {
    const prefix = `test:${Math.random()}:`;
    const now = () => new Date('2026-12-06T12:00:00Z');
    // Each process's own usage records (separate stores) would each stay under the budget.
    const a = new UsageTracker(new Keyv(), { dailyBudget: 100, now, shared: sharedTokenCounter(aProcess(), prefix) });
    const b = new UsageTracker(new Keyv(), { dailyBudget: 100, now, shared: sharedTokenCounter(aProcess(), prefix) });
    await a.record({ promptTokens: 40, completionTokens: 20, totalTokens: 60 });
    expect(await codeOf(b.assertBudget())).toBe('ok');
    await b.record({ promptTokens: 30, completionTokens: 20, totalTokens: 50 });
    expect(await codeOf(a.assertBudget())).toBe('budget_exhausted');
    expect(await codeOf(b.assertBudget())).toBe('budget_exhausted');
  });
});
