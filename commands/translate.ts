import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { articleOption, EVERYWHERE, GUILD_INSTALL, languageOption, streamInto } from '../src/discord/options.js';
import { renderBriefing } from '../src/discord/render.js';
import { describe, localized } from '../src/i18n/commands.js';
import { resolveLanguage } from '../src/languages/index.js';

/** /translate article language: the whole article, translated; long ones arrive over several messages. */
export default {
  data: new SlashCommandBuilder()
    .setName('translate')
    .setDescription(describe('translate'))
    .setDescriptionLocalizations(localized('translate'))
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL)
    .addStringOption(articleOption)
    .addStringOption((option) => languageOption(option, 'option_language_required', true)),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const article = interaction.options.getString('article', true);
    const language = resolveLanguage(interaction.options.getString('language', true)).code;
    await ctx.respond(async (progress) => {
      const result = await ctx.services.briefing.translate(article, language, ctx.requester, streamInto(progress, 'translate', ctx));
      return renderBriefing(result, ctx);
    });
  },
} satisfies Command;
