import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  CommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Requester } from '../briefing/types.js';
import type { BotHerald } from '../herald.js';
import type { Translator } from '../i18n/index.js';
import type { Logger } from '../log.js';

/** One answered interaction or DM, for metrics. */
export interface InteractionEvent {
  /** The interaction's id, or the DM's message id. */
  id: string;
  /** Command name, `component:<command>` for buttons, `dm:<kind>` for direct messages. */
  command: string;
  outcome: 'ok' | 'user_error' | 'error';
  seconds: number;
}

/** One message Herald sends: text and/or embeds and/or components, already within Discord's limits. */
export interface OutgoingMessage {
  /** At most 2,000 characters. */
  content?: string;
  /** At most 10 embeds and 6,000 characters over all of them. */
  embeds?: APIEmbed[];
  /** Button rows (paging). */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/**
 * A complete answer: the first message is the reply (or the edit of the deferred reply), the rest are
 * sent as follow-ups in order. src/discord/render.ts builds these; never empty.
 */
export interface Rendered {
  messages: OutgoingMessage[];
}

/** How ctx.respond answers. */
export interface RespondOptions {
  /** Only the user sees the answer (and the "thinking..." placeholder). Default false. */
  ephemeral?: boolean;
  /** For button presses: replace the message the button sits on instead of replying. Default false. */
  update?: boolean;
}

/** Lets long work show text while it is still being produced. */
export interface ResponseProgress {
  /**
   * The work is about to wait for something slow (a model call): acknowledge the interaction now
   * ("thinking…") rather than leave the user with nothing. Safe to call more than once. Resolves
   * when Discord has the acknowledgement, or it failed (the answer then reports that), or after
   * ACK_WAIT_MS (src/discord/respond.ts): never rejects.
   */
  defer(): Promise<void>;
  /**
   * Shows a preview in the (deferred) reply. Calls are throttled to at most one edit per second;
   * the latest preview wins, and the final answer always replaces it. `partial` is called only
   * when an edit goes out: a model streams many deltas a second, and most previews are never sent.
   */
  preview(partial: () => Rendered): void;
}

/** What the router hands every command handler. */
export interface CommandContext {
  /** Everything a command may use: articles, briefing, digests, config (src/herald.ts). */
  services: BotHerald;
  /** A child of the root logger carrying the interaction id and command name. */
  logger: Logger;
  /** The user's Discord locale, e.g. "de" or "en-US". */
  locale: string;
  /** Herald's strings in the user's locale (src/i18n). */
  t: Translator;
  /** Who asked (user and guild ids), for cooldowns and token accounting. */
  requester: Requester;
  /**
   * Answers the interaction with the result of `work`. Quick work (a cached or offline answer) is
   * sent directly as the first response; work that calls progress.defer(), or has not settled after
   * about 1 s, is deferred first (well inside Discord's 3 s) and the deferred reply is edited when
   * the work is done. Extra messages in the
   * Rendered become follow-ups. If `work` throws, the error propagates to the router, which answers
   * it (UserError → ephemeral explanation; anything else → apology with an error id).
   */
  respond(work: (progress: ResponseProgress) => Rendered | Promise<Rendered>, options?: RespondOptions): Promise<void>;
}

/** Anything that serializes to an application command: slash builders, context menu builders, raw JSON holders. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

/**
 * One command, one file in commands/: `export default { data, execute } satisfies Command`.
 * Handlers may declare a narrower interaction type (ChatInputCommandInteraction,
 * MessageContextMenuCommandInteraction); the router only calls `execute` with the interaction type
 * that matches `data`'s command type.
 */
export interface Command {
  /** The command's definition as registered with Discord. */
  data: CommandData;
  /** Runs the command; should end with one ctx.respond call. Throw UserError for user mistakes. */
  execute(interaction: CommandInteraction, ctx: CommandContext): Promise<void>;
  /** Answers autocomplete for this command's options (at most 25 choices). */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /**
   * Handles a button whose custom id is `<command name>:<args joined by ":">`; `args` are the parts
   * after the name. Use ctx.respond(..., { update: true }) to replace the message (paging).
   */
  button?(interaction: ButtonInteraction, ctx: CommandContext, args: string[]): Promise<void>;
}

/** Builds a button custom id the router routes back to `command`'s button handler (≤ 100 chars). */
export function buttonId(command: string, ...args: (string | number)[]): string {
  const id = [command, ...args.map(String)].join(':');
  if (id.length > 100) throw new RangeError(`button custom id over 100 characters: ${id.slice(0, 40)}...`);
  return id;
}

/** Runtime check used by the loader: a default export that is not a Command is skipped with a warning. */
export function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof Command, unknown>>;
  const data = candidate.data as Partial<CommandData> | undefined;
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof data.name === 'string' &&
    typeof data.toJSON === 'function' &&
    typeof candidate.execute === 'function' &&
    (candidate.autocomplete === undefined || typeof candidate.autocomplete === 'function') &&
    (candidate.button === undefined || typeof candidate.button === 'function')
  );
}
