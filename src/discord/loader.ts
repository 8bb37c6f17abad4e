import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from '../log.js';
import { isCommand, type Command } from './command.js';

/** The project's commands/ folder. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** A command that passed the guard, with its JSON computed once. */
export interface LoadedCommand {
  command: Command;
  json: RESTPostAPIApplicationCommandsJSONBody;
  /** Slash command, user menu or message menu. */
  type: ApplicationCommandType;
  file: string;
}

/** Routing key: a slash command and a menu may share a name, a type and a name may not. */
export function commandKey(type: ApplicationCommandType, name: string): string {
  return `${type}:${name}`;
}

/**
 * Imports every commands/*.ts (or .js) file and keeps the default exports that are Commands.
 * A file that fails to import, is not a Command, or repeats a name is skipped with a warning, so one
 * broken file never keeps the others from working.
 */
export async function loadCommands(dir: string, logger: Logger): Promise<LoadedCommand[]> {
  const files = (await readdir(dir))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !/\.(d|test|spec)\.[mc]?[tj]s$/.test(file))
    .sort();
  const loaded: LoadedCommand[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const full = path.join(dir, file);
    try {
      const module = (await import(pathToFileURL(full).href)) as { default?: unknown };
      if (!isCommand(module.default)) {
        logger.warn({ file }, 'skipping commands file: its default export is not a Command');
        continue;
      }
      const json = module.default.data.toJSON();
      const type = json.type ?? ApplicationCommandType.ChatInput;
      const key = commandKey(type, json.name);
      if (seen.has(key)) {
        logger.warn({ file, command: json.name }, 'skipping commands file: a command with this name is already loaded');
        continue;
      }
      seen.add(key);
      loaded.push({ command: module.default, json, type, file });
    } catch (error) {
      logger.warn({ file, err: error }, 'skipping commands file: it failed to load');
    }
  }
  return loaded;
}
