import { randomUUID } from 'node:crypto';
import { Status } from 'discord.js';
import type { HealthCheck } from './health.js';

/** The part of a discord.js `Client` the gateway check reads (`client` itself fits). */
export interface GatewayView {
  ws: { shards: { readonly size: number; values(): Iterable<{ id: number; status: Status }> } };
}

/**
 * Healthy while every gateway shard of this process is READY. A shard that is resuming or
 * reconnecting after a drop is reported as such; one that Discord closed for good (bad token,
 * intents not enabled) says so, because it will not come back by itself.
 */
export function gatewayCheck(client: GatewayView): HealthCheck {
  // Read inside the promise, so a client that throws fails the check like any other fault.
  return () => Promise.resolve().then(() => gatewayState(client));
}

function gatewayState(client: GatewayView): true | string {
  const shards = [...client.ws.shards.values()];
  if (shards.length === 0) return 'not connected to the Discord gateway yet';
  const problems = shards
    .filter((shard) => shard.status !== Status.Ready)
    .map((shard) =>
      shard.status === Status.Disconnected
        ? `shard ${shard.id} disconnected for good (check the token and the privileged intents)`
        : `shard ${shard.id} ${describeStatus(shard.status)}`,
    );
  return problems.length === 0 ? true : problems.join('; ');
}

function describeStatus(status: Status): string {
  const name = Status[status] as string | undefined;
  return name ? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : `status ${status}`;
}

/** The part of a Keyv instance the store check needs (a Keyv fits). */
export interface StoreView {
  set(key: string, value: string, ttl?: number): Promise<unknown>;
  get(key: string): Promise<unknown>;
}

/**
 * Healthy when the store takes a write and reads it back. Keyv reports faults as `false` and
 * events rather than throwing, so a refused write and a mismatched read both count as failures;
 * a store that hangs (Redis reconnecting) is cut off by the health server's per-check timeout.
 * One key per process is reused with a short TTL, so probing never grows the store.
 */
export function storeCheck(store: StoreView, key = `health:${randomUUID()}`): HealthCheck {
  return async () => {
    const value = String(Date.now());
    const written = await store.set(key, value, 60_000);
    if (written === false) return 'store refused a write';
    const read = await store.get(key);
    return read === value ? true : 'store did not return what was written';
  };
}
