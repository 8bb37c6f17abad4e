import { type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { SummaryLength } from '../src/briefing/types.js';
import { UserError } from '../src/errors.js';
import { languageFromLocale } from '../src/languages/index.js';
import { answerAutocomplete } from '../src/discord/autocomplete.js';
import type { Command, RespondOptions } from '../src/discord/command.js';
import { languageOption, lengthChoices, named, publicCommand } from '../src/discord/command-builders.js';
import { subscriptionIdOption } from '../src/discord/digest/options.js';
import { renderBriefingList, renderBriefingRemoved, renderBriefingSubscribed } from '../src/discord/briefing/render.js';
import { LIMITS, truncate } from '../src/discord/split.js';

/** Every /briefing answer is for the member only. */
const PRIVATE: RespondOptions = { ephemeral: true };

const data = publicCommand('briefing')
  .addSubcommand((sub) =>
    named(sub, 'subscribe', 'briefing_subscribe')
      .addStringOption((o) => named(o, 'time', 'option_digest_time').setRequired(true).setMaxLength(20))
      .addStringOption((o) => named(o, 'timezone', 'option_digest_timezone').setRequired(true).setAutocomplete(true).setMaxLength(64))
      .addStringOption((o) => languageOption(o, 'option_briefing_language'))
      .addStringOption((o) => named(o, 'length', 'option_digest_length').addChoices(...lengthChoices())),
  )
  .addSubcommand((sub) => named(sub, 'list', 'briefing_list'))
  .addSubcommand((sub) => named(sub, 'remove', 'briefing_remove').addStringOption(subscriptionIdOption(true, 'option_briefing_id')));

/**
 * /briefing subscribe | list | remove: a member's own daily digest by DM, for every member (unlike
 * /digest, which is Manage Server). Subscribed in a server, it reads that server's articles; in DMs,
 * the seeds and the operator's feeds.
 */
export default {
  data,

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const briefings = ctx.services.digests.briefings;
    const member = interaction.user.id;
    switch (interaction.options.getSubcommand(true)) {
      case 'subscribe': {
        const length = (interaction.options.getString('length') as SummaryLength | null) ?? 'short';
        const input = {
          member,
          guildId: interaction.guildId ?? undefined,
          time: interaction.options.getString('time', true),
          timezone: interaction.options.getString('timezone', true),
          // Default: the member's own Discord language, not the server's: the briefing is theirs.
          language: interaction.options.getString('language') ?? languageFromLocale(ctx.locale)?.code ?? 'en',
          length,
        };
        return ctx.respond(async () => renderBriefingSubscribed(await briefings.subscribe(input), ctx), PRIVATE);
      }
      case 'list':
        return ctx.respond(async () => renderBriefingList(await briefings.list(member), ctx), PRIVATE);
      case 'remove': {
        const id = interaction.options.getString('id', true);
        return ctx.respond(async () => renderBriefingRemoved(await briefings.remove(member, id), ctx), PRIVATE);
      }
      default:
        throw new UserError('unknown_command');
    }
  },

  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'id') return answerAutocomplete(interaction, ctx.services.articles.in(interaction.guildId ?? undefined));
    const wanted = String(focused.value ?? '').trim().toLowerCase();
    const mine = await ctx.services.digests.briefings.list(interaction.user.id);
    await interaction.respond(
      mine
        .map(({ subscription: s }) => s)
        .filter((s) => !wanted || s.id.includes(wanted))
        .slice(0, LIMITS.choices)
        .map((s) => ({ name: truncate(`${s.id} · ${s.time} ${s.timezone} · ${s.language} · ${s.length}`, LIMITS.choiceName), value: s.id })),
    );
  },
} satisfies Command;
