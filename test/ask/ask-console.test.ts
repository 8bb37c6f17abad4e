import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.js';
import { answer, inProcessConsole, type InProcessConsole } from '../console/helpers.js';

const UNTRANSLATED_NOTE = 'Note: The sentences are quoted in the article’s language: without the language model they are not translated.';

describe('`ask …` in the console, offline', () => {
  let console: InProcessConsole;
  beforeAll(async () => {
    console = await inProcessConsole({ LLM_PROVIDER: 'offline' });
  });
  afterAll(async () => {
    await console.close();
  });

  it('GIVEN an English question the German seed article answers THEN it prints the sentences verbatim under their headline, notes they stay untranslated, and exits 0', async () => {
    const { code, text } = await answer(console, 'ask what did ford say about xiaomi');
    expect(code).toBe(EXIT.ok);
    expect(text).toContain('According to “Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft”:');
    expect(text).toContain('Ford und Xiaomi haben sich öffentlich nicht zu den Details der Gespräche geäußert.');
    expect(text).toContain(UNTRANSLATED_NOTE);
  });

  it('GIVEN a German question about the German article THEN the same sentences without a note', async () => {
    const { code, text } = await answer(console, 'frage was sagte ford über xiaomi');
    expect(code).toBe(EXIT.ok);
    expect(text).toContain('Ford und Xiaomi haben sich öffentlich nicht zu den Details der Gespräche geäußert.');
    expect(text).not.toContain('Note:');
  });

  it('GIVEN a question nothing answers THEN it says so and still exits 0 (a refusal is an answer)', async () => {
    const { code, text } = await answer(console, '/ask question:What did Apple announce about the iPhone camera?');
    expect(code).toBe(EXIT.ok);
    expect(text).toContain('I found nothing in the articles that answers');
  });

  it('GIVEN `ask` with no question THEN it asks for one and exits as for a mistake', async () => {
    const { code, text } = await answer(console, 'ask');
    expect(text).toContain('Please ask a question');
    expect(code).not.toBe(EXIT.ok);
  });
});
