import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { FakeDiscord } from '../fakes/fake-discord.js';

/** A discord.js Client as Herald builds it, pointed at the fake (in this process or another); logged in and ready. */
export async function readyClient(fake: Pick<FakeDiscord, 'apiUrl' | 'token'>, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: fake.apiUrl },
    ...extra,
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return client;
}

/** The next interaction the client emits. */
export function nextInteraction(client: Client): Promise<Interaction> {
  return once(client, Events.InteractionCreate).then(([interaction]) => interaction as Interaction);
}

/** The next message the client emits. */
export function nextMessage(client: Client): Promise<Message> {
  return once(client, Events.MessageCreate).then(([message]) => message as Message);
}
