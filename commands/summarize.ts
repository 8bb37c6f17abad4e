import type { ChatInputCommandInteraction } from 'discord.js';
import type { BriefingRequest } from '../src/briefing/types.js';
import { answerRequest } from '../src/discord/answer-request.js';
import type { Command } from '../src/discord/command.js';
import { articleOption, languageOption, lengthChoices, named, publicCommand } from '../src/discord/command-builders.js';
import { targetLanguage } from '../src/discord/options.js';
import { readLength } from '../src/requests/options.js';

/** /summarize article length language: a summary in the asked (or the user's) language. */
export default {
  data: publicCommand('summarize')
    .addStringOption(articleOption)
    .addStringOption((option) => named(option, 'length', 'option_length').addChoices(...lengthChoices()))
    .addStringOption((option) => languageOption(option, 'option_language')),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    await answerRequest(summarizeRequest(interaction, ctx.locale), ctx);
  },
} satisfies Command;

/** The request the options make; without a language, the summary comes in the user's Discord language. */
function summarizeRequest(interaction: ChatInputCommandInteraction, locale: string): BriefingRequest {
  const length = readLength(interaction.options.getString('length'));
  if (typeof length !== 'string') return length;
  const language = targetLanguage(interaction.options.getString('language'), locale);
  return { kind: 'summarize', article: interaction.options.getString('article', true), length, ...(language ? { language } : {}) };
}
