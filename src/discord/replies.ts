import { type Client, type Message } from 'discord.js';
import { describeFailure } from '../failures.js';
import type { BotHerald } from '../herald.js';
import { detectLanguage, UNDETERMINED } from '../articles/language.js';
import { translator, usesEnglish } from '../i18n/index.js';
import { requestLogger, type Logger } from '../log.js';
import { executeRequest } from '../requests/execute.js';
import { parseWords } from '../requests/parse-words.js';
import { removeControls } from '../text/controls.js';
import type { InteractionEvent, Rendered } from './command.js';
import { discordFormat } from './failure-format.js';
import { renderPlain } from './render.js';
import { renderOutcome } from './render-outcome.js';
import { replyRequest, replyThread } from './reply-context.js';
import { toMessageOptions } from './respond.js';

export interface ReplyHandlerOptions {
  services: BotHerald;
  logger: Logger;
  /** Hook for metrics: one call per answered reply. */
  onAnswered?: (event: InteractionEvent) => void;
}

/**
 * Answers replies to Herald's messages in servers: a follow-up question about the same articles,
 * with the reply chain as context. Herald has no Message Content intent, so Discord gives it the
 * text only of messages that mention it; a reply does unless its author turned the ping off, and
 * those are left alone (there is nothing to read). Every other message is ignored at once.
 */
export function createReplyHandler(client: Client, options: ReplyHandlerOptions): (message: Message) => Promise<void> {
  return async (message) => {
    const botId = client.user?.id;
    if (!botId || message.author.bot || !message.inGuild()) return;
    if (message.mentions.repliedUser?.id !== botId) return;
    const text = removeControls(message.content).replace(new RegExp(`<@!?${botId}>`, 'gu'), '').trim();
    if (!text) return;
    const started = Date.now();
    const guildId = message.guildId;
    const logger = requestLogger(options.logger, { command: 'reply', guildId, userId: message.author.id, requestId: message.id });
    let locale = replyLocale(text, message.guild.preferredLocale);
    let command = 'reply';
    let outcome: 'ok' | 'user_error' | 'error' = 'ok';
    try {
      const scope = options.services.articles.in(guildId);
      const known = (id: string) => scope.get(id) !== undefined;
      const thread = await replyThread(message, botId, known);
      if (!thread) return;
      const request = replyRequest(parseWords(text), text, thread, known);
      const withLocale = request.kind === 'ask' && !request.locale ? { ...request, locale } : request;
      command = `reply:${request.kind}`;
      void message.channel.sendTyping().catch(() => undefined);
      const answered = await executeRequest(withLocale, options.services, { userId: message.author.id, guildId });
      if (answered.kind === 'ask') locale = answered.result.language;
      await send(message, renderOutcome(answered, translator(locale), locale));
    } catch (error) {
      const answer = describeFailure(error, { locale, format: discordFormat(locale, options.services.articles.in(guildId)), logger, failed: 'reply failed' });
      outcome = answer.outcome;
      await send(message, renderPlain(answer.text)).catch((sendError: unknown) => logger.warn({ err: sendError }, 'could not answer a reply'));
    } finally {
      if (command !== 'reply') options.onAnswered?.({ id: message.id, command, outcome, seconds: (Date.now() - started) / 1000 });
    }
  };
}

/**
 * The language a reply is answered in when it fails: a message carries no Discord locale, so its
 * own words decide when Herald has strings in that language (a German reply in an English server
 * is told in German), else the server's.
 */
function replyLocale(text: string, guildLocale: string): string {
  const detected = detectLanguage(text);
  const hasStrings = detected === 'en' || (detected !== UNDETERMINED && !usesEnglish(detected));
  return hasStrings ? detected : guildLocale;
}

/** The first message as a reply to the question (without pinging its author), the rest after it. */
async function send(message: Message<true>, rendered: Rendered): Promise<void> {
  const [first, ...rest] = rendered.messages;
  if (first) await message.reply(toMessageOptions(first));
  for (const next of rest) await message.channel.send(toMessageOptions(next));
}
