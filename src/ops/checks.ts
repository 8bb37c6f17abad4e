import { Status } from 'discord.js';
import type { Keyv } from 'keyv';
import { probeStore } from '../cache/keyv.js';
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

/**
 * Healthy when the store takes a write and reads it back ({@link probeStore}); a store that hangs
 * (Redis reconnecting) is cut off by the health server's per-check timeout.
 */
export function storeCheck(store: Keyv): HealthCheck {
  return () => probeStore(store);
}
