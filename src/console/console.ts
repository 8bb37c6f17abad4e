import { createInterface } from 'node:readline';
import { EXIT } from '../exit-codes.js';
import { describeFailure } from '../failures.js';
import { plainFormat } from '../i18n/failure-texts.js';
import { runInScope } from '../llm/request-scope.js';
import { LanguageModelError } from '../llm/types.js';
import type { Herald } from '../herald.js';
import { executeRequest } from '../requests/execute.js';
import { parseDigestPreview } from '../requests/parse-digest.js';
import { parseRequest } from '../requests/parse-request.js';
import { previewDigest } from './digest-preview.js';
import { explainModelFailure, retryLine, type ModelSettings } from './model-trouble.js';
import { renderOutcome } from './render-text.js';
import { forTerminal } from './terminal.js';
import { localeOfWords } from '../requests/words-locale.js';


export interface ConsoleIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Start-up problems and progress notes (a model call being retried); standard error by default. */
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

/** Herald's parts the console uses (a ConsoleHerald has them all), and where to read and write. */
export interface ConsoleOptions extends Pick<Herald, 'articles' | 'briefing' | 'ask' | 'logger'>, Partial<Pick<Herald, 'stories'>> {
  io?: ConsoleIO;
  /** The model settings, to name the one to fix when the model fails; defaults for OpenAI's API. */
  config?: ModelSettings;
}

const DEFAULT_SETTINGS: ModelSettings = { LLM_MODEL: 'gpt-4o-mini', LLM_TIMEOUT_MS: 60_000 };

/** One answered line: what to print and the exit code it earns. */
interface Answer {
  output: string;
  code: number;
}

/**
 * The offline console: the same requests as Discord, answered as text.
 * With arguments it answers them as one request and returns; with a pipe it answers each line;
 * on a terminal it prompts until `exit` or end of input. Ctrl-C (or SIGINT) ends the request in
 * flight at once, model call included; at the prompt, or in a one-shot or piped run, it also
 * ends the console. Resolves to the process exit code.
 */
export async function runConsole(args: readonly string[], options: ConsoleOptions): Promise<number> {
  const io: ConsoleIO = options.io ?? { input: process.stdin, output: process.stdout, errors: process.stderr };
  // The one way the console prints: answers carry model text and echo what was typed, and either
  // may hold escape sequences that clear the screen, retitle the window or fake a link.
  const print = (text: string): void => {
    io.output.write(forTerminal(text));
  };
  const interactive = args.length === 0 && io.input.isTTY === true;
  const requests = new RequestRunner(options, io.errors ?? process.stderr);
  let stop: (() => void) | undefined;
  let interrupted = false;
  const interrupt = (): void => {
    if (requests.cancel() && interactive) return;
    interrupted = true;
    stop?.();
  };
  process.on('SIGINT', interrupt);
  try {
    if (args.length > 0) {
      const answer = await requests.run(args.join(' '));
      print(`${answer.output}\n`);
      return interrupted ? EXIT.interrupted : answer.code;
    }

    const lines = createInterface({ input: io.input, ...(interactive ? { output: io.output, prompt: 'herald> ' } : {}), terminal: interactive });
    stop = () => lines.close();
    lines.on('SIGINT', interrupt);
    if (interactive) {
      print('Herald console. Type "help" for examples, "exit" to leave; Ctrl-C cancels a request.\n');
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
        const answer = await requests.run(text);
        print(`${answer.output}\n`);
        if (interrupted) break;
        // A line not understood (64) outranks one refused (1): a script's input is wrong, not the facts.
        if (answer.code === EXIT.usage || worst === EXIT.ok) worst = answer.code;
      }
      if (interactive) lines.prompt();
    }
    lines.close();
    if (interactive) return EXIT.ok;
    if (interrupted) return EXIT.interrupted;
    if (!sawInput) {
      (io.errors ?? process.stderr).write(`${NO_TOKEN_NO_INPUT}\n`);
      return EXIT.config;
    }
    return worst;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/**
 * Answers one line at a time. Each runs in a request scope whose signal aborts its model calls on
 * cancel(), and whose model trouble is told here: one line on the first retry, the cause and the
 * setting to fix with the answer.
 */
class RequestRunner {
  #current: AbortController | undefined;

  constructor(
    private readonly options: ConsoleOptions,
    private readonly errors: NodeJS.WritableStream,
  ) {}

  /** Ends the request in flight; false when there is none. */
  cancel(): boolean {
    const current = this.#current;
    if (!current || current.signal.aborted) return false;
    current.abort(new LanguageModelError('The request was cancelled.', 'timeout'));
    return true;
  }

  async run(text: string): Promise<Answer> {
    const controller = new AbortController();
    this.#current = controller;
    const settings = this.options.config ?? DEFAULT_SETTINGS;
    let retried = false;
    let failure: LanguageModelError | undefined;
    const scope = {
      signal: controller.signal,
      onRetry: (notice: Parameters<typeof retryLine>[0]) => {
        if (retried || controller.signal.aborted) return;
        retried = true;
        this.errors.write(`${retryLine(notice)}\n`);
      },
      onModelFailure: (_operation: string, error: LanguageModelError) => {
        failure ??= error;
      },
    };
    const cancelled = new Promise<Answer>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve({ output: 'Cancelled.', code: EXIT.interrupted }), { once: true });
    });
    try {
      // The request's own promise is left to settle on its own once its model call is aborted.
      const work = runInScope(scope, () => answerLine(text, this.options, () => failure, settings));
      return await Promise.race([work, cancelled]);
    } finally {
      if (this.#current === controller) this.#current = undefined;
    }
  }
}

async function answerLine(text: string, options: ConsoleOptions, failure: () => LanguageModelError | undefined, settings: ModelSettings): Promise<Answer> {
  const preview = parseDigestPreview(text);
  const request = preview ?? parseRequest(text);
  // A request in German words gets its help and what went wrong in German, as a direct message would.
  const locale = localeOfWords(text);
  const why = (): string | undefined => {
    const error = failure();
    return error ? `Language model: ${explainModelFailure(error, settings)}` : undefined;
  };
  try {
    if (request.kind === 'digest_preview') {
      const output = await previewDigest(request, options, options.logger);
      return { output: [output, why()].filter(Boolean).join('\n\n'), code: EXIT.ok };
    }
    const outcome = await executeRequest(request, options, { userId: 'console' });
    const unrecognized = outcome.kind === 'help' && outcome.unrecognized !== undefined;
    return { output: [renderOutcome(outcome, locale), why()].filter(Boolean).join('\n\n'), code: unrecognized ? EXIT.usage : EXIT.ok };
  } catch (error) {
    const answer = describeFailure(error, {
      locale,
      format: plainFormat(locale, options.articles),
      logger: options.logger,
      failed: 'request failed',
      fields: { request: request.kind },
    });
    if (answer.outcome === 'error') return { output: answer.text, code: EXIT.failed };
    const cause = failure();
    // The console's user is the one who can fix the model, so they get its cause and setting.
    if (cause && (answer.error.code === 'llm_unavailable' || answer.error.code === 'llm_rate_limited')) {
      return { output: `The language model could not answer: ${explainModelFailure(cause, settings)}`, code: EXIT.failed };
    }
    return { output: answer.text, code: request.kind === 'mistake' ? EXIT.usage : EXIT.failed };
  }
}
