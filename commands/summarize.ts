import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { DEFAULT_LENGTH, type SummaryLength } from '../src/briefing/types.js';
import type { Command } from '../src/discord/command.js';
import { articleOption, EVERYWHERE, GUILD_INSTALL, languageOption, streamInto, targetLanguage } from '../src/discord/options.js';
import { renderBriefing } from '../src/discord/render.js';
import { describe, localized } from '../src/i18n/commands.js';

const LENGTHS = ['short', 'medium', 'long'] as const satisfies readonly SummaryLength[];

/** /summarize article length language: a summary in the asked (or the user's) language. */
export default {
  data: new SlashCommandBuilder()
    .setName('summarize')
    .setDescription(describe('summarize'))
    .setDescriptionLocalizations(localized('summarize'))
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL)
    .addStringOption(articleOption)
    .addStringOption((option) =>
      option
        .setName('length')
        .setDescription(describe('option_length'))
        .setDescriptionLocalizations(localized('option_length'))
        .addChoices(
          ...LENGTHS.map((length) => ({
            name: describe(`choice_${length}`),
            name_localizations: localized(`choice_${length}`),
            value: length,
          })),
        ),
    )
    .addStringOption((option) => languageOption(option, 'option_language')),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const article = interaction.options.getString('article', true);
    const length = (interaction.options.getString('length') ?? DEFAULT_LENGTH) as SummaryLength;
    const language = targetLanguage(interaction.options.getString('language'), ctx.locale);
    await ctx.respond(async (progress) => {
      const result = await ctx.services.briefing.summarize(
        article,
        { length, ...(language ? { language } : {}) },
        ctx.requester,
        streamInto(progress, 'summarize', ctx),
      );
      return renderBriefing(result, ctx);
    });
  },
} satisfies Command;
