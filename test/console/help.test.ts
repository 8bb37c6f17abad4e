import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.js';
import { CONSOLE_HELP, CONSOLE_HELP_DE, HELP_TOPICS, HELP_TOPICS_DE } from '../../src/console/help-text.js';
import { answer, inProcessConsole, type InProcessConsole } from './helpers.js';

/** What the console says to a request it cannot read, or whose article it cannot find (en, de). */
const NOT_UNDERSTOOD = /did not understand|Usage:|Did you mean|Meintest du|could not find an article|keinen Artikel/u;

/** The example requests of a help text: the first column of its indented lines. */
function examplesOf(help: string): string[] {
  return help
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim().split(/\s{2,}/u)[0] ?? '')
    .filter(Boolean);
}

describe('console help', () => {
  let herald: InProcessConsole;
  beforeAll(async () => {
    herald = await inProcessConsole({});
  });
  afterAll(async () => herald.close());

  it('GIVEN "hilfe" THEN the help comes in German, and "help" in English', async () => {
    expect((await answer(herald, 'hilfe')).text).toContain('Herald beantwortet Anfragen zu den Nachrichtenartikeln');
    expect((await answer(herald, 'help')).text).toContain('Herald answers requests about the news articles');
  });

  it('GIVEN every example of the English and the German help and usage lines THEN the console understands each one (offline, a translation says it needs a model)', async () => {
    const usageExamples = [...Object.values(HELP_TOPICS), ...Object.values(HELP_TOPICS_DE)].map((usage) => /(?:e\.g\.|z\. B\.) (.+)$/u.exec(usage)?.[1] ?? usage);
    const examples = [...examplesOf(CONSOLE_HELP), ...examplesOf(CONSOLE_HELP_DE), ...usageExamples];
    expect(examples.length).toBeGreaterThan(35);
    expect(Object.keys(HELP_TOPICS_DE).sort()).toEqual(Object.keys(HELP_TOPICS).sort());
    for (const example of examples) {
      const { code, text } = await answer(herald, example);
      expect({ example, understood: !NOT_UNDERSTOOD.test(text) && code !== EXIT.usage }).toEqual({ example, understood: true });
    }
  });

  it('GIVEN an incomplete request in German words THEN it is told in German how the request goes, and the example given works', async () => {
    const summary = await answer(herald, 'fasse');
    expect(summary.text).toContain('Ich habe „fasse“ nicht verstanden.');
    expect(summary.text).toContain('So geht es: fasse <Artikel> [kurz|mittel|lang] [auf <Sprache>] zusammen');
    expect((await answer(herald, 'übersetze ford')).text).toContain('So geht es: übersetze <Artikel> in <Sprache>');
    expect((await answer(herald, 'zitate')).text).toContain('So geht es: zitate <Artikel>');
    for (const line of [summary.text, (await answer(herald, 'zitate')).text]) {
      const example = /z\. B\. (.+)$/mu.exec(line)?.[1] ?? '';
      const { code, text } = await answer(herald, example);
      expect({ example, understood: !NOT_UNDERSTOOD.test(text) && code !== EXIT.usage }).toEqual({ example, understood: true });
    }
  });
});

