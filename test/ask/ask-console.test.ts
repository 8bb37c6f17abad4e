import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.js';
import { inProcessConsole, type InProcessConsole } from '../console/helpers.js';

describe('`ask …` in the console, offline', () => {
  let console: InProcessConsole;
  beforeAll(async () => {
    console = await inProcessConsole({ LLM_PROVIDER: 'offline' });
  });
  afterAll(async () => {
    await console.close();
  });

  it('GIVEN a question the seed article answers THEN it prints the sentences verbatim under their headline and exits 0', async () => {
    const start = console.output.text.length;
    expect(await console.ask('ask what did ford say about xiaomi')).toBe(EXIT.ok);
    const printed = console.output.text.slice(start);
    expect(printed).toContain('According to “Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft”:');
    expect(printed).toContain('Ford und Xiaomi haben sich öffentlich nicht zu den Details der Gespräche geäußert.');
  });

  it('GIVEN an English question about the German article THEN a note says the sentences stay in the article’s language, untranslated without a model', async () => {
    const start = console.output.text.length;
    expect(await console.ask('ask what did ford say about xiaomi')).toBe(EXIT.ok);
    expect(console.output.text.slice(start)).toContain('Note: The sentences are quoted in the article’s language: without the language model they are not translated.');
  });

  it('GIVEN a German question about the German article THEN no such note', async () => {
    const start = console.output.text.length;
    expect(await console.ask('frage was sagte ford über xiaomi')).toBe(EXIT.ok);
    const printed = console.output.text.slice(start);
    expect(printed).toContain('Ford und Xiaomi haben sich öffentlich nicht zu den Details der Gespräche geäußert.');
    expect(printed).not.toContain('Hinweis');
    expect(printed).not.toContain('Note:');
  });

  it('GIVEN a question nothing answers THEN it says so and still exits 0 (a refusal is an answer)', async () => {
    const start = console.output.text.length;
    expect(await console.ask('/ask question:What did Apple announce about the iPhone camera?')).toBe(EXIT.ok);
    expect(console.output.text.slice(start)).toContain('I found nothing in the articles that answers');
  });

  it('GIVEN `ask` with no question THEN it asks for one and exits as for a mistake', async () => {
    const start = console.output.text.length;
    const code = await console.ask('ask');
    expect(console.output.text.slice(start)).toContain('Please ask a question');
    expect(code).not.toBe(EXIT.ok);
  });
});
