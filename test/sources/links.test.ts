import { describe, expect, it } from 'vitest';
import { renderOutcome } from '../../src/console/render-text.js';
import { parseRequest } from '../../src/requests/parse-request.js';
import { executeRequest } from '../../src/requests/execute.js';
import { embedsOf, shownText, startHeraldInProcess } from '../support/herald-in-process.js';
import { useSourceHeralds } from './heralds.js';
import { fixture } from './fixture.js';
import { aTestSite, type TestSite } from './feed-store/site.js';

const LIGHTHOUSE = 'Lighthouse keeper retires after 40 years';
const { consoleHerald, keep } = useSourceHeralds();

async function aNewsSite(): Promise<TestSite> {
  const site = await aTestSite();
  site.routes.set('/lighthouse.html', { body: fixture('page-boilerplate.html'), type: 'text/html; charset=utf-8' });
  site.routes.set('/paywall.html', { body: fixture('page-paywall.html'), type: 'text/html; charset=utf-8' });
  return site;
}

describe('a web address as the article', () => {
  it('GIVEN a page link in the console THEN its article is summarized, the Source line cites the link without tracking parameters, and asking again does not fetch again', async () => {
    const site = await aNewsSite();
    const herald = await consoleHerald({ ALLOW_PRIVATE_NETWORKS: 'true' });
    const request = parseRequest(`summarize ${site.url('/lighthouse.html?utm_source=share&utm_medium=x')} in english`);
    const outcome = await executeRequest(request, herald, { userId: 'console' });
    expect(outcome).toMatchObject({ kind: 'briefing', result: { article: { headline: LIGHTHOUSE, source: { url: site.url('/lighthouse.html'), site: 'Coastline Daily' } } } });
    const text = renderOutcome(outcome);
    expect(text).toContain(`Source: ${site.url('/lighthouse.html')} (Coastline Daily)`);
    expect(text).not.toMatch(/COOKIE-BANNER|NAV-News/);

    await executeRequest(parseRequest(`quotes ${site.url('/lighthouse.html')}`), herald, { userId: 'console' });
    expect(site.server.seen.filter((seen) => seen.path.startsWith('/lighthouse.html'))).toHaveLength(1);
  });

  it('GIVEN a paywalled page, a missing page or, with private networks refused, a local address THEN a polite user error', async () => {
    const site = await aNewsSite();
    const open = await consoleHerald({ ALLOW_PRIVATE_NETWORKS: 'true' });
    await expect(open.briefing.summarize(site.url('/paywall.html'), { length: 'short' })).rejects.toMatchObject({ code: 'link_refused', params: { reason: 'no_article' } });
    await expect(open.briefing.summarize(site.url('/gone.html'), { length: 'short' })).rejects.toMatchObject({ code: 'link_refused', params: { reason: 'not_found' } });

    const strict = await consoleHerald({});
    const before = site.server.seen.length;
    await expect(strict.briefing.quote(site.url('/lighthouse.html'), { count: 2 })).rejects.toMatchObject({ code: 'link_refused', params: { reason: 'private_address' } });
    expect(site.server.seen).toHaveLength(before);
  });

  it('GIVEN /summarize with a link THEN the answer links the page; a refused link is answered ephemerally', async () => {
    const site = await aNewsSite();
    const herald = await startHeraldInProcess({ offline: true, env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
    keep(herald);
    const asked = herald.discord.sendCommand('summarize', { article: site.url('/lighthouse.html?fbclid=abc') });
    await herald.done(asked.id);
    const [embed] = embedsOf(herald.messagesOf(asked.id));
    expect(embed?.title).toBe(LIGHTHOUSE);
    expect(embed?.url).toBe(site.url('/lighthouse.html'));
    expect(embedsOf(herald.messagesOf(asked.id)).at(-1)?.footer?.text).toMatch(/^Coastline Daily · /);

    const refused = herald.discord.sendCommand('summarize', { article: site.url('/paywall.html') });
    await herald.done(refused.id);
    const [answer] = herald.messagesOf(refused.id);
    expect(shownText([answer!])).toContain('I found no article text at');
    expect(((answer?.message.flags ?? 0) & 64) === 64).toBe(true);
  });
});
