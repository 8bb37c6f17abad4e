import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/ask/types.js';
import { renderAsk } from '../../src/discord/render-ask.js';
import { markdownLeaks } from '../discord/markdown-leaks.js';

const fetched: AskResult = {
  question: 'What did the council decide?',
  language: 'en',
  answered: true,
  claims: [],
  citations: [{ article: 0, text: 'The council approved the **ferry**.' }],
  articles: [{ id: 'feed-1', headline: 'Council [votes](https://evil.example)', language: 'en', source: { url: 'https://news.example.org/ferry', site: 'Harbour *Times*' } }],
  model: 'offline/extractive',
  cached: false,
  notices: [],
};

describe('rendering an answer', () => {
  it('GIVEN an offline answer from a fetched article THEN it names the headline and links the site to the article page, all else plain', () => {
    const [message] = renderAsk(fetched, { locale: 'en-US' }).messages;
    const [embed] = message?.embeds ?? [];
    expect(embed?.url).toBe('https://news.example.org/ferry');
    const [according = '', quote = ''] = (embed?.description ?? '').split('\n');
    expect(according).toContain('([Harbour \\*Times\\*](https://news.example.org/ferry))');
    // The only link is Herald's own to the source; the headline's would-be link stays text.
    expect(markdownLeaks(according.replace('[Harbour \\*Times\\*](https://news.example.org/ferry)', ''))).toEqual([]);
    expect(markdownLeaks(quote.replace(/^> /u, ''))).toEqual([]);
    expect(embed?.footer?.text).toBe('feed-1 · English · offline/extractive · fresh');
  });

  it('GIVEN a source address that could break the markup THEN no link is made', () => {
    const odd = { ...fetched, articles: [{ ...fetched.articles[0]!, source: { url: 'https://x.example/a)(b', site: 'X' } }] };
    const [message] = renderAsk(odd, { locale: 'en-US' }).messages;
    expect(message?.embeds?.[0]?.url).toBeUndefined();
    expect(message?.embeds?.[0]?.description).not.toContain('x.example');
    expect(markdownLeaks(message?.embeds?.[0]?.description?.split('\n')[0] ?? '')).toEqual([]);
  });
});

describe('rendering an answer from a site whose name is markup', () => {
  it('GIVEN a site name that closes Herald\'s link and opens its own THEN the only link is to the article\'s page', () => {
    const hostile = { ...fetched, articles: [{ ...fetched.articles[0]!, source: { url: 'https://news.example.org/ferry', site: 'Times](https://evil.example/login) [x' } }] };
    const [message] = renderAsk(hostile, { locale: 'en-US' }).messages;
    const according = message?.embeds?.[0]?.description?.split('\n')[0] ?? '';
    // What Discord would read as masked links once escapes are taken as literal characters.
    const view = according.replace(/\\([^0-9A-Za-z\s])/gu, 'x');
    const targets = [...view.matchAll(/\[[^\]]*\]\s*\(([^)]*)\)/gu)].map((match) => match[1]);
    expect(targets).toEqual(['https://news.example.org/ferry']);
    expect(according).toContain('Times');
  });

  it('GIVEN a German question answered offline from an English article THEN the note that the sentences stay untranslated comes in German above the answer', () => {
    const [message] = renderAsk({ ...fetched, question: 'Was hat der Rat beschlossen?', language: 'de', notices: ['not_translated'] }, { locale: 'de' }).messages;
    expect(message?.content).toBe('ℹ️ Die Sätze sind in der Sprache des Artikels zitiert: ohne das Sprachmodell werden sie nicht übersetzt.');
  });
});
