/**
 * Which articles a Herald message was about, and the conversation above a reply to it.
 *
 * The articles are read from the message itself: every Herald answer names its articles by id in
 * its embed footers (summaries, translations, quotes, digest items, /ask answers). That needs no
 * store written on every send (interaction replies, DMs and digest posts go out by three different
 * paths), survives restarts, store outages and cache expiry, works across shards, and works for
 * messages sent before this existed. It is safe: only messages Herald itself wrote are read, and an
 * id counts only when it names an article the asker may see.
 */
import type { Message } from 'discord.js';
import type { BriefingRequest } from '../briefing/types.js';
import { parseWords, tokenize } from '../requests/parse-words.js';
import { messageText } from './options.js';

/** Messages read up the chain: enough for a conversation, few enough to answer quickly. */
const MAX_DEPTH = 6;
/** Characters kept of each earlier message: the model needs the gist, not a whole digest. */
const MAX_MESSAGE_CHARS = 1_200;
/** Discord's markdown escapes (asPlainText), which are noise to a model. */
const ESCAPE = /\\([\\*_~|`[\]<>#:.+-])/gu;

/** A reply's thread: the articles it continues and the earlier messages, oldest first. */
export interface ReplyThread {
  about: string[];
  context: string[];
}

/**
 * The thread a reply continues, when it replies to a Herald message; undefined otherwise (a reply
 * to someone else is none of Herald's business). Messages that cannot be fetched end the chain.
 */
export async function replyThread(message: Message, botId: string, known: (id: string) => boolean): Promise<ReplyThread | undefined> {
  let current = await referenceOf(message);
  if (!current || current.author.id !== botId) return undefined;
  const context: string[] = [];
  let about: string[] = [];
  for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
    const herald = current.author.id === botId;
    const text = messageText(current).replace(ESCAPE, '$1').slice(0, MAX_MESSAGE_CHARS).trim();
    if (text) context.unshift(`${herald ? 'Herald' : 'User'}: ${text}`);
    // The nearest Herald message that names articles decides what the thread is about.
    if (herald && about.length === 0) about = articleIdsOf(current, known);
    current = await referenceOf(current);
  }
  return { about, context };
}

/** The article ids a Herald message names in its embed footers, that the asker may see. */
export function articleIdsOf(message: Pick<Message, 'embeds'>, known: (id: string) => boolean): string[] {
  const ids = message.embeds
    .flatMap((embed) => (embed.footer?.text ?? '').split(' · '))
    .flatMap((part) => part.split(', '))
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && known(part));
  return [...new Set(ids)];
}

/**
 * What a reply to a Herald message asks: a request in Herald's words (`summarize …`) as written;
 * `ask …` or anything else is a question about the thread's articles, with the thread as context.
 * `known` tells an article id the asker may see.
 */
export function replyRequest(parsed: BriefingRequest, text: string, thread: ReplyThread, known: (id: string) => boolean): BriefingRequest {
  const onThread = onThreadArticle(text, thread);
  if (onThread) return onThread;
  if ((parsed.kind === 'summarize' || parsed.kind === 'translate' || parsed.kind === 'quote') && namesArticle(parsed.article, thread, known)) return parsed;
  if (parsed.kind === 'articles' && isListing(parsed, text)) return parsed;
  const question = parsed.kind === 'ask' ? parsed.question : text;
  return {
    kind: 'ask',
    question,
    ...(thread.about.length > 0 ? { about: thread.about } : {}),
    ...(thread.context.length > 0 ? { context: thread.context } : {}),
    ...(parsed.kind === 'ask' && parsed.locale ? { locale: parsed.locale } : {}),
  };
}

/**
 * Whether a request's article reference names an article in a reply. Replies are prose: "Summary of
 * the costs?", "Brief me on the mayor", "Cite what the critics said" start with Herald's words, and
 * read as written their rest would be searched for as an article. Under a thread about articles only
 * an article id counts; without one, words are searched as usual (and a miss gets suggestions).
 */
function namesArticle(reference: string, thread: ReplyThread, known: (id: string) => boolean): boolean {
  return thread.about.length === 0 || known(reference.trim());
}

/** The listing verbs that are nouns: "articles about solar" asks for a list, whatever follows. */
const LISTING_NOUNS = new Set(['articles', 'article', 'artikel']);

/**
 * Whether a reply read as a listing asks for one. "List the critics?", "Find out what Ford said",
 * "News about the cost?" start with a listing verb but are questions about the article replied to;
 * only the bare command ("articles", "list articles", "news page 2") or the noun form lists.
 */
function isListing(parsed: Extract<BriefingRequest, { kind: 'articles' }>, text: string): boolean {
  const [verb = ''] = tokenize(text);
  return parsed.query === undefined || LISTING_NOUNS.has(verb);
}

/** Words that point back at the article replied to rather than name one ("translate it", "übersetze ihn"). */
const POINTING = new Set(['it', 'this', 'that', 'one', 'es', 'dies', 'diesen', 'diese', 'dieser', 'ihn', 'ihm', 'sie', 'ihr']);

/**
 * A request in Herald's words that names no article ("summarize in German", "translate it into
 * German", "quote 2") works on the one article the thread is about. Read as written, its language
 * words or pronoun would be taken for an article reference and find another article, or none.
 * Undefined when the request names an article of its own, or the thread is about several.
 */
function onThreadArticle(text: string, thread: ReplyThread): BriefingRequest | undefined {
  const [id, ...others] = thread.about;
  if (id === undefined || others.length > 0) return undefined;
  const [verb = '', ...rest] = text.trim().split(/\s+/u);
  const request = parseWords([verb, id, ...rest].join(' '));
  if (request.kind !== 'summarize' && request.kind !== 'translate' && request.kind !== 'quote') return undefined;
  const idWords = new Set(tokenize(id));
  const named = tokenize(request.article).filter((word) => !idWords.has(word) && !POINTING.has(word));
  return named.length === 0 ? { ...request, article: id } : undefined;
}

async function referenceOf(message: Message): Promise<Message | undefined> {
  if (!message.reference?.messageId) return undefined;
  try {
    return await message.fetchReference();
  } catch {
    // Deleted, or in a channel Herald can no longer read: the thread starts below it.
    return undefined;
  }
}
