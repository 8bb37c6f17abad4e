import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DIGEST_CHANNEL_TYPES } from '../src/digests/discord-permissions.js';
import { answerAutocomplete } from '../src/discord/autocomplete.js';
import type { Command, RespondOptions } from '../src/discord/command.js';
import { guildDigests, subscriptionsForAutocomplete } from '../src/discord/digest-guild.js';
import { DIGEST_LENGTHS, optionalSubscriptionId, previewOptions, subscribeOptions, subscriptionIdOption } from '../src/discord/digest-options.js';
import { renderDigestList, renderDigestPreview, renderRemoved, renderRunReport, renderSubscribed, subscriptionChoices } from '../src/discord/digest-render.js';
import { GUILD_INSTALL } from '../src/discord/options.js';
import { UserError } from '../src/errors.js';
import { describe, localized } from '../src/i18n/commands.js';

/** Every /digest answer is for the admin only. */
const PRIVATE: RespondOptions = { ephemeral: true };

const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription(describe('digest'))
  .setDescriptionLocalizations(localized('digest'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(...GUILD_INSTALL)
  .addSubcommand((sub) =>
    sub
      .setName('subscribe')
      .setDescription(describe('digest_subscribe'))
      .setDescriptionLocalizations(localized('digest_subscribe'))
      .addChannelOption((o) =>
        o.setName('channel').setDescription(describe('option_digest_channel')).setDescriptionLocalizations(localized('option_digest_channel')).setRequired(true).addChannelTypes(...DIGEST_CHANNEL_TYPES),
      )
      .addStringOption((o) => o.setName('time').setDescription(describe('option_digest_time')).setDescriptionLocalizations(localized('option_digest_time')).setRequired(true).setMaxLength(20))
      .addStringOption((o) =>
        o.setName('timezone').setDescription(describe('option_digest_timezone')).setDescriptionLocalizations(localized('option_digest_timezone')).setRequired(true).setAutocomplete(true).setMaxLength(64),
      )
      .addStringOption((o) =>
        o.setName('language').setDescription(describe('option_digest_language')).setDescriptionLocalizations(localized('option_digest_language')).setAutocomplete(true).setMaxLength(60),
      )
      .addStringOption((o) =>
        o
          .setName('length')
          .setDescription(describe('option_digest_length'))
          .setDescriptionLocalizations(localized('option_digest_length'))
          .addChoices(...DIGEST_LENGTHS.map((length) => ({ name: describe(`choice_${length}`), name_localizations: localized(`choice_${length}`), value: length }))),
      ),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription(describe('digest_list')).setDescriptionLocalizations(localized('digest_list')))
  .addSubcommand((sub) =>
    sub.setName('remove').setDescription(describe('digest_remove')).setDescriptionLocalizations(localized('digest_remove')).addStringOption(subscriptionIdOption(true, 'option_digest_id')),
  )
  .addSubcommand((sub) =>
    sub.setName('preview').setDescription(describe('digest_preview')).setDescriptionLocalizations(localized('digest_preview')).addStringOption(subscriptionIdOption(false, 'option_digest_id_optional')),
  )
  .addSubcommand((sub) =>
    sub.setName('run').setDescription(describe('digest_run')).setDescriptionLocalizations(localized('digest_run')).addStringOption(subscriptionIdOption(false, 'option_digest_id_optional')),
  );

/**
 * /digest subscribe | list | remove | preview | run. Hidden from members without Manage Server
 * (default_member_permissions) and checked again by guildDigests, since server admins can override that default.
 */
export default {
  data,

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const digests = await guildDigests(interaction, ctx);
    const sub = interaction.options.getSubcommand(true);
    switch (sub) {
      case 'subscribe': {
        const options = subscribeOptions(interaction, ctx.locale);
        return ctx.respond(async () => renderSubscribed(await digests.subscribe(options), ctx), PRIVATE);
      }
      case 'list':
        return ctx.respond(async () => renderDigestList(await digests.list(), ctx), PRIVATE);
      case 'remove': {
        const id = interaction.options.getString('id', true);
        return ctx.respond(async () => renderRemoved(await digests.remove(id), ctx), PRIVATE);
      }
      case 'preview': {
        const options = previewOptions(interaction, ctx.locale);
        return ctx.respond(async () => renderDigestPreview(await digests.preview(options), ctx), PRIVATE);
      }
      case 'run': {
        const id = optionalSubscriptionId(interaction);
        return ctx.respond(async () => renderRunReport(await digests.run(id), ctx), PRIVATE);
      }
      default:
        throw new UserError('unknown_command');
    }
  },

  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'id') return answerAutocomplete(interaction, ctx.services.articles);
    const subscriptions = await subscriptionsForAutocomplete(interaction, ctx);
    await interaction.respond(subscriptionChoices(subscriptions, interaction.guild, String(focused.value ?? '')));
  },
} satisfies Command;
