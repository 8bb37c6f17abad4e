import { afterEach, describe, expect, it } from 'vitest';
import { createKeyv } from '../../../src/cache/keyv.js';
import { silentLogger } from '../../../src/log.js';
import { createFetcher } from '../../../src/sources/fetch/index.js';
import { feedHashOf } from '../../../src/sources/feed-store/merge.js';
import { packItems } from '../../../src/sources/feed-store/packed-items.js';
import { refreshFeed } from '../../../src/sources/feed-store/refresh.js';
import { FeedStore } from '../../../src/sources/feed-store/store.js';
import type { StoredItem } from '../../../src/sources/feed-store/types.js';
import { LinkArticles } from '../../../src/sources/links.js';
import { HERALD_USER_AGENT } from '../../../src/sources/user-agent.js';
import { closeTestServers } from '../fetch/helpers.js';
import { fixture } from '../fixture.js';
import { aTestSite } from './site.js';

afterEach(closeTestServers);

const fetcher = createFetcher({ allowPrivateNetworks: true, userAgent: HERALD_USER_AGENT, timeoutMs: 5_000 });

/** Short English that tinyld alone reads as Polish (a 4-gram of "Wegovy" is unique to Polish). */
const NOVO_HEADLINE = 'Novo Nordisk posts record profit';
const NOVO_BODY = 'Novo Nordisk posts record profit as demand for Wegovy and Ozempic stays strong. Shares rose 5% in Copenhagen.';
const FERRY_DE = 'Hafenfähre fährt elektrisch';
const FERRY_DE_BODY = 'Die Hafenfähre fährt ab dem Frühjahr mit einem neuen Elektromotor, teilte die Hafenbehörde am Freitag mit. Der alte Dieselmotor war dreißig Jahre im Einsatz und musste ständig repariert werden.';

function rss(language: string, items: { guid: string; title: string; body?: string; link?: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Pharma Wire</title><link>https://wire.example/</link>${language}
    ${items.map((item) => `<item><guid isPermaLink="false">${item.guid}</guid><title>${item.title}</title>${item.link ? `<link>${item.link}</link>` : ''}<description>${item.body ?? ''}</description></item>`).join('')}
  </channel></rss>`;
}

async function setUp(body: string) {
  const site = await aTestSite();
  site.routes.set('/rss.xml', { body });
  const keyv = createKeyv('memory://', { namespace: 'feeds', logger: silentLogger });
  const store = await FeedStore.open(keyv, silentLogger);
  const record = await store.add('operator', site.url('/rss.xml'), 1_000);
  return { site, keyv, store, record };
}

function languageOf(store: FeedStore, headline: string): string | undefined {
  return store.articles(['operator']).find((article) => article.headline === headline)?.language;
}

describe('the language a feed declares, through polling and storage', () => {
  it('GIVEN <language>en</language> and a short item tinyld misreads THEN the article is English; a German item stays German', async () => {
    const { store, record } = await setUp(
      rss('<language>en</language>', [
        { guid: 'novo', title: NOVO_HEADLINE, body: NOVO_BODY },
        { guid: 'ferry', title: FERRY_DE, body: FERRY_DE_BODY },
      ]),
    );
    await refreshFeed({ fetcher, store }, record);
    expect(store.itemsOf(record).map((item) => item.language)).toEqual(['en', 'en']);
    expect(languageOf(store, NOVO_HEADLINE)).toBe('en');
    expect(languageOf(store, FERRY_DE)).toBe('de');
  });

  it('GIVEN a teaser whose page says <html lang="de"> in an en feed THEN the stored item takes the page\'s language', async () => {
    const { site, store, record } = await setUp('');
    site.routes.set('/rss.xml', { body: rss('<language>en</language>', [{ guid: 'lh', title: 'Lighthouse keeper retires after 40 years', body: 'Read more', link: site.url('/lighthouse.html') }]) });
    site.routes.set('/lighthouse.html', { body: fixture('page-boilerplate.html').replace('<html lang="en">', '<html lang="de-DE">'), type: 'text/html; charset=utf-8' });
    await refreshFeed({ fetcher, store }, record);
    const [item] = store.itemsOf(record);
    expect(item?.paragraphs.length).toBeGreaterThan(1);
    expect(item?.language).toBe('de');
    // The page's text is clearly English: the declaration is only a hint.
    expect(languageOf(store, 'Lighthouse keeper retires after 40 years')).toBe('en');
  });

  it('GIVEN items an earlier Herald stored without a language THEN they load and are detected as before; the next poll adds the feed\'s language', async () => {
    const { keyv, site, record } = await setUp('');
    // Its feed hash is the one the feed gives today: the poll below finds it unchanged.
    const old: StoredItem = { id: 'wire-novo-1', guid: 'novo', feedHash: feedHashOf({ headline: NOVO_HEADLINE, body: [NOVO_BODY] }), headline: NOVO_HEADLINE, paragraphs: [NOVO_BODY], site: 'Pharma Wire', firstSeen: Date.now() };
    await keyv.set(`items:${FeedStore.keyOf('operator', record.url)}`, await packItems([old]), 0);

    const reopened = await FeedStore.open(keyv, silentLogger);
    expect(reopened.itemsOf(record)).toEqual([old]);
    expect(languageOf(reopened, NOVO_HEADLINE)).toBe('pl');

    // The same item again (same text), now from a feed that declares its language.
    site.routes.set('/rss.xml', { body: rss('<language>en-US</language>', [{ guid: 'novo', title: NOVO_HEADLINE, body: NOVO_BODY }]) });
    await refreshFeed({ fetcher, store: reopened }, reopened.get('operator', record.url) ?? record);
    expect(reopened.itemsOf(record).map((item) => [item.id, item.language])).toEqual([['wire-novo-1', 'en']]);
    expect(languageOf(reopened, NOVO_HEADLINE)).toBe('en');
    // And it is stored: a restart reads it back.
    expect((await FeedStore.open(keyv, silentLogger)).itemsOf(record)[0]?.language).toBe('en');
  });
});

describe('the language a linked page declares', () => {
  it('GIVEN a link to a page with <html lang="de"> THEN it is kept with the page, and a page without one has none', async () => {
    const site = await aTestSite();
    site.routes.set('/de.html', { body: fixture('page-boilerplate.html').replace('<html lang="en">', '<html lang="de">'), type: 'text/html; charset=utf-8' });
    site.routes.set('/none.html', { body: fixture('page-boilerplate.html').replace('<html lang="en">', '<html>'), type: 'text/html; charset=utf-8' });
    const keyv = createKeyv('memory://', { namespace: 'links', logger: silentLogger });
    const links = new LinkArticles(fetcher, keyv);
    expect((await links.article(site.url('/de.html'))).language).toBe('en');
    expect((await keyv.get<{ item: StoredItem }>(site.url('/de.html')))?.item.language).toBe('de');
    await links.article(site.url('/none.html'));
    expect((await keyv.get<{ item: StoredItem }>(site.url('/none.html')))?.item).not.toHaveProperty('language');
  });
});
