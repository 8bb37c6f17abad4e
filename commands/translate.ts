import type { ChatInputCommandInteraction } from 'discord.js';
import { answerRequest } from '../src/discord/answer-request.js';
import type { Command } from '../src/discord/command.js';
import { articleOption, languageOption, publicCommand } from '../src/discord/command-builders.js';
import { resolveLanguage } from '../src/languages/index.js';

/** /translate article language: the whole article, translated; long ones arrive over several messages. */
export default {
  data: publicCommand('translate')
    .addStringOption(articleOption)
    .addStringOption((option) => languageOption(option, 'option_language_required', true)),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    await answerRequest(
      {
        kind: 'translate',
        article: interaction.options.getString('article', true),
        language: resolveLanguage(interaction.options.getString('language', true)).code,
      },
      ctx,
    );
  },
} satisfies Command;
