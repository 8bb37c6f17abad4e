import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { DEFAULT_QUOTE_COUNT, MAX_QUOTE_COUNT } from '../src/briefing/types.js';
import type { Command } from '../src/discord/command.js';
import { articleOption, EVERYWHERE, explicitLanguage, GUILD_INSTALL, languageOption } from '../src/discord/options.js';
import { renderBriefing } from '../src/discord/render.js';
import { describe, localized } from '../src/i18n/commands.js';

/** /quote article count language: verbatim passages; a language adds a translation under each. */
export default {
  data: new SlashCommandBuilder()
    .setName('quote')
    .setDescription(describe('quote'))
    .setDescriptionLocalizations(localized('quote'))
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL)
    .addStringOption(articleOption)
    .addIntegerOption((option) =>
      option
        .setName('count')
        .setDescription(describe('option_count'))
        .setDescriptionLocalizations(localized('option_count'))
        .setMinValue(1)
        .setMaxValue(MAX_QUOTE_COUNT),
    )
    .addStringOption((option) => languageOption(option, 'option_quote_language')),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const article = interaction.options.getString('article', true);
    const count = interaction.options.getInteger('count') ?? DEFAULT_QUOTE_COUNT;
    // Quotes are verbatim by default; only an explicit language asks for a translation.
    const language = explicitLanguage(interaction.options.getString('language'));
    await ctx.respond(async (progress) => {
      const result = await ctx.services.briefing.quote(article, { count, ...(language ? { language } : {}) }, ctx.requester, {
        onModelCall: () => progress.defer(),
      });
      return renderBriefing(result, ctx);
    });
  },
} satisfies Command;
