import { ApplicationCommandType, ContextMenuCommandBuilder, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { normalizeCommand, sameCommands } from '../../src/discord/registration.js';

const summarize = () =>
  new SlashCommandBuilder()
    .setName('summarize')
    .setDescription('Summarize a news article')
    .setDescriptionLocalizations({ de: 'Einen Artikel zusammenfassen' })
    .setContexts(0, 1, 2)
    .setIntegrationTypes(0)
    .addStringOption((o) => o.setName('article').setDescription('Article').setRequired(true).setAutocomplete(true))
    .addStringOption((o) => o.setName('length').setDescription('Length').addChoices({ name: 'short', value: 'short' }))
    .toJSON();

/** What Discord returns for the same command: ids, versions, defaults spelled out, nulls. */
const asDiscordStoresIt = () => ({
  id: '1',
  application_id: '2',
  guild_id: '3',
  version: '4',
  type: 1,
  name: 'summarize',
  name_localizations: null,
  description: 'Summarize a news article',
  description_localizations: { de: 'Einen Artikel zusammenfassen' },
  default_member_permissions: null,
  dm_permission: true,
  nsfw: false,
  contexts: [2, 1, 0],
  integration_types: [0],
  options: [
    { type: 3, name: 'article', description: 'Article', required: true, autocomplete: true, name_localizations: null },
    { type: 3, name: 'length', description: 'Length', required: false, choices: [{ name: 'short', value: 'short', name_localizations: null }] },
  ],
});

describe('command registration diff', () => {
  it('GIVEN Discord\'s stored copy of our command THEN they compare equal', () => {
    expect(sameCommands([asDiscordStoresIt()], [summarize()])).toBe(true);
  });

  it('GIVEN a changed German description THEN they differ', () => {
    const stored = { ...asDiscordStoresIt(), description_localizations: { de: 'alt' } };
    expect(sameCommands([stored], [summarize()])).toBe(false);
  });

  it('GIVEN a new option THEN they differ', () => {
    const ours = { ...summarize(), options: [...(summarize().options ?? []), { type: 3, name: 'language', description: 'Language' }] };
    expect(sameCommands([asDiscordStoresIt()], [ours])).toBe(false);
  });

  it('GIVEN different contexts THEN they differ', () => {
    expect(sameCommands([{ ...asDiscordStoresIt(), contexts: [0] }], [summarize()])).toBe(false);
  });

  it('GIVEN a command missing on Discord THEN they differ', () => {
    const menu = new ContextMenuCommandBuilder().setName('Summarize message').setType(ApplicationCommandType.Message).toJSON();
    expect(sameCommands([asDiscordStoresIt()], [summarize(), menu])).toBe(false);
  });

  it('GIVEN the same commands in another order THEN they compare equal', () => {
    const menu = new ContextMenuCommandBuilder().setName('Summarize message').setType(ApplicationCommandType.Message).toJSON();
    const storedMenu = { ...menu, id: '9', description: '', integration_types: [0] };
    expect(sameCommands([storedMenu, asDiscordStoresIt()], [summarize(), menu])).toBe(true);
  });

  it('GIVEN a context menu THEN its empty description and defaults normalize away', () => {
    expect(normalizeCommand({ type: 3, name: 'X', description: '' })).toEqual({ integration_types: [0], name: 'X', type: 3 });
  });
});
