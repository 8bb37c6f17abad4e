import { ApplicationIntegrationType, ComponentType, InteractionContextType, type Message } from 'discord.js';
import type { BriefingProgress } from '../briefing/service.js';
import type { BriefingResult } from '../briefing/types.js';
import { languageFromLocale, resolveLanguage } from '../languages/index.js';
import type { CommandContext, ResponseProgress } from './command.js';
import { renderPartial } from './render.js';

/** Where the briefing commands work: servers, DMs with Herald, and group DMs. */
export const EVERYWHERE = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
] as const;

/** Herald is installed to servers (not to user accounts). */
export const GUILD_INSTALL = [ApplicationIntegrationType.GuildInstall] as const;

/**
 * The ISO code to answer in: what the user asked for (code or name in any common spelling; an unknown
 * one throws UserError('language_unknown')), else the user's Discord locale.
 */
export function targetLanguage(input: string | null | undefined, locale: string): string | undefined {
  if (input && input.trim()) return resolveLanguage(input).code;
  return languageFromLocale(locale)?.code;
}

/** The language named explicitly, if any; undefined leaves the choice to the service. */
export function explicitLanguage(input: string | null | undefined): string | undefined {
  return input && input.trim() ? resolveLanguage(input).code : undefined;
}

/** A BriefingProgress that defers the reply when the model is needed and streams partial text into it. */
export function streamInto(
  progress: ResponseProgress,
  kind: BriefingResult['kind'],
  ctx: Pick<CommandContext, 't'>,
  title?: string,
): Required<BriefingProgress> {
  return {
    onPartial: (text, articleId) =>
      progress.preview(() => renderPartial(kind, text, { t: ctx.t, ...(title ? { title } : {}), ...(articleId ? { articleId } : {}) })),
    onModelCall: () => progress.defer(),
  };
}

/** What {@link messageText} reads of a message or of a forwarded message's snapshot. */
type MessageParts = Pick<Message, 'content' | 'embeds' | 'components'>;

/**
 * The text of a message for the message menus: its content, else its embeds' text, else the text
 * of its Components V2 displays; for a forwarded message, the same of the message it forwards.
 */
export function messageText(message: MessageParts & { messageSnapshots?: Message['messageSnapshots'] }): string {
  const own = partsText(message);
  if (own) return own;
  const forwarded = message.messageSnapshots?.first();
  return forwarded ? partsText(forwarded) : '';
}

function partsText(message: MessageParts): string {
  if (message.content.trim()) return message.content.trim();
  const fromEmbeds = message.embeds
    .flatMap((embed) => [embed.title, embed.description, ...embed.fields.map((field) => `${field.name}\n${field.value}`)])
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join('\n\n')
    .trim();
  if (fromEmbeds) return fromEmbeds;
  return message.components
    .flatMap((component) => textDisplays(component.toJSON()))
    .join('\n\n')
    .trim();
}

/** The contents of every Text Display (type 10) inside a component, containers and sections included. */
function textDisplays(component: unknown): string[] {
  if (typeof component !== 'object' || component === null) return [];
  const { type, content, components } = component as { type?: unknown; content?: unknown; components?: unknown };
  if (type === ComponentType.TextDisplay && typeof content === 'string' && content.trim()) return [content.trim()];
  return Array.isArray(components) ? components.flatMap(textDisplays) : [];
}
