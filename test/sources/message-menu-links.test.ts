/**
 * "Summarize message" and "Translate message" on a message that is mostly a link work on the linked
 * page, through the same fetcher and extraction as the `article` URL option.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { embedsOf, shownText, startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import { closeTestServers } from './fetch/helpers.js';
import { fixture } from './fixture.js';
import { aTestSite, type TestSite } from './feed-store/site.js';

const LIGHTHOUSE = 'Lighthouse keeper retires after 40 years';
const started: HeraldInProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((herald) => herald.stop()));
  await closeTestServers();
});

async function aNewsSite(): Promise<TestSite> {
  const site = await aTestSite();
  site.routes.set('/lighthouse.html', { body: fixture('page-boilerplate.html'), type: 'text/html; charset=utf-8' });
  site.routes.set('/paywall.html', { body: fixture('page-paywall.html'), type: 'text/html; charset=utf-8' });
  return site;
}

async function aHerald(options: { offline?: boolean; env?: Record<string, string> } = {}): Promise<HeraldInProcess> {
  const herald = await startHeraldInProcess({ offline: options.offline ?? true, env: { FEED_INTERVAL_MINUTES: '60', ...options.env } });
  started.push(herald);
  return herald;
}

function isEphemeral(herald: HeraldInProcess, id: string): boolean {
  return herald.messagesOf(id).every((posted) => ((posted.message.flags ?? 0) & 64) === 64);
}

describe('message menus on a link', () => {
  it('GIVEN "Summarize message" on a message that is mostly a link THEN the linked page is summarized, its headline linking the page (tracking removed) and its site named', async () => {
    const site = await aNewsSite();
    const herald = await aHerald({ env: { ALLOW_PRIVATE_NETWORKS: 'true' } });
    const asked = herald.discord.sendMessageCommand('Summarize message', { content: `Big day on the coast: ${site.url('/lighthouse.html?utm_source=share')}` });
    await herald.done(asked.id);
    const embeds = embedsOf(herald.messagesOf(asked.id));
    expect(embeds[0]?.title).toBe(LIGHTHOUSE);
    expect(embeds[0]?.url).toBe(site.url('/lighthouse.html'));
    expect(embeds.at(-1)?.footer?.text).toMatch(/^Coastline Daily/);
    expect(shownText(herald.messagesOf(asked.id))).toMatch(/Falk|lighthouse/);
    expect(shownText(herald.messagesOf(asked.id))).not.toMatch(/COOKIE-BANNER|ADVERT/);
    expect(isEphemeral(herald, asked.id)).toBe(true);
  });

  it('GIVEN "Translate message" on a link THEN the model gets the page text, not the message, and the answer links the page', async () => {
    const site = await aNewsSite();
    const herald = await aHerald({ offline: false, env: { ALLOW_PRIVATE_NETWORKS: 'true' } });
    const asked = herald.discord.sendMessageCommand('Translate message', { content: `<${site.url('/lighthouse.html')}>` }, { locale: 'de' });
    await herald.done(asked.id);
    const sent = herald.openai.completions.map((completion) => completion.text).join('\n');
    expect(sent).toContain('Peter Falk has handed over the keys');
    expect(sent).not.toMatch(/COOKIE-BANNER|ADVERT/);
    const embeds = embedsOf(herald.messagesOf(asked.id));
    expect(embeds[0]?.url).toBe(site.url('/lighthouse.html'));
    expect(isEphemeral(herald, asked.id)).toBe(true);
  });

  it('GIVEN a link to a private address while ALLOW_PRIVATE_NETWORKS is false THEN a polite ephemeral refusal and no request', async () => {
    const site = await aNewsSite();
    const herald = await aHerald();
    const asked = herald.discord.sendMessageCommand('Summarize message', { content: site.url('/lighthouse.html') });
    await herald.done(asked.id);
    expect(shownText(herald.messagesOf(asked.id))).toContain('points to a private network address, which Herald does not fetch');
    expect(isEphemeral(herald, asked.id)).toBe(true);
    expect(site.server.seen).toHaveLength(0);
  });

  it('GIVEN a link to a page without article text THEN the user is told so, ephemerally', async () => {
    const site = await aNewsSite();
    const herald = await aHerald({ env: { ALLOW_PRIVATE_NETWORKS: 'true' } });
    const asked = herald.discord.sendMessageCommand('Summarize message', { content: site.url('/paywall.html') });
    await herald.done(asked.id);
    expect(shownText(herald.messagesOf(asked.id))).toContain('I found no article text at');
    expect(isEphemeral(herald, asked.id)).toBe(true);
  });

  it('GIVEN a long message that only cites a link THEN its own text is summarized and the page is not fetched', async () => {
    const site = await aNewsSite();
    const herald = await aHerald({ env: { ALLOW_PRIVATE_NETWORKS: 'true' } });
    const text = `The harbour council met on Monday and agreed to keep the old lighthouse lit for another ten years. The volunteers will repaint the tower in spring and open the gallery on summer weekends. Details: ${site.url('/lighthouse.html')}`;
    const asked = herald.discord.sendMessageCommand('Summarize message', { content: text });
    await herald.done(asked.id);
    expect(site.server.seen).toHaveLength(0);
    expect(embedsOf(herald.messagesOf(asked.id))[0]?.title).not.toBe(LIGHTHOUSE);
  });
});
