import {
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { UserError } from '../../errors.js';
import { addGuildFeed, listGuildFeeds, removeGuildFeed } from '../../sources/guild-feeds.js';
import type { Command, RespondOptions } from '../command.js';
import { guildAdminCommand, named } from '../command-builders.js';
import { feedChoices, renderFeedAdded, renderFeedList, renderFeedRemoved } from './render.js';

/** Every /feed answer is for the admin only, refusals included. */
const PRIVATE: RespondOptions = { ephemeral: true };

const data = guildAdminCommand('feed')
  .addSubcommand((sub) => named(sub, 'add', 'feed_add').addStringOption((o) => named(o, 'url', 'option_feed_url').setRequired(true).setMaxLength(2000)))
  .addSubcommand((sub) => named(sub, 'list', 'feed_list'))
  .addSubcommand((sub) =>
    named(sub, 'remove', 'feed_remove').addStringOption((o) => named(o, 'feed', 'option_feed').setRequired(true).setAutocomplete(true).setMaxLength(2000)),
  );

/** The guild a /feed subcommand works on, after the checks every subcommand needs. */
function guildOf(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild()) throw new UserError('guild_only', { command: '/feed' });
  // default_member_permissions only hides the command; server admins can grant it to anyone.
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) throw new UserError('missing_permission', { permission: 'Manage Server' });
  return interaction.guildId;
}

/** /feed add | list | remove: a server's own news feeds (Manage Server). */
export default {
  data,

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const guildId = guildOf(interaction);
    const { store, fetcher } = ctx.services.feeds;
    switch (interaction.options.getSubcommand(true)) {
      case 'add': {
        const url = interaction.options.getString('url', true);
        return ctx.respond(async () => renderFeedAdded(await addGuildFeed({ store, fetcher }, guildId, url), ctx), PRIVATE);
      }
      case 'list':
        return ctx.respond(() => renderFeedList(listGuildFeeds(store, guildId), ctx), PRIVATE);
      case 'remove': {
        const input = interaction.options.getString('feed', true);
        return ctx.respond(async () => renderFeedRemoved(await removeGuildFeed(store, guildId, input), ctx), PRIVATE);
      }
      default:
        throw new UserError('unknown_command');
    }
  },

  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    const focused = interaction.options.getFocused(true);
    const allowed = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;
    const records = interaction.guildId && allowed ? listGuildFeeds(ctx.services.feeds.store, interaction.guildId) : [];
    await interaction.respond(feedChoices(records, String(focused.value ?? '')));
  },
} satisfies Command;
