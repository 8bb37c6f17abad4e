import {
  DEFAULT_LENGTH,
  DEFAULT_QUOTE_COUNT,
  MAX_QUOTE_COUNT,
  type BriefingRequest,
  type SummaryLength,
} from '../briefing/types.js';

const LENGTHS: readonly SummaryLength[] = ['short', 'medium', 'long'];

/**
 * Reads the console's slash syntax, the same command and option names as on Discord:
 * `/summarize article:ford length:short language:en`. Option values run until the next `name:`.
 * Returns undefined when the text is not slash syntax; a help request when it is but cannot be read.
 */
export function parseSlash(text: string): BriefingRequest | undefined {
  const match = /^\s*\/(\w+)\s*(.*)$/su.exec(text);
  if (!match) return undefined;
  const command = (match[1] ?? '').toLowerCase();
  const options = readOptions(match[2] ?? '');
  const help = (topic: string): BriefingRequest => ({ kind: 'help', topic, unrecognized: text });
  switch (command) {
    case 'help':
      return { kind: 'help' };
    case 'articles': {
      const query = options.get('query');
      return query ? { kind: 'articles', query } : { kind: 'articles' };
    }
    case 'summarize': {
      const article = options.get('article');
      const length = options.get('length') ?? DEFAULT_LENGTH;
      if (!article || !isLength(length)) return help('summarize');
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
      const count = Number(options.get('count') ?? DEFAULT_QUOTE_COUNT);
      if (!article || !Number.isInteger(count) || count < 1 || count > MAX_QUOTE_COUNT) return help('quote');
      const language = options.get('language');
      return { kind: 'quote', article, count, ...(language ? { language } : {}) };
    }
    default:
      return help(command);
  }
}

function isLength(value: string): value is SummaryLength {
  return (LENGTHS as readonly string[]).includes(value);
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
