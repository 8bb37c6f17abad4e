import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { UserError } from '../../errors.js';
import { answerAutocomplete } from '../autocomplete.js';
import type { Command, RespondOptions } from '../command.js';
import { guildAdminCommand, lengthChoices, named } from '../command-builders.js';
import { guildDigests, subscriptionsForAutocomplete } from './guild.js';
import { optionalSubscriptionId, previewOptions, subscribeOptions, subscriptionIdOption } from './options.js';
import { DIGEST_CHANNEL_TYPES } from './permissions.js';
import { renderDigestList, renderDigestPreview, renderRemoved, renderRunReport, renderSubscribed, subscriptionChoices } from './render.js';

/** Every /digest answer is for the admin only. */
const PRIVATE: RespondOptions = { ephemeral: true };

const data = guildAdminCommand('digest')
  .addSubcommand((sub) =>
    named(sub, 'subscribe', 'digest_subscribe')
      .addChannelOption((o) =>
        named(o, 'channel', 'option_digest_channel').setRequired(true).addChannelTypes(...DIGEST_CHANNEL_TYPES),
      )
      .addStringOption((o) => named(o, 'time', 'option_digest_time').setRequired(true).setMaxLength(20))
      .addStringOption((o) =>
        named(o, 'timezone', 'option_digest_timezone').setRequired(true).setAutocomplete(true).setMaxLength(64),
      )
      .addStringOption((o) =>
        named(o, 'language', 'option_digest_language').setAutocomplete(true).setMaxLength(60),
      )
      .addStringOption((o) =>
        named(o, 'length', 'option_digest_length').addChoices(...lengthChoices()),
      ),
  )
  .addSubcommand((sub) => named(sub, 'list', 'digest_list'))
  .addSubcommand((sub) =>
    named(sub, 'remove', 'digest_remove').addStringOption(subscriptionIdOption(true, 'option_digest_id')),
  )
  .addSubcommand((sub) =>
    named(sub, 'preview', 'digest_preview').addStringOption(subscriptionIdOption(false, 'option_digest_id_optional')),
  )
  .addSubcommand((sub) =>
    named(sub, 'run', 'digest_run').addStringOption(subscriptionIdOption(false, 'option_digest_id_optional')),
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
    if (focused.name !== 'id') return answerAutocomplete(interaction, ctx.services.articles.in(interaction.guildId ?? undefined));
    const subscriptions = await subscriptionsForAutocomplete(interaction, ctx);
    await interaction.respond(subscriptionChoices(subscriptions, interaction.guild, String(focused.value ?? '')));
  },
} satisfies Command;
