import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type LocalizationMap, type SlashCommandStringOption } from 'discord.js';
import { SUMMARY_LENGTHS, type SummaryLength } from '../briefing/types.js';
import { describe, localized, type CommandTextKey } from '../i18n/commands.js';
import { MAX_REFERENCE_CHARS } from '../text/reference.js';
import { EVERYWHERE, GUILD_INSTALL } from './options.js';

/** What commands, subcommands and options share: a name and a description shown in every locale. */
interface Describable {
  setName(name: string): this;
  setDescription(description: string): this;
  setDescriptionLocalizations(localizations: LocalizationMap | null): this;
}

/**
 * `builder` named `name` and described by `key` of the command texts: English as the default,
 * every other locale as its localization, so no description is ever set in one language only.
 */
export function named<T extends Describable>(builder: T, name: string, key: CommandTextKey): T {
  return builder.setName(name).setDescription(describe(key)).setDescriptionLocalizations(localized(key));
}

/** A slash command anyone may use wherever Herald is: servers, DMs with Herald and group DMs. */
export function publicCommand(name: 'summarize' | 'translate' | 'quote' | 'articles' | 'help' | 'ask' | 'briefing'): SlashCommandBuilder {
  return named(new SlashCommandBuilder(), name, name)
    .setContexts(...EVERYWHERE)
    .setIntegrationTypes(...GUILD_INSTALL);
}

/** A server admin's command (Manage Server by default), in servers only: /digest and /feed. */
export function guildAdminCommand(name: 'digest' | 'feed'): SlashCommandBuilder {
  return named(new SlashCommandBuilder(), name, name)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(...GUILD_INSTALL);
}

/** The summary lengths as choices, each named in every locale (`short` / `kurz`). */
export function lengthChoices(): { name: string; name_localizations: LocalizationMap; value: SummaryLength }[] {
  return SUMMARY_LENGTHS.map((length) => ({
    name: describe(`choice_${length}`),
    name_localizations: localized(`choice_${length}`),
    value: length,
  }));
}

/** The `article` option every briefing command shares: ids are file names, headline words are capped as every lookup caps them. */
export function articleOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return named(option, 'article', 'option_article').setRequired(true).setAutocomplete(true).setMaxLength(MAX_REFERENCE_CHARS);
}

/** A `language` option with autocomplete; `text` picks the description. */
export function languageOption(option: SlashCommandStringOption, text: CommandTextKey, required = false): SlashCommandStringOption {
  return named(option, 'language', text).setRequired(required).setAutocomplete(true).setMaxLength(60);
}
