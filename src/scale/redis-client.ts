/**
 * The coordination connection to Redis (leases, claims, shared limits): a client of its own, so a
 * claim never queues behind the cache's large values, failing fast while Redis is down.
 */
import { createRequire } from 'node:module';
import type * as RedisDriver from '@keyv/redis';

export type RedisClient = ReturnType<typeof RedisDriver.createClient>;

export interface CoordinationRedis {
  /** Runs a command once the first connection attempt settled (at most `timeoutMs` after start). */
  run<T>(command: (client: RedisClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function connectCoordinationRedis(url: string, timeoutMs = 2_000): CoordinationRedis {
  const driver = createRequire(import.meta.url)('@keyv/redis') as typeof RedisDriver;
  const client: RedisClient = driver.createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), 5_000) },
  });
  // Faults surface as rejected commands to the caller; the event only needs a listener.
  client.on('error', () => undefined);
  const connected = client.connect().then(
    () => undefined,
    () => undefined,
  );
  // The first commands of a fresh process wait for the connection a little; a Redis that is down
  // makes them fail after timeoutMs instead of waiting for it (the reconnect loop goes on).
  const ready = Promise.race([connected, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  return {
    async run(command) {
      await ready;
      return command(client);
    },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}
