import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { BriefingProgress } from '../briefing/service.js';
import type { BriefingResult } from '../briefing/types.js';
import { UserError } from '../errors.js';
import { describe, localized } from '../i18n/commands.js';
import { languageFromLocale } from '../languages/index.js';
import { linkOfMessage } from '../sources/message-link.js';
import type { Command, CommandContext } from './command.js';
import { EVERYWHERE, GUILD_INSTALL, messageText, streamInto } from './options.js';
import { renderBriefing } from './render.js';

/** What sets one message menu ("Summarize message", "Translate message") apart from the other. */
export interface MessageMenu {
  /** The menu entry's name. */
  name: 'menu_summarize' | 'menu_translate';
  /** What it makes; also picks the answer's title ("Summary of a message"). */
  kind: 'summarize' | 'translate';
  /**
   * The one briefing call: the message's text, the language of the user's Discord locale (undefined
   * when Herald does not know it), and `progress` to stream into the reply.
   */
  brief(text: string, language: string | undefined, ctx: CommandContext, progress: BriefingProgress): Promise<BriefingResult>;
  /**
   * The same for a message that is mostly a link: the linked page, fetched and extracted as for the
   * `article` option (a refused address throws UserError link_refused).
   */
  briefPage(url: string, language: string | undefined, ctx: CommandContext, progress: BriefingProgress): Promise<BriefingResult>;
}

/**
 * A message context-menu command: the message's text (its content, else its embeds' text) briefed
 * in the user's language, shown only to them, titled by `kind` and linked to the message and its author.
 * A message that is mostly a link is about the page: then the answer is the page's, titled by its
 * headline, linked to the page and naming its site, as /summarize with that link would be.
 */
export function messageMenuCommand(menu: MessageMenu) {
  const title = `kind_${menu.kind}_message` as const;
  return {
    data: new ContextMenuCommandBuilder()
      .setName(describe(menu.name))
      .setNameLocalizations(localized(menu.name))
      .setType(ApplicationCommandType.Message)
      .setContexts(...EVERYWHERE)
      .setIntegrationTypes(...GUILD_INSTALL),

    async execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext) {
      const text = messageText(interaction.targetMessage);
      // Emoji or punctuation alone: nothing to summarize or translate.
      if (!/\p{L}|\p{N}/u.test(text)) throw new UserError('empty_message');
      const language = languageFromLocale(ctx.locale)?.code;
      const link = linkOfMessage(text);
      if (link !== undefined) {
        await ctx.respond(
          async (progress) => renderBriefing(await menu.briefPage(link, language, ctx, streamInto(progress, menu.kind, ctx)), { ...ctx, hideArticleId: true }),
          { ephemeral: true },
        );
        return;
      }
      await ctx.respond(
        async (progress) => {
          const result = await menu.brief(text, language, ctx, streamInto(progress, menu.kind, ctx, ctx.t(title)));
          return renderBriefing(result, {
            ...ctx,
            title: ctx.t(title),
            url: interaction.targetMessage.url,
            author: interaction.targetMessage.author.username,
            hideArticleId: true,
          });
        },
        { ephemeral: true },
      );
    },
  } satisfies Command;
}
