import { ChannelType, DiscordAPIError, RESTJSONErrorCodes, type Client, type Message, type SendableChannels } from 'discord.js';
import type { BriefingRequest } from '../briefing/types.js';
import { describeFailure } from '../failures.js';
import { translator } from '../i18n/index.js';
import { requestLogger, type Logger } from '../log.js';
import { removeControls } from '../text/controls.js';
import { executeRequest } from '../requests/execute.js';
import { parseWords } from '../requests/parse-words.js';
import { replyRequest, replyThread } from './reply-context.js';
import type { InteractionEvent, Rendered } from './command.js';
import type { BotHerald } from '../herald.js';
import { discordFormat } from './failure-format.js';
import { renderPlain } from './render.js';
import { renderOutcome } from './render-outcome.js';
import { toMessageOptions } from './respond.js';
import { LIMITS } from './split.js';
import { localeOfWords } from '../requests/words-locale.js';

/** Discord shows "Herald is typing…" for about 10 s per call; renew a little before it runs out. */
export const TYPING_INTERVAL_MS = 8_000;

/** Options of the direct-message handler. */
export interface DirectMessageOptions {
  services: BotHerald;
  logger: Logger;
  typingIntervalMs?: number;
  /** Hook for metrics: one call per answered DM. */
  onAnswered?: (event: InteractionEvent) => void;
}

/**
 * Answers direct messages written in plain words (`summarize ford in english`, `quotes ford`...)
 * with the same services and renderer as the slash commands. Ignores bots (Herald included) and
 * anything outside DMs; never rejects.
 */
export function createDirectMessageHandler(client: Client, options: DirectMessageOptions): (message: Message) => Promise<void> {
  const typingIntervalMs = options.typingIntervalMs ?? TYPING_INTERVAL_MS;
  return async (message) => {
    if (message.author.bot || message.author.id === client.user?.id) return;
    if (message.guildId !== null || message.channel.type !== ChannelType.DM) return;
    const channel = message.channel;
    if (!channel.isSendable()) return;
    const started = Date.now();
    // Invisible controls between the words would make "quotes\u2066 ford" unreadable, and would be echoed back.
    const content = removeControls(message.content);
    const locale = localeOfWords(content);
    const t = translator(locale);
    const logger = requestLogger(options.logger, { command: 'dm', userId: message.author.id, requestId: message.id });
    let command = 'dm';
    let outcome: 'ok' | 'user_error' | 'error' = 'ok';
    try {
      const text = content.trim();
      if (text.length > LIMITS.content) {
        await send(channel, renderPlain(t('dm_too_long', { length: text.length, max: LIMITS.content })));
        return;
      }
      const parsed = parseWords(text);
      // A reply to one of Herald's answers continues its thread: a question about the same articles.
      const known = (id: string) => options.services.articles.in(undefined).get(id) !== undefined;
      const thread = message.reference && client.user ? await replyThread(message, client.user.id, known) : undefined;
      const request = withDefaultLanguage(thread ? replyRequest(parsed, text, thread, known) : parsed, locale);
      command = `dm:${request.kind}`;
      const outcomeOf = await whileTyping(channel, typingIntervalMs, logger, () =>
        executeRequest(request, options.services, { userId: message.author.id }),
      );
      await send(channel, renderOutcome(outcomeOf, t, locale));
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
        // The user closed their DMs after writing; there is nobody left to tell.
        logger.info('cannot answer: the user does not accept direct messages');
        return;
      }
      const answer = describeFailure(error, { locale, format: discordFormat(locale, options.services.articles), logger, failed: 'direct message failed' });
      outcome = answer.outcome;
      await send(channel, renderPlain(answer.text)).catch((sendError: unknown) =>
        logger.warn({ err: sendError }, 'could not answer a direct message'),
      );
    } finally {
      options.onAnswered?.({ id: message.id, command, outcome, seconds: (Date.now() - started) / 1000 });
    }
  };
}

/** A summary asked for without a language comes in the language the user wrote in, like the slash commands' locale default. */
function withDefaultLanguage(request: BriefingRequest, locale: string): BriefingRequest {
  if (request.kind === 'summarize' && request.language === undefined) return { ...request, language: locale };
  if (request.kind === 'ask') return { ...request, locale };
  return request;
}

async function whileTyping<T>(channel: SendableChannels, intervalMs: number, logger: Logger, work: () => Promise<T>): Promise<T> {
  const type = () =>
    channel.sendTyping().catch((error: unknown) => logger.debug({ err: error }, 'typing indicator failed'));
  void type();
  const timer = setInterval(() => void type(), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

async function send(channel: SendableChannels, rendered: Rendered): Promise<void> {
  for (const message of rendered.messages) await channel.send(toMessageOptions(message));
}
