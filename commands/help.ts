import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { EVERYWHERE, GUILD_INSTALL } from '../src/discord/options.js';
import { renderHelp } from '../src/discord/render.js';
import { describe, localized } from '../src/i18n/commands.js';

/** /help: every command with an example, in the user's language. */
export default {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription(describe('help'))
    .setDescriptionLocalizations(localized('help'))
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL),

  async execute(_interaction, ctx) {
    await ctx.respond(() => renderHelp(ctx.t), { ephemeral: true });
  },
} satisfies Command;
