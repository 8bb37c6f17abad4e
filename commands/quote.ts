import type { ChatInputCommandInteraction } from 'discord.js';
import { DEFAULT_QUOTE_COUNT, MAX_QUOTE_COUNT } from '../src/briefing/types.js';
import { answerRequest } from '../src/discord/answer-request.js';
import type { Command } from '../src/discord/command.js';
import { articleOption, languageOption, named, publicCommand } from '../src/discord/command-builders.js';
import { explicitLanguage } from '../src/discord/options.js';

/** /quote article count language: verbatim passages; a language adds a translation under each. */
export default {
  data: publicCommand('quote')
    .addStringOption(articleOption)
    .addIntegerOption((option) => named(option, 'count', 'option_count').setMinValue(1).setMaxValue(MAX_QUOTE_COUNT))
    .addStringOption((option) => languageOption(option, 'option_quote_language')),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    // Quotes are verbatim by default; only an explicit language asks for a translation.
    const language = explicitLanguage(interaction.options.getString('language'));
    await answerRequest(
      {
        kind: 'quote',
        article: interaction.options.getString('article', true),
        count: interaction.options.getInteger('count') ?? DEFAULT_QUOTE_COUNT,
        ...(language ? { language } : {}),
      },
      ctx,
    );
  },
} satisfies Command;
