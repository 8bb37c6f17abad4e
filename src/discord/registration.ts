import { Routes, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../log.js';

/** Where commands are registered. */
export interface RegistrationTarget {
  applicationId: string;
  /** Register in this guild only (instant, for development); global when undefined. */
  guildId?: string;
}

/** What registration did. */
export interface RegistrationResult {
  /** True when the registered set differed and was overwritten. */
  written: boolean;
  scope: 'guild' | 'global';
  count: number;
}

/**
 * Makes Discord's registered commands equal ours, writing only when they differ: creating commands is
 * rate limited (200 a day per guild), and every write makes clients reload their command lists.
 * One GET (with localizations) and, when needed, one bulk-overwrite PUT.
 */
export async function registerCommands(
  rest: REST,
  target: RegistrationTarget,
  commands: readonly RESTPostAPIApplicationCommandsJSONBody[],
  logger: Logger,
): Promise<RegistrationResult> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const scope = target.guildId ? 'guild' : 'global';
  const registered = (await rest.get(route, {
    query: new URLSearchParams({ with_localizations: 'true' }),
  })) as unknown[];
  if (sameCommands(registered, commands)) {
    logger.info({ scope, count: commands.length }, 'slash commands up to date');
    return { written: false, scope, count: commands.length };
  }
  await rest.put(route, { body: commands });
  logger.info({ scope, count: commands.length }, 'slash commands registered');
  return { written: true, scope, count: commands.length };
}

/** Whether two command lists mean the same to Discord, ignoring ids, versions, defaults and order. */
export function sameCommands(registered: readonly unknown[], ours: readonly unknown[]): boolean {
  const normalize = (list: readonly unknown[]) =>
    JSON.stringify(
      list
        .map((command) => normalizeCommand(command))
        .sort((a, b) => commandSortKey(a).localeCompare(commandSortKey(b))),
    );
  return normalize(registered) === normalize(ours);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function commandSortKey(command: JsonObject): string {
  const type = typeof command.type === 'number' ? command.type : 1;
  const name = typeof command.name === 'string' ? command.name : '';
  return `${type}:${name}`;
}

const COMMAND_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'options',
  'default_member_permissions',
  'contexts',
  'integration_types',
  'nsfw',
] as const;

const OPTION_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'required',
  'autocomplete',
  'choices',
  'options',
  'channel_types',
  'min_value',
  'max_value',
  'min_length',
  'max_length',
] as const;

const CHOICE_FIELDS = ['name', 'name_localizations', 'value'] as const;

/**
 * The fields Discord keeps for a command, with defaults filled in (type 1, integration types [0]),
 * set-like arrays sorted, and empty values (null, false, '', [], {}) dropped, so that our builder
 * JSON and Discord's stored copy compare equal when they mean the same.
 */
export function normalizeCommand(command: unknown): JsonObject {
  const source = asObject(command);
  const picked = pick(source, COMMAND_FIELDS);
  picked.type ??= 1;
  if (picked.integration_types === undefined || picked.integration_types === null) picked.integration_types = [0];
  if (Array.isArray(picked.options)) picked.options = picked.options.map(normalizeOption);
  return compact(sortSets(picked)) as JsonObject;
}

function normalizeOption(option: Json): Json {
  const picked = pick(asObject(option), OPTION_FIELDS);
  if (Array.isArray(picked.choices)) picked.choices = picked.choices.map((choice) => pick(asObject(choice), CHOICE_FIELDS));
  if (Array.isArray(picked.options)) picked.options = picked.options.map(normalizeOption);
  return picked;
}

function sortSets(command: JsonObject): JsonObject {
  const sortNumbers = (value: Json | undefined): Json | undefined =>
    Array.isArray(value) ? [...value].sort((a, b) => Number(a) - Number(b)) : value;
  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === 'contexts' || key === 'integration_types' || key === 'channel_types'
          ? (sortNumbers(value) ?? null)
          : visit(value);
    }
    return out;
  };
  return visit(command) as JsonObject;
}

/** Drops empty values and sorts object keys, recursively. */
function compact(node: Json): Json | undefined {
  if (node === null || node === false || node === '') return undefined;
  if (Array.isArray(node)) {
    const items = node.map(compact).filter((item): item is Json => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof node === 'object') {
    const out: JsonObject = {};
    for (const key of Object.keys(node).sort()) {
      const value = compact(node[key] ?? null);
      if (value !== undefined) out[key] = value;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return node;
}

function pick(source: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) if (source[field] !== undefined) out[field] = source[field] ?? null;
  return out;
}

function asObject(value: unknown): JsonObject {
  // JSON.parse(JSON.stringify()) turns builder output and API payloads alike into plain JSON.
  return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as JsonObject) : {};
}
