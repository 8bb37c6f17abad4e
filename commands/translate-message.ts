import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { EVERYWHERE, GUILD_INSTALL, messageText, streamInto } from '../src/discord/options.js';
import { renderBriefing } from '../src/discord/render.js';
import { UserError } from '../src/errors.js';
import { describe, localized } from '../src/i18n/commands.js';
import { languageFromLocale } from '../src/llm/languages.js';

/** Message menu "Translate message": the message's text in the user's language, only for them. */
export default {
  data: new ContextMenuCommandBuilder()
    .setName(describe('menu_translate'))
    .setNameLocalizations(localized('menu_translate'))
    .setType(ApplicationCommandType.Message)
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL),

  async execute(interaction: MessageContextMenuCommandInteraction, ctx) {
    const text = messageText(interaction.targetMessage);
    if (!text) throw new UserError('invalid_option', ctx.t('error_empty_message'));
    const language = languageFromLocale(ctx.locale)?.code ?? 'en';
    await ctx.respond(
      async (progress) => {
        const result = await ctx.services.briefing.translateText(
          text,
          language,
          ctx.requester,
          streamInto(progress, 'translate', ctx, ctx.t('kind_translate_message')),
        );
        return renderBriefing(result, {
          ...ctx,
          title: ctx.t('kind_translate_message'),
          url: interaction.targetMessage.url,
          author: interaction.targetMessage.author.username,
          hideArticleId: true,
        });
      },
      { ephemeral: true },
    );
  },
} satisfies Command;
