import { describe, expect, it } from 'vitest';
import { summaryPrompt } from '../../src/briefing/prompts.js';
import { parseHeadedSummary, summaryShownSoFar } from '../../src/briefing/summary-headline.js';
import { anArticle } from '../llm/fixtures.js';

const systemText = (messages: { role: string; content: string }[]) => messages.find((m) => m.role === 'system')!.content;
const userText = (messages: { role: string; content: string }[]) => messages.find((m) => m.role === 'user')!.content;

describe('summary prompt with a translated headline', () => {
  it('GIVEN translateHeadline THEN the model is asked to start with the headline in the target language between headline tags', () => {
    const messages = summaryPrompt(anArticle(), { length: 'short', language: 'en', translateHeadline: true });
    expect(systemText(messages)).toMatch(/<headline>.*<\/headline>/);
    expect(systemText(messages)).toContain('English (ISO 639-1 code: en)');
    expect(userText(messages)).toMatch(/<headline>the headline in English<\/headline>, a blank line, then the summary/);
  });

  it('GIVEN no translateHeadline THEN the prompt asks for the summary only, as before', () => {
    const messages = summaryPrompt(anArticle(), { length: 'short', language: 'en' });
    expect(systemText(messages)).not.toMatch(/<headline>/);
    expect(userText(messages)).toMatch(/Reply with the summary only\.$/);
  });
});

describe('parseHeadedSummary', () => {
  it('GIVEN the headline in tags, a blank line and the summary THEN both come apart', () => {
    expect(parseHeadedSummary('<headline>Ford held talks with Xiaomi</headline>\n\nFord talked to Xiaomi.\n\nNothing is agreed.')).toEqual({
      headline: 'Ford held talks with Xiaomi',
      body: 'Ford talked to Xiaomi.\n\nNothing is agreed.',
    });
  });

  it('GIVEN tags in other letter case, with spaces, and no blank line THEN still read', () => {
    expect(parseHeadedSummary('  < HEADLINE > Ford held talks </Headline>\nFord talked to Xiaomi.')).toEqual({
      headline: 'Ford held talks',
      body: 'Ford talked to Xiaomi.',
    });
  });

  it('GIVEN the headline block after the summary THEN it is taken out of the text', () => {
    expect(parseHeadedSummary('Ford talked to Xiaomi.\n\n<headline>Ford held talks</headline>')).toEqual({ headline: 'Ford held talks', body: 'Ford talked to Xiaomi.' });
  });

  it('GIVEN an opening tag never closed THEN its first line is the headline', () => {
    expect(parseHeadedSummary('<headline>Ford held talks\n\nFord talked to Xiaomi.')).toEqual({ headline: 'Ford held talks', body: 'Ford talked to Xiaomi.' });
  });

  it('GIVEN no tags THEN there is no headline and the text is the summary', () => {
    expect(parseHeadedSummary('Ford talked to Xiaomi.\n\nNothing is agreed.')).toEqual({ body: 'Ford talked to Xiaomi.\n\nNothing is agreed.' });
  });

  it('GIVEN an empty headline THEN there is no headline', () => {
    expect(parseHeadedSummary('<headline> </headline>\n\nFord talked to Xiaomi.')).toEqual({ body: 'Ford talked to Xiaomi.' });
  });

  it('GIVEN the whole summary inside the tags (too long for a headline) THEN it is the summary, not a title', () => {
    const long = 'Ford talked to Xiaomi about electric cars. '.repeat(10).trim();
    expect(parseHeadedSummary(`<headline>${long}</headline>`)).toEqual({ body: long });
  });

  it('GIVEN a headline spread over lines THEN it is one line', () => {
    expect(parseHeadedSummary('<headline>Ford held\ntalks</headline>\n\nText.')).toEqual({ headline: 'Ford held talks', body: 'Text.' });
  });
});

describe('summaryShownSoFar (streaming)', () => {
  it.each([
    ['<', ''],
    ['<head', ''],
    ['<headline>Ford he', ''],
    ['<headline>Ford held talks</head', ''],
    ['<headline>Ford held talks</headline>', ''],
    ['<headline>Ford held talks</headline>\n\nFord tal', 'Ford tal'],
    ['Ford talked', 'Ford talked'],
  ])('GIVEN %j so far THEN shows %j', (partial, shown) => {
    expect(summaryShownSoFar(partial)).toBe(shown);
  });
});
