import type { ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import type { SummaryLength } from '../../briefing/types.js';
import type { CommandTextKey } from '../../i18n/commands.js';
import { languageFromLocale } from '../../languages/index.js';
import { named } from '../command-builders.js';
import type { DigestSubscribeOptions } from './guild.js';

/** Digests default to short summaries (not the briefing default): a digest lists several articles. */
const DIGEST_DEFAULT_LENGTH: SummaryLength = 'short';

/** The `id` option of remove / preview / run, autocompleted from the guild's subscriptions. */
export function subscriptionIdOption(required: boolean, text: CommandTextKey) {
  return (option: SlashCommandStringOption): SlashCommandStringOption =>
    named(option, 'id', text)
      .setRequired(required)
      .setAutocomplete(true)
      .setMaxLength(20);
}

/** The digest language when none is given: the server's, else the admin's, else English. */
export function serverLanguage(interaction: ChatInputCommandInteraction, locale: string): string {
  return languageFromLocale(interaction.guildLocale ?? locale)?.code ?? 'en';
}

/** `/digest subscribe` options; time, time zone and language are validated by the service. */
export function subscribeOptions(interaction: ChatInputCommandInteraction, locale: string): DigestSubscribeOptions {
  const length = interaction.options.getString('length') as SummaryLength | null;
  return {
    channelId: interaction.options.getChannel('channel', true).id,
    time: interaction.options.getString('time', true),
    timezone: interaction.options.getString('timezone', true),
    language: interaction.options.getString('language') ?? serverLanguage(interaction, locale),
    length: length ?? DIGEST_DEFAULT_LENGTH,
  };
}

/** `/digest preview` options: a subscription id, and the language of a first digest when there is none. */
export function previewOptions(interaction: ChatInputCommandInteraction, locale: string): { id?: string; language: string } {
  const id = optionalSubscriptionId(interaction);
  return { ...(id ? { id } : {}), language: serverLanguage(interaction, locale) };
}

/** The optional `id` of preview / run. */
export function optionalSubscriptionId(interaction: ChatInputCommandInteraction): string | undefined {
  return interaction.options.getString('id') ?? undefined;
}
