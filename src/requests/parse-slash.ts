import { DEFAULT_QUOTE_COUNT, type BriefingRequest } from '../briefing/types.js';
import { didYouMean, replaceWord, typoOf, unknownOption } from './mistakes.js';
import { readLength } from './options.js';

/** Each console slash command and its options, as on Discord (plus `page` for the listing). */
export const SLASH_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  summarize: ['article', 'length', 'language'],
  translate: ['article', 'language'],
  quote: ['article', 'count', 'language'],
  articles: ['query', 'page'],
  help: [],
  ask: ['question', 'article'],
  digest: ['language', 'length'],
};

/** The text after `/<command>`, its options by name, or the mistake that stops reading it. */
export type SlashOptions = { command: string; options: Map<string, string> } | { mistake: BriefingRequest };

/**
 * Splits slash syntax into its command and options, refusing an option the command does not
 * have (silently ignoring it would answer another question than the one asked) and suggesting
 * the command a typo meant. Undefined when the text is not slash syntax.
 */
export function readSlash(text: string): SlashOptions | undefined {
  const match = /^\s*\/(\w+)\s*(.*)$/su.exec(text);
  if (!match) return undefined;
  const command = (match[1] ?? '').toLowerCase();
  const known = SLASH_OPTIONS[command];
  if (known === undefined) {
    const meant = typoOf(command, Object.keys(SLASH_OPTIONS));
    if (meant) return { mistake: { kind: 'mistake', error: didYouMean(`/${command}`, replaceWord(text, `/${command}`, `/${meant}`)) } };
    return { mistake: { kind: 'help', topic: command, unrecognized: text } };
  }
  const options = readOptions(match[2] ?? '');
  const unknown = [...options.keys()].find((name) => !known.includes(name));
  if (unknown !== undefined && known.length > 0) return { mistake: { kind: 'mistake', error: unknownOption(command, unknown, known) } };
  return { command, options };
}

/**
 * Reads the console's slash syntax, the same command and option names as on Discord:
 * `/summarize article:ford length:short language:en`. Option values run until the next `name:`.
 * Returns undefined when the text is not slash syntax; a mistake when an option is wrong; a help
 * request when a required option is missing.
 */
export function parseSlash(text: string): BriefingRequest | undefined {
  const read = readSlash(text);
  if (read === undefined) return undefined;
  if ('mistake' in read) return read.mistake;
  const { command, options } = read;
  const help = (topic: string): BriefingRequest => ({ kind: 'help', topic, unrecognized: text });
  switch (command) {
    case 'articles': {
      const query = options.get('query');
      const page = options.get('page');
      return { kind: 'articles', ...(query ? { query } : {}), ...(page ? { page: Number(page) } : {}) };
    }
    case 'summarize': {
      const article = options.get('article');
      if (!article) return help('summarize');
      const length = readLength(options.get('length'));
      if (typeof length !== 'string') return length;
      const language = options.get('language');
      return { kind: 'summarize', article, length, ...(language ? { language } : {}) };
    }
    case 'translate': {
      const article = options.get('article');
      const language = options.get('language');
      if (!article || !language) return help('translate');
      return { kind: 'translate', article, language };
    }
    case 'quote': {
      const article = options.get('article');
      if (!article) return help('quote');
      // Out of range or not a number is refused by the service, in the slash command's words.
      const count = Number(options.get('count') ?? DEFAULT_QUOTE_COUNT);
      const language = options.get('language');
      return { kind: 'quote', article, count, ...(language ? { language } : {}) };
    }
    case 'ask': {
      const article = options.get('article');
      // An empty question is refused by the service, in the same words as everywhere.
      return { kind: 'ask', question: options.get('question') ?? '', ...(article ? { article } : {}) };
    }
    case 'help':
      return { kind: 'help' };
    default:
      // Commands only the console's own readers know (`/digest preview`): any other form is not one.
      return help(command);
  }
}

function readOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  const pattern = /(\w+):/gu;
  const marks = [...text.matchAll(pattern)];
  marks.forEach((mark, index) => {
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[index + 1]?.index ?? text.length;
    const value = text.slice(start, end).trim().replace(/^["']|["']$/gu, '');
    const name = (mark[1] ?? '').toLowerCase();
    if (value && !options.has(name)) options.set(name, value);
  });
  return options;
}
