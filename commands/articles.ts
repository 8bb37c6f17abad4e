import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { answerRequest } from '../src/discord/answer-request.js';
import type { Command } from '../src/discord/command.js';
import { named, publicCommand } from '../src/discord/command-builders.js';

/** /articles query: the articles with id, headline, language and length, paged with buttons. */
export default {
  data: publicCommand('articles').addStringOption((option) => named(option, 'query', 'option_query').setMaxLength(100)),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const query = interaction.options.getString('query')?.trim() || undefined;
    await answerRequest({ kind: 'articles', ...(query ? { query } : {}) }, ctx, { ephemeral: true });
  },

  /** Previous/Next: `articles:<page>:<prev|next>:<query>` (page 0-based); replaces the listing in place. */
  async button(_interaction: ButtonInteraction, ctx, args) {
    const [page = '0', , ...queryParts] = args;
    const query = queryParts.join(':').trim() || undefined;
    await answerRequest({ kind: 'articles', page: (Number(page) || 0) + 1, ...(query ? { query } : {}) }, ctx, { update: true });
  },
} satisfies Command;
