import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, inProcessConsole, seedsWith, type InProcessConsole } from './helpers.js';

describe('console mistakes get the slash commands’ answers, not “I did not understand”', () => {
  let herald: InProcessConsole;
  beforeAll(async () => {
    herald = await inProcessConsole({});
  });
  afterAll(async () => herald.close());

  it('GIVEN /quote count:20 THEN says the count must be 1–10, as the service does for the slash command', async () => {
    const { code, text } = await answer(herald, '/quote article:ford count:20');
    expect(text).toContain('The number of quotes must be a whole number from 1 to 10.');
    expect(text).not.toContain('I did not understand');
    expect(code).toBe(1);
  });

  it('GIVEN /summarize length:huge THEN names the lengths there are', async () => {
    const { code, text } = await answer(herald, '/summarize article:ford length:huge');
    expect(text).toContain('length is short, medium, or long');
    expect(text).not.toContain('I did not understand');
    expect(code).toBe(64);
  });

  it('GIVEN an option the command does not have THEN names it instead of ignoring it', async () => {
    const { code, text } = await answer(herald, '/summarize article:ford extra:1');
    expect(text).toContain('unknown option extra');
    expect(text).toContain('article, length, and language');
    expect(code).toBe(64);
  });

  it('GIVEN a misspelled command word THEN asks whether the corrected request was meant', async () => {
    const { code, text } = await answer(herald, 'sumarize ford');
    expect(text).toContain('Did you mean “summarize ford”?');
    expect(code).toBe(64);
    expect((await answer(herald, '/sumarize article:ford')).text).toContain('Did you mean “/summarize article:ford”?');
  });

  it('GIVEN a misspelled length word THEN asks whether that length was meant', async () => {
    const { text } = await answer(herald, 'summarize ford shrt');
    expect(text).toContain('Did you mean “summarize ford short”?');
    // Asked in German words, asked back in German.
    expect((await answer(herald, 'fasse ford kurtz zusammen')).text).toContain('Meintest du „fasse ford kurz zusammen“?');
  });

  it('GIVEN a headline word typed with two letters swapped THEN suggests the article, as for one letter wrong', async () => {
    const swapped = await answer(herald, 'summarize frod');
    const wrong = await answer(herald, 'summarize fort');
    expect(wrong.text).toContain('Did you mean: 000_c6212945af6057c2');
    expect(swapped.text).toContain('Did you mean: 000_c6212945af6057c2');
  });

  it('GIVEN a request in German words that cannot be answered THEN the console says why in German, as a DM would', async () => {
    const german = await answer(herald, 'übersetze ford ins englische');
    expect(german.text).toContain('Ich kann nicht übersetzen (Zielsprache: Englisch)');
    const count = await answer(herald, 'zitate ford 50');
    expect(count.text).toContain('Die Anzahl der Zitate');
    const english = await answer(herald, 'translate ford to english');
    expect(english.text).toContain('I cannot translate into English');
  });

  it('GIVEN words that merely look like a command THEN still says it did not understand', async () => {
    const { code, text } = await answer(herald, 'make coffee');
    expect(text).toContain('I did not understand “make coffee”');
    expect(code).toBe(64);
  });
});

describe('console article listing in pages', () => {
  let herald: InProcessConsole;
  beforeAll(async () => {
    herald = await inProcessConsole({ SEEDS_DIR: seedsWith(25) });
  });
  afterAll(async () => herald.close());

  it('GIVEN more articles than fit a page THEN "articles" shows the first page and says how to see the next', async () => {
    const { code, text } = await answer(herald, 'articles');
    expect(code).toBe(0);
    expect(text).toContain('n25');
    expect(text).not.toContain('n01 ');
    expect(text).toContain('Page 1 of 2 · 25 articles. Next: articles page 2');
  });

  it('GIVEN "articles page 2" and "/articles page:2" THEN shows the second page, not a search for "page 2"', async () => {
    for (const line of ['articles page 2', '/articles page:2', 'artikel seite 2']) {
      const { code, text } = await answer(herald, line);
      expect(code).toBe(0);
      expect(text).toContain('n01');
      expect(text).not.toContain('n25');
      expect(text).toContain('Page 2 of 2 · 25 articles');
    }
  });

  it('GIVEN a page past the end THEN says which pages there are', async () => {
    const { text } = await answer(herald, 'articles page 9');
    expect(text).toContain('There are 2 pages');
  });
});
