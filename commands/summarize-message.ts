import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import { DEFAULT_LENGTH } from '../src/briefing/types.js';
import type { Command } from '../src/discord/command.js';
import { EVERYWHERE, GUILD_INSTALL, messageText, streamInto } from '../src/discord/options.js';
import { renderBriefing } from '../src/discord/render.js';
import { UserError } from '../src/errors.js';
import { describe, localized } from '../src/i18n/commands.js';
import { languageFromLocale } from '../src/llm/languages.js';

/** Message menu "Summarize message": a summary of the message's text in the user's language, only for them. */
export default {
  data: new ContextMenuCommandBuilder()
    .setName(describe('menu_summarize'))
    .setNameLocalizations(localized('menu_summarize'))
    .setType(ApplicationCommandType.Message)
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL),

  async execute(interaction: MessageContextMenuCommandInteraction, ctx) {
    const text = messageText(interaction.targetMessage);
    if (!text) throw new UserError('invalid_option', ctx.t('error_empty_message'));
    const language = languageFromLocale(ctx.locale)?.code;
    await ctx.respond(
      async (progress) => {
        const result = await ctx.services.briefing.summarizeText(
          text,
          { length: DEFAULT_LENGTH, ...(language ? { language } : {}) },
          ctx.requester,
          streamInto(progress, 'summarize', ctx, ctx.t('kind_summarize_message')),
        );
        return renderBriefing(result, {
          ...ctx,
          title: ctx.t('kind_summarize_message'),
          url: interaction.targetMessage.url,
          author: interaction.targetMessage.author.username,
          hideArticleId: true,
        });
      },
      { ephemeral: true },
    );
  },
} satisfies Command;
