import { describe, expect, it } from 'vitest';
import { SUMMARY_LENGTHS } from '../../src/briefing/types.js';
import { parseRequest } from '../../src/requests/parse-request.js';
import { useHeraldInProcess } from '../support/herald-in-process.js';

const EPHEMERAL = 1 << 6;

interface StoredOption {
  name: string;
  choices?: { value: string }[];
  options?: StoredOption[];
}

/** The choice values of the option `name` anywhere in a stored command, subcommands included. */
function choicesOf(options: readonly StoredOption[] | undefined, name: string): string[] | undefined {
  for (const option of options ?? []) {
    if (option.name === name && option.choices) return option.choices.map((choice) => choice.value);
    const nested = choicesOf(option.options, name);
    if (nested) return nested;
  }
  return undefined;
}

describe('slash commands take the request path DMs and the console take', () => {
  const herald = useHeraldInProcess();

  it('GIVEN the registered /summarize and /digest THEN both offer the summary lengths, in order', () => {
    const stored = herald.discord.commands.list(herald.discord.guild.id) as { name: string; options?: StoredOption[] }[];
    for (const name of ['summarize', 'digest']) {
      const command = stored.find((c) => c.name === name);
      expect(choicesOf(command?.options, 'length'), name).toEqual([...SUMMARY_LENGTHS]);
    }
  });

  it('GIVEN a /summarize length Discord never offers (a forged interaction) THEN it is refused like the console refuses it, not passed on', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'huge' });
    await herald.done(interaction.id);
    const [message] = herald.messagesOf(interaction.id);
    expect(((message?.message.flags ?? 0) & EPHEMERAL) !== 0).toBe(true);
    const console = parseRequest('/summarize article:ford-xiaomi length:huge');
    expect(console.kind).toBe('mistake');
    if (console.kind !== 'mistake') return;
    expect(console.error.params).toMatchObject({ option: 'length', input: 'huge', choices: [...SUMMARY_LENGTHS] });
    for (const word of ['huge', ...SUMMARY_LENGTHS]) expect(message?.message.content).toContain(word);
  });
});
