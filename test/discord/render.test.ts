import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BriefingResult } from '../../src/briefing/types.js';
import { renderArticles, renderBriefing, renderLongText, renderPartial } from '../../src/discord/render.js';
import { LIMITS } from '../../src/discord/split.js';
import { translator } from '../../src/i18n/index.js';
import { checkMessageBody } from '../fakes/discord-limits.js';
import type { Article } from '../../src/articles/types.js';
import { markdownLeaks, unescapeMarkdown } from './markdown-leaks.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

function aResult(overrides: Partial<BriefingResult> = {}): BriefingResult {
  return {
    kind: 'translate',
    article: { id: 'ford-xiaomi', headline: 'Ford held talks with Xiaomi', language: 'de' },
    language: 'en',
    paragraphs: ['First paragraph.', 'Second paragraph.'],
    model: 'openai/gpt-4o-mini',
    cached: false,
    notices: [],
    ...overrides,
  };
}

function anArticle(index: number): Article {
  return {
    id: `article-${index}`,
    headline: `Headline number ${index}`,
    paragraphs: ['Text.'],
    hash: String(index),
    language: index % 2 ? 'de' : 'en',
    wordCount: 100 + index,
    updatedAt: index,
  };
}

/** Article or model text made mostly of markup, so escaping nearly doubles its length. */
const hostileParagraph = fc
  .array(fc.constantFrom('[', '](https://e.example)', '`', '```', '||', '# ', '> ', '- ', '1. ', '\\', '*', '_', '~~', '<@1>', 'word', ' ', '\n'), {
    maxLength: 1_500,
    size: 'max',
  })
  .map((parts) => parts.join(''));

const paragraphText = fc
  .array(fc.stringMatching(/^[a-zA-Z.,!?]{1,15}$/), { minLength: 1, maxLength: 60, size: 'max' })
  .map((parts) => parts.join(' '));

describe('renderLongText', () => {
  it('GIVEN text of any length THEN every message is within Discord limits and all words survive in order', () => {
    fc.assert(
      fc.property(
        fc.array(paragraphText, { maxLength: 400, size: 'max' }),
        fc.string({ maxLength: 400 }),
        (paragraphs, headline) => {
          const text = paragraphs.join('\n\n');
          const rendered = renderLongText(text, { title: headline || 'T', author: 'Translation', footer: 'id · English · model · fresh' });
          for (const message of rendered.messages) {
            expect(checkMessageBody({ ...message }, { requireContent: true })).toEqual([]);
          }
          const descriptions = rendered.messages.flatMap((m) => m.embeds ?? []).map((e) => e.description ?? '');
          const joined = descriptions.join('\n\n');
          if (text.trim()) expect(words(joined)).toEqual(words(text));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('GIVEN 60,000 characters THEN it becomes several messages, title first and the footer under each message (a reply to any of them finds its article)', () => {
    const text = Array.from({ length: 600 }, (_, i) => `Sentence number ${i} is here and it says something about Ford. `.repeat(2)).join('\n\n');
    const footer = `ford-xiaomi · English · ${'m'.repeat(1_500)}`;
    const rendered = renderLongText(text, { title: 'Headline', footer });
    expect(rendered.messages.length).toBeGreaterThan(9);
    const embeds = rendered.messages.flatMap((m) => m.embeds ?? []);
    expect(embeds[0]?.title).toBe('Headline');
    expect(embeds.filter((e) => e.title).length).toBe(1);
    for (const message of rendered.messages) {
      const own = message.embeds ?? [];
      expect(own.at(-1)?.footer?.text).toBe(footer);
      expect(own.filter((e) => e.footer).length).toBe(1);
      const total = own.reduce((sum, e) => sum + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0), 0);
      expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });
});

describe('renderBriefing', () => {
  it('GIVEN a result THEN the footer names article id, language, model and cache state', () => {
    const rendered = renderBriefing(aResult({ cached: true }), { t: translator('en'), locale: 'en' });
    const embed = rendered.messages[0]?.embeds?.[0];
    expect(embed?.title).toBe('Ford held talks with Xiaomi');
    expect(embed?.footer?.text).toBe('ford-xiaomi · English · openai/gpt-4o-mini · cached');
    expect(embed?.description).toBe('First paragraph.\n\nSecond paragraph.');
  });

  it('GIVEN a fetched article THEN the title links its page and the footer names its site first; seeds link nothing', () => {
    const source = { url: 'https://harbour.example/ferry.html?id=7', site: 'Harbour *Times*' };
    const embed = renderBriefing(aResult({ article: { id: 'harbour-ferry-1a2b3c4d', headline: 'Ferry', language: 'en', source } }), { t: translator('en'), locale: 'en' }).messages[0]?.embeds?.[0];
    expect(embed?.url).toBe('https://harbour.example/ferry.html?id=7');
    expect(embed?.footer?.text).toBe('Harbour *Times* · harbour-ferry-1a2b3c4d · English · openai/gpt-4o-mini · fresh');
    expect(renderBriefing(aResult(), { t: translator('en'), locale: 'en' }).messages[0]?.embeds?.[0]?.url).toBeUndefined();
  });

  it('GIVEN a German reader THEN language names and cache state are German', () => {
    const rendered = renderBriefing(aResult(), { t: translator('de'), locale: 'de' });
    expect(rendered.messages[0]?.embeds?.[0]?.footer?.text).toBe('ford-xiaomi · Englisch · openai/gpt-4o-mini · neu erstellt');
  });

  it('GIVEN a headline over 256 characters THEN the title is cut with an ellipsis', () => {
    const long = 'Ford '.repeat(100);
    const title = renderBriefing(aResult({ article: { id: 'x', headline: long, language: 'en' } }), { t: translator('en'), locale: 'en' })
      .messages[0]?.embeds?.[0]?.title;
    expect(title?.length).toBeLessThanOrEqual(256);
    expect(title?.endsWith('…')).toBe(true);
  });

  it('GIVEN translated quotes THEN each original is a block quote followed by its translation', () => {
    const rendered = renderBriefing(
      aResult({ kind: 'quote', paragraphs: ['Ford talked.'], originals: ['Ford sprach.'] }),
      { t: translator('en'), locale: 'en' },
    );
    expect(rendered.messages[0]?.embeds?.[0]?.description).toBe('> Ford sprach.\nFord talked.');
  });

  it('GIVEN notices THEN they appear as content of the first message', () => {
    const rendered = renderBriefing(
      aResult({ notices: [{ code: 'language_fallback', message: 'No LLM configured: summary is in German' }] }),
      { t: translator('en'), locale: 'en-US' },
    );
    expect(rendered.messages[0]?.content).toContain('No LLM configured');
  });
});

describe('rendering hostile text', () => {
  it('GIVEN summaries, headlines and quotes full of markup THEN after escaping every message is still within Discord limits, renders no markup, and shows the text as written', () => {
    fc.assert(
      fc.property(fc.array(hostileParagraph, { minLength: 1, maxLength: 8 }), hostileParagraph, fc.constantFrom('summarize', 'quote'), (paragraphs, headline, kind) => {
        const result = aResult({ kind, paragraphs, article: { id: 'x', headline: headline || 'x', language: 'en' } });
        const rendered = renderBriefing(result, { t: translator('en'), locale: 'en' });
        for (const message of rendered.messages) expect(checkMessageBody({ ...message }, { requireContent: false })).toEqual([]);
        const embeds = rendered.messages.flatMap((m) => m.embeds ?? []);
        expect(markdownLeaks(embeds[0]?.title ?? '')).toEqual([]);
        // Quotes carry Herald's own "> " per line; everything else is the text, escaped.
        const shown = embeds.map((e) => e.description ?? '').join('\n');
        const lines = kind === 'quote' ? shown.split('\n').map((line) => line.replace(/^>(?: |$)/, '')) : [shown];
        for (const line of lines) expect(markdownLeaks(line)).toEqual([]);
        if (kind === 'summarize' && paragraphs.join('').trim()) expect(words(unescapeMarkdown(shown))).toEqual(words(paragraphs.join('\n\n')));
      }),
      { numRuns: 150 },
    );
  });

  it('GIVEN a streamed preview of 300 masked links THEN, escaped and cut, it fits one description and renders no link', () => {
    const text = '[x](https://e.example) '.repeat(300);
    const description = renderPartial('summarize', text, { t: translator('en') }).messages[0]?.embeds?.[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    expect(markdownLeaks(description)).toEqual([]);
  });
});

describe('quotes on Discord', () => {
  it('GIVEN passages with their own quotation marks THEN each is a block quote exactly as in the article, with no marks added', () => {
    const english = '"We are pouring money into this," Reyes said.';
    const german = '„Wir wollen weiter investieren“, sagte Reyes.';
    const rendered = renderBriefing(aResult({ kind: 'quote', paragraphs: [english, german] }), { t: translator('en'), locale: 'en' });
    expect(rendered.messages[0]?.embeds?.[0]?.description).toBe(`> ${english}\n\n> ${german}`);
  });
});

describe('renderArticles', () => {
  it('GIVEN more articles than fit on a page THEN it shows page buttons with the next page in the id', () => {
    const articles = Array.from({ length: 23 }, (_, i) => anArticle(i));
    const rendered = renderArticles(articles, { t: translator('en'), locale: 'en', page: 1, query: 'headline' });
    const message = rendered.messages[0];
    expect(message?.embeds?.[0]?.footer?.text).toBe('Page 2 of 3 · 23 articles');
    const buttons = message?.components?.[0]?.components ?? [];
    expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(['articles:0:prev:headline', 'articles:2:next:headline']);
  });

  it('GIVEN a page past the end THEN it shows the last page', () => {
    const rendered = renderArticles([anArticle(1)], { t: translator('en'), locale: 'en', page: 7 });
    expect(rendered.messages[0]?.embeds?.[0]?.description).toContain('article-1');
    expect(rendered.messages[0]?.components).toBeUndefined();
  });

  it('GIVEN no match THEN it says so in plain words', () => {
    const rendered = renderArticles([], { t: translator('de'), locale: 'de', page: 0, query: 'tesla' });
    expect(rendered.messages[0]?.embeds?.[0]?.description).toContain('Kein Artikel passt zu „tesla“');
  });
});
