import { Status } from 'discord.js';
import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { gatewayCheck, storeCheck, type GatewayView } from '../../src/ops/checks.js';

/** The shape of `client.ws` with shards in the given states. */
function aGateway(...statuses: Status[]): GatewayView {
  const shards = new Map(statuses.map((status, id) => [id, { id, status }]));
  return { ws: { shards } };
}

describe('gatewayCheck', () => {
  it('GIVEN every shard ready THEN passes', async () => {
    expect(await gatewayCheck(aGateway(Status.Ready, Status.Ready))()).toBe(true);
  });

  it('GIVEN no shard yet THEN says it is not connected', async () => {
    expect(await gatewayCheck(aGateway())()).toBe('not connected to the Discord gateway yet');
  });

  it('GIVEN a shard resuming after a drop THEN names the shard and its state', async () => {
    expect(await gatewayCheck(aGateway(Status.Ready, Status.Resuming))()).toBe('shard 1 resuming');
    expect(await gatewayCheck(aGateway(Status.WaitingForGuilds))()).toBe('shard 0 waiting for guilds');
  });

  it('GIVEN a shard closed for good THEN points at the token and intents', async () => {
    expect(await gatewayCheck(aGateway(Status.Disconnected))()).toMatch(/disconnected for good \(check the token and the privileged intents\)/);
  });
});

describe('storeCheck', () => {
  it('GIVEN a working Keyv store THEN passes, and probing leaves nothing behind', async () => {
    const map = new Map<string, unknown>();
    const keyv = new Keyv({ store: map });
    const check = storeCheck(keyv);

    expect(await check()).toBe(true);
    expect(await check()).toBe(true);
    expect(map.size).toBe(0);
  });

  it('GIVEN a store whose writes fail THEN reports the refused write instead of throwing', async () => {
    const map = new Map<string, unknown>();
    map.set = () => {
      throw new Error('READONLY You cannot write against a read only replica.');
    };
    const keyv = new Keyv({ store: map });
    keyv.on('error', () => undefined);

    expect(await storeCheck(keyv)()).toBe('store refused a write');
  });

  it('GIVEN a store that loses what it was given THEN says so', async () => {
    const lossy = new Map<string, unknown>();
    lossy.get = () => undefined;
    expect(await storeCheck(new Keyv({ store: lossy }))()).toBe('store did not return what was written');
  });
});
