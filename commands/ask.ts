import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../src/ask/question.js';
import { answerRequest } from '../src/discord/answer-request.js';
import type { Command } from '../src/discord/command.js';
import { named, publicCommand } from '../src/discord/command-builders.js';
import { MAX_REFERENCE_CHARS } from '../src/text/reference.js';

/** /ask question article: an answer from the articles, each statement with the sentence it rests on. */
export default {
  data: publicCommand('ask')
    .addStringOption((option) => named(option, 'question', 'option_question').setRequired(true).setMaxLength(MAX_QUESTION_CHARS))
    .addStringOption((option) => named(option, 'article', 'option_ask_article').setAutocomplete(true).setMaxLength(MAX_REFERENCE_CHARS)),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const article = interaction.options.getString('article');
    await answerRequest(
      { kind: 'ask', question: interaction.options.getString('question', true), ...(article ? { article } : {}), locale: ctx.locale },
      ctx,
    );
  },
} satisfies Command;
