import { createInterface } from 'node:readline';
import { isUserError, newErrorId } from '../errors.js';
import type { Logger } from '../log.js';
import { executeRequest, type RequestServices } from '../requests/execute.js';
import { parseRequest } from '../requests/parse-request.js';
import { renderOutcome, renderUserError } from './render-text.js';
import { forTerminal } from './terminal.js';

/** Exit codes of one-shot and piped mode. */
export const EXIT = { ok: 0, failed: 1, config: 2, usage: 64 } as const;

export interface ConsoleIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Where start-up problems go (standard error by default). */
  errors?: NodeJS.WritableStream;
}

/**
 * Standard input that ends before its first byte, with no arguments, is a bot that was meant to start
 * (a container with a missing or misspelled token), not a script: saying nothing there would let
 * `restart: unless-stopped` loop silently.
 */
const NO_TOKEN_NO_INPUT = [
  'Herald cannot start: DISCORD_TOKEN is not set, and there was nothing to answer on standard input.',
  '  To run the bot, set DISCORD_TOKEN in its environment (Herald does not read .env files itself).',
  '  To use the offline console instead: run `npm start` in a terminal, or `npm start -- summarize ford`.',
].join('\n');

export interface ConsoleOptions extends RequestServices {
  logger: Logger;
  io?: ConsoleIO;
}

/**
 * The offline console: the same requests as Discord, answered as text.
 * With arguments it answers them as one request and returns; with a pipe it answers each line;
 * on a terminal it prompts until `exit` or end of input. Resolves to the process exit code.
 */
export async function runConsole(args: readonly string[], options: ConsoleOptions): Promise<number> {
  const io: ConsoleIO = options.io ?? { input: process.stdin, output: process.stdout, errors: process.stderr };
  // The one way the console prints: answers carry model text and echo what was typed, and either
  // may hold escape sequences that clear the screen, retitle the window or fake a link.
  const print = (text: string): void => {
    io.output.write(forTerminal(text));
  };
  const answer = async (text: string): Promise<number> => {
    const { output, code } = await answerLine(text, options);
    print(`${output}\n`);
    return code;
  };
  if (args.length > 0) return answer(args.join(' '));

  const interactive = io.input.isTTY === true;
  const lines = createInterface({ input: io.input, ...(interactive ? { output: io.output, prompt: 'herald> ' } : {}), terminal: interactive });
  if (interactive) {
    print('Herald console. Type "help" for examples, "exit" to leave.\n');
    lines.prompt();
  }
  let worst: number = EXIT.ok;
  let first = true;
  let sawInput = false;
  for await (const raw of lines) {
    sawInput = true;
    const text = raw.trim();
    if (interactive && /^(exit|quit|bye)$/iu.test(text)) break;
    if (text) {
      if (!interactive && !first) print('\n');
      first = false;
      const code = await answer(text);
      // A line not understood (64) outranks one refused (1): a script's input is wrong, not the facts.
      if (code === EXIT.usage || worst === EXIT.ok) worst = code;
    }
    if (interactive) lines.prompt();
  }
  lines.close();
  if (!interactive && !sawInput) {
    (io.errors ?? process.stderr).write(`${NO_TOKEN_NO_INPUT}\n`);
    return EXIT.config;
  }
  return interactive ? EXIT.ok : worst;
}

async function answerLine(text: string, options: ConsoleOptions): Promise<{ output: string; code: number }> {
  const request = parseRequest(text);
  try {
    const outcome = await executeRequest(request, options, { userId: 'console' });
    const unrecognized = outcome.kind === 'help' && outcome.unrecognized !== undefined;
    return { output: renderOutcome(outcome), code: unrecognized ? EXIT.usage : EXIT.ok };
  } catch (error) {
    if (isUserError(error)) return { output: renderUserError(error), code: EXIT.failed };
    const errorId = newErrorId();
    options.logger.error({ err: error, errorId, request: request.kind }, 'request failed');
    return { output: `Sorry, something went wrong while answering that (error id ${errorId}).`, code: EXIT.failed };
  }
}
