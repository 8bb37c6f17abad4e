/** Lets a test wait until the bot has answered an interaction, and read what it sent. */
import type { InteractionEvent } from '../../src/discord/bot.js';
import type { FakeDiscord, PostedMessage } from '../fakes/fake-discord.js';

/** Follows the bot's answered interactions and DMs; pass `record` as StartBotOptions.onInteraction. */
export class AnsweredInteractions {
  /** Every answered interaction / DM, in the order they finished. */
  readonly finished: InteractionEvent[] = [];
  readonly #waiters = new Map<string, (event: InteractionEvent) => void>();

  readonly record = (event: InteractionEvent): void => {
    this.finished.push(event);
    this.#waiters.get(event.id)?.(event);
  };

  /** Resolves when the router (or DM handler) is completely done with this interaction / message id. */
  done(id: string, timeoutMs = 20_000): Promise<InteractionEvent> {
    const known = this.finished.find((event) => event.id === id);
    if (known) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`interaction ${id} did not finish`)), timeoutMs);
      this.#waiters.set(id, (event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
  }
}

/** Every message the bot sent for an interaction: the original first, then follow-ups. */
export function messagesOf(discord: FakeDiscord, id: string): PostedMessage[] {
  const record = discord.interaction(id);
  return [...(record.original ? [record.original] : []), ...record.followups];
}
