import { SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Article } from '../src/articles/types.js';
import type { Command, CommandContext } from '../src/discord/command.js';
import { EVERYWHERE, GUILD_INSTALL } from '../src/discord/options.js';
import { renderArticles } from '../src/discord/render.js';
import { describe, localized } from '../src/i18n/commands.js';
import { findArticles } from '../src/requests/execute.js';

function find(ctx: CommandContext, query: string | undefined): Article[] {
  return findArticles(ctx.services.articles, query);
}

/** /articles query: the articles with id, headline, language and length, paged with buttons. */
export default {
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription(describe('articles'))
    .setDescriptionLocalizations(localized('articles'))
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL)
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription(describe('option_query'))
        .setDescriptionLocalizations(localized('option_query'))
        .setMaxLength(100),
    ),

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const query = interaction.options.getString('query')?.trim() || undefined;
    await ctx.respond(
      () => renderArticles(find(ctx, query), { t: ctx.t, locale: ctx.locale, page: 0, ...(query ? { query } : {}) }),
      { ephemeral: true },
    );
  },

  /** Previous/Next: `articles:<page>:<prev|next>:<query>`; replaces the listing in place. */
  async button(_interaction: ButtonInteraction, ctx, args) {
    const [page = '0', , ...queryParts] = args;
    const query = queryParts.join(':').trim() || undefined;
    await ctx.respond(
      () =>
        renderArticles(find(ctx, query), { t: ctx.t, locale: ctx.locale, page: Number(page) || 0, ...(query ? { query } : {}) }),
      { update: true },
    );
  },
} satisfies Command;
