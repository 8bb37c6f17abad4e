/**
 * Application commands of the fake Discord, global and per guild, with Discord's validation and its
 * normalization (defaults filled in; localization dictionaries only with `with_localizations=true`).
 */
import { snowflake, textOf, type Json } from './discord-payloads.js';
import type { LimitProblem } from './discord-limits.js';

/** A command as Discord stores and returns it. */
export interface StoredCommand extends Json {
  id: string;
  application_id: string;
  /** Present for guild commands. */
  guild_id?: string;
  name: string;
  /** 1 chat input, 2 user menu, 3 message menu. */
  type: number;
  description: string;
  version: string;
  default_member_permissions: string | null;
  contexts: number[] | null;
  integration_types: number[];
  nsfw: boolean;
}

type Result<T> = { ok: true; value: T } | { ok: false; problems: LimitProblem[] };

const CHAT_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const USER_FIELDS = [
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'options',
  'default_member_permissions',
  'dm_permission',
  'contexts',
  'integration_types',
  'nsfw',
  'type',
] as const;

function checkOptions(options: unknown, path: string, problems: LimitProblem[]): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    problems.push({ path, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  if (options.length > 25) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  const seen = new Set<string>();
  options.forEach((raw, i) => {
    const option = (raw ?? {}) as Json;
    const at = `${path}.${i}`;
    const name = textOf(option.name);
    if (!CHAT_NAME.test(name) || name !== name.toLowerCase()) {
      problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: `Command name is invalid: ${JSON.stringify(name)}` });
    }
    if (seen.has(name)) problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option name already exists.' });
    seen.add(name);
    const description = textOf(option.description);
    if (description.length < 1 || description.length > 100) {
      problems.push({ path: `${at}.description`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (Array.isArray(option.choices) && option.choices.length > 25) {
      problems.push({ path: `${at}.choices`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    }
    if (Array.isArray(option.choices) && option.autocomplete === true) {
      problems.push({ path: `${at}.autocomplete`, code: 'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES', message: 'Autocomplete cannot be used with choices.' });
    }
    checkOptions(option.options, `${at}.options`, problems);
  });
}

/** Discord's checks on one command body. */
export function checkCommand(body: Json, path = ''): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const type = Number(body.type ?? 1);
  const name = textOf(body.name);
  if (type === 1) {
    if (!CHAT_NAME.test(name) || name !== name.toLowerCase()) {
      problems.push({ path: `${path}name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: `Command name is invalid: ${JSON.stringify(name)}` });
    }
    const description = textOf(body.description);
    if (description.length < 1 || description.length > 100) {
      problems.push({ path: `${path}description`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    checkOptions(body.options, `${path}options`, problems);
  } else if (name.length < 1 || name.length > 32) {
    problems.push({ path: `${path}name`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
  }
  return problems;
}

function stripLocalizations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLocalizations);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'name_localizations' || key === 'description_localizations') continue;
      out[key] = stripLocalizations(inner);
    }
    return out;
  }
  return value;
}

/** All registered commands of one application. */
export class CommandStore {
  /** Keyed by guild id, `''` for global. */
  private readonly scopes = new Map<string, StoredCommand[]>();

  constructor(private readonly applicationId: string) {}

  /** The commands of a scope (global when `guildId` is undefined), as stored. */
  list(guildId?: string): StoredCommand[] {
    return this.scopes.get(guildId ?? '') ?? [];
  }

  /** How a command is returned: without localization dictionaries unless asked for. */
  view(command: StoredCommand, withLocalizations: boolean): Json {
    return withLocalizations ? command : (stripLocalizations(command) as Json);
  }

  bulkOverwrite(guildId: string | undefined, bodies: unknown): Result<StoredCommand[]> {
    if (!Array.isArray(bodies)) return { ok: false, problems: [{ path: '', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] };
    const problems = bodies.flatMap((body, i) => checkCommand((body ?? {}) as Json, `${i}.`));
    const keys = bodies.map((b) => `${Number((b as Json).type ?? 1)}:${String((b as Json).name)}`);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) {
        problems.push({ path: `${i}.name`, code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
      }
    });
    if (problems.length > 0) return { ok: false, problems };
    const previous = this.list(guildId);
    const next = bodies.map((body) => this.normalize(guildId, body as Json, previous));
    this.scopes.set(guildId ?? '', next);
    return { ok: true, value: next };
  }

  /** POST: creates, or replaces the command of the same name and type. */
  upsert(guildId: string | undefined, body: Json): Result<{ command: StoredCommand; created: boolean }> {
    const problems = checkCommand(body);
    if (problems.length > 0) return { ok: false, problems };
    const list = [...this.list(guildId)];
    const command = this.normalize(guildId, body, list);
    const i = list.findIndex((c) => c.id === command.id);
    if (i >= 0) list[i] = command;
    else list.push(command);
    this.scopes.set(guildId ?? '', list);
    return { ok: true, value: { command, created: i < 0 } };
  }

  /** PATCH: merges the given fields; undefined when there is no such command. */
  edit(guildId: string | undefined, id: string, body: Json): Result<StoredCommand> | undefined {
    const list = [...this.list(guildId)];
    const i = list.findIndex((c) => c.id === id);
    const current = list[i];
    if (!current) return undefined;
    const merged = { ...current, ...body };
    const problems = checkCommand(merged);
    if (problems.length > 0) return { ok: false, problems };
    const command = this.normalize(guildId, merged, list);
    list[i] = command;
    this.scopes.set(guildId ?? '', list);
    return { ok: true, value: command };
  }

  delete(guildId: string | undefined, id: string): boolean {
    const list = this.list(guildId);
    const next = list.filter((c) => c.id !== id);
    this.scopes.set(guildId ?? '', next);
    return next.length !== list.length;
  }

  private normalize(guildId: string | undefined, body: Json, previous: StoredCommand[]): StoredCommand {
    const type = Number(body.type ?? 1);
    const name = textOf(body.name);
    const existing = previous.find((c) => c.type === type && c.name === name);
    const fields: Json = {};
    for (const key of USER_FIELDS) if (body[key] !== undefined) fields[key] = body[key];
    const permissions = body.default_member_permissions;
    const command: StoredCommand = {
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      version: existing?.version ?? '',
      ...fields,
      name,
      type,
      description: textOf(body.description),
      default_member_permissions: permissions === undefined || permissions === null ? null : textOf(permissions),
      dm_permission: body.dm_permission !== false,
      contexts: Array.isArray(body.contexts) ? (body.contexts as number[]) : null,
      integration_types: Array.isArray(body.integration_types) ? (body.integration_types as number[]) : [0],
      nsfw: body.nsfw === true,
    };
    const { version: _a, ...incoming } = command;
    const unchanged = existing !== undefined && JSON.stringify({ ...existing, version: undefined }) === JSON.stringify({ ...incoming, version: undefined });
    command.version = unchanged && existing ? existing.version : snowflake();
    return command;
  }
}
