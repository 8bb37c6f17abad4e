import {
  DEFAULT_LENGTH,
  DEFAULT_QUOTE_COUNT,
  type BriefingRequest,
  type SummaryLength,
} from '../briefing/types.js';
import { didYouMean, replaceWord, typoOf } from './mistakes.js';
import { isPlaceName } from './places.js';

/**
 * The plain-words grammar shared by direct messages and the console:
 * `summarize ford in english`, `translate ford to french`, `quotes ford`, `ask what did ford say`, `articles`, `help`.
 * It never throws: text it cannot read becomes a help request that carries the text.
 */
export function parseWords(text: string): BriefingRequest {
  const words = tokenize(text);
  const [verb, ...rest] = words;
  if (verb === undefined) return { kind: 'help', unrecognized: text };
  const action = VERBS.get(verb);
  if (action === undefined) {
    const meant = typoOf(verb, VERBS.keys());
    return meant ? { kind: 'mistake', error: didYouMean(verb, replaceWord(text, verb, meant)) } : { kind: 'help', unrecognized: text };
  }
  switch (action) {
    case 'help':
      return { kind: 'help', ...(rest.length > 0 ? { topic: rest.join(' ') } : {}) };
    case 'articles': {
      const { rest: words, page } = takePage(rest);
      const query = stripFillers(words).join(' ');
      return { kind: 'articles', ...(query ? { query } : {}), ...(page === undefined ? {} : { page }) };
    }
    case 'summarize':
      return parseSummarize(rest, text);
    case 'translate':
      return parseTranslate(rest, text);
    case 'quote':
      return parseQuote(rest, text);
    case 'ask':
      // The question is kept as written: its words, case and punctuation are the question.
      return {
        kind: 'ask',
        question: text.trim().replace(/^[/!]*\S+\s*/u, ''),
        // "frage …" asks for German even when the question is too short to tell its language.
        ...(verb.startsWith('frage') ? { locale: 'de' } : {}),
      };
  }
}

type Action = 'help' | 'articles' | 'summarize' | 'translate' | 'quote' | 'ask';

const VERBS = new Map<string, Action>([
  ...['help', 'hilfe', '?', 'commands', 'start'].map((w) => [w, 'help'] as const),
  ...['articles', 'article', 'list', 'search', 'find', 'artikel', 'liste', 'suche', 'news'].map(
    (w) => [w, 'articles'] as const,
  ),
  ...['summarize', 'summarise', 'summary', 'sum', 'tldr', 'brief', 'zusammenfassen', 'zusammenfassung', 'fasse'].map(
    (w) => [w, 'summarize'] as const,
  ),
  ...['translate', 'translation', 'übersetze', 'übersetzen', 'übersetzung', 'uebersetze'].map(
    (w) => [w, 'translate'] as const,
  ),
  ...['quote', 'quotes', 'zitat', 'zitate', 'zitiere', 'cite'].map((w) => [w, 'quote'] as const),
  ...['ask', 'question', 'frage', 'fragen'].map((w) => [w, 'ask'] as const),
]);

const FILLERS = new Set([
  'the', 'a', 'an', 'article', 'articles', 'story', 'about', 'on', 'of', 'from', 'for', 'me', 'please',
  'pls', 'news', 'piece', 'der', 'die', 'das', 'den', 'artikel', 'über', 'ueber', 'von', 'bitte', 'zusammen',
]);

const LANGUAGE_MARKERS = new Set(['in', 'to', 'into', 'auf', 'ins', 'nach', 'as']);

const LENGTH_WORDS = new Map<string, SummaryLength>([
  ['short', 'short'], ['brief', 'short'], ['briefly', 'short'], ['kurz', 'short'], ['quick', 'short'],
  ['medium', 'medium'], ['mittel', 'medium'],
  ['long', 'long'], ['detailed', 'long'], ['lang', 'long'], ['ausführlich', 'long'], ['full', 'long'],
]);

/** "page 2" / "seite 2" anywhere in an articles request: which page of the list, not search words. */
const PAGE_WORDS = new Set(['page', 'seite', 'p']);

function takePage(words: readonly string[]): { rest: string[]; page?: number } {
  for (let i = 0; i < words.length - 1; i++) {
    const next = words[i + 1] ?? '';
    if (PAGE_WORDS.has(words[i] ?? '') && /^\d{1,4}$/u.test(next)) {
      return { rest: [...words.slice(0, i), ...words.slice(i + 2)], page: Number(next) };
    }
  }
  return { rest: [...words] };
}

/**
 * The last word of an article reference when it is a typo of a length word ("ford shrt"): the
 * asker is told, rather than given a search for "ford shrt". A one-word reference is left alone.
 */
export function lengthTypo(articleWords: readonly string[]): { word: string; meant: string } | undefined {
  const word = articleWords[articleWords.length - 1];
  if (articleWords.length < 2 || word === undefined) return undefined;
  const meant = typoOf(word, LENGTH_WORDS.keys(), true);
  return meant ? { word, meant } : undefined;
}

export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[!?.,;:"“”„«»()[\]{}]+(?=\s|$)/gu, ' ')
    .replace(/^[/!]+/u, '')
    .split(/\s+/u)
    .filter((word) => word.length > 0);
}

export function stripFillers(words: readonly string[]): string[] {
  return words.filter((word) => !FILLERS.has(word));
}

/**
 * Splits off a trailing "in english" / "to french" / "auf deutsch" language phrase. With
 * `placesAreTopics`, "in europe" or "in germany" stays part of the article reference: it names what
 * the article is about (a translation, which needs a target, reads it as a language regardless).
 */
export function takeLanguage(words: readonly string[], placesAreTopics = true): { rest: string[]; language?: string } {
  for (let i = words.length - 2; i >= 0; i -= 1) {
    const marker = words[i];
    if (marker !== undefined && LANGUAGE_MARKERS.has(marker) && i > 0) {
      const phrase = words.slice(i + 1).filter((word) => !FILLERS.has(word) && word !== 'language');
      if (placesAreTopics && isPlaceName(phrase.join(' '))) return { rest: [...words] };
      if (phrase.length > 0 && phrase.length <= 2) {
        return { rest: words.slice(0, i), language: germanAdjectiveToName(phrase.join(' ')) };
      }
    }
  }
  return { rest: [...words] };
}

/** "ins Englische" names the language as an adjective; the lookup knows "englisch". */
function germanAdjectiveToName(language: string): string {
  return /isch(e|en)$/u.test(language) ? language.replace(/(e|en)$/u, '') : language;
}

export function takeLength(words: readonly string[]): { rest: string[]; length?: SummaryLength } {
  let length: SummaryLength | undefined;
  const rest = words.filter((word) => {
    const found = LENGTH_WORDS.get(word.replace(/^length[:=]/u, ''));
    if (found !== undefined && length === undefined) {
      length = found;
      return false;
    }
    return true;
  });
  return length === undefined ? { rest } : { rest, length };
}

function takeCount(words: readonly string[]): { rest: string[]; count?: number } {
  let count: number | undefined;
  const rest = words.filter((word) => {
    if (count === undefined && /^\d{1,3}$/u.test(word)) {
      // Out of range is refused by the service in the same words as the slash command's.
      count = Number(word);
      return false;
    }
    return true;
  });
  return count === undefined ? { rest } : { rest, count };
}

// Length and count words come out first, so "in german short" leaves "german" as the language.
function parseSummarize(words: readonly string[], text: string): BriefingRequest {
  const { rest: afterLength, length } = takeLength(words);
  const { rest, language } = takeLanguage(afterLength);
  const articleWords = stripFillers(rest);
  const typo = length === undefined ? lengthTypo(articleWords) : undefined;
  if (typo) return { kind: 'mistake', error: didYouMean(typo.word, replaceWord(text, typo.word, typo.meant)) };
  const article = articleWords.join(' ');
  if (!article) return { kind: 'help', topic: 'summarize', unrecognized: text };
  return { kind: 'summarize', article, length: length ?? DEFAULT_LENGTH, ...(language ? { language } : {}) };
}

function parseTranslate(words: readonly string[], text: string): BriefingRequest {
  const taken = takeLanguage(words, false);
  let { rest } = taken;
  let language = taken.language;
  // "translate ford english": a translation always has a target, so a bare last word is one.
  if (language === undefined && rest.length >= 2 && !LANGUAGE_MARKERS.has(rest[rest.length - 1] ?? '')) {
    language = rest[rest.length - 1];
    rest = rest.slice(0, -1);
  }
  const article = stripFillers(rest).join(' ');
  if (!article || !language) return { kind: 'help', topic: 'translate', unrecognized: text };
  return { kind: 'translate', article, language };
}

function parseQuote(words: readonly string[], text: string): BriefingRequest {
  const { rest: afterCount, count } = takeCount(words);
  const { rest, language } = takeLanguage(afterCount);
  const article = stripFillers(rest).join(' ');
  if (!article) return { kind: 'help', topic: 'quote', unrecognized: text };
  return { kind: 'quote', article, count: count ?? DEFAULT_QUOTE_COUNT, ...(language ? { language } : {}) };
}
