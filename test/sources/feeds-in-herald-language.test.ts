import { afterEach, describe, expect, it } from 'vitest';
import { shownText, startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import { closeTestServers } from './fetch/helpers.js';
import { aTestSite } from './feed-store/site.js';

const bots: HeraldInProcess[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop()));
  await closeTestServers();
});

/** Short English news that tinyld alone reads as Polish: one 4-gram of "Wegovy" decides it. */
const NOVO = 'Novo Nordisk posts record profit';
const NOVO_BODY = 'Novo Nordisk posts record profit as demand for Wegovy and Ozempic stays strong. Shares rose 5% in Copenhagen.';
/** German on a blog whose feed says en-US, as WordPress blogs left on English do. */
const FERRY_DE = 'Hafenfähre fährt elektrisch';
const FERRY_DE_BODY =
  'Die Hafenfähre fährt ab dem Frühjahr mit einem neuen Elektromotor, teilte die Hafenbehörde am Freitag mit. Der alte Dieselmotor war dreißig Jahre im Einsatz und musste ständig repariert werden.';

function feed(base: string): string {
  const item = (slug: string, title: string, body: string) =>
    `<item><title>${title}</title><link>${base}/${slug}.html</link><guid isPermaLink="false">${slug}</guid><pubDate>Sat, 05 Dec 2026 08:00:00 +0000</pubDate><content:encoded><![CDATA[<p>${body}</p>]]></content:encoded></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title><link>${base}/</link><language>en-US</language>
${item('novo', NOVO, NOVO_BODY)}${item('ferry', FERRY_DE, FERRY_DE_BODY)}</channel></rss>`;
}

/** The /articles line under a headline: "`id` · English · 23 words". */
function lineUnder(text: string, headline: string): string {
  const lines = text.split('\n');
  return lines[lines.findIndex((line) => line.includes(headline)) + 1] ?? '';
}

describe('a feed that declares its language', () => {
  it('GIVEN <language>en-US</language> THEN /articles shows its short English item as English and its German item as German', async () => {
    const site = await aTestSite();
    site.routes.set('/rss.xml', { body: feed(site.base) });
    const herald = await startHeraldInProcess({ offline: true, seeds: {}, env: { FEEDS: site.url('/rss.xml'), ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
    bots.push(herald);
    await herald.herald.feeds.poller.pollDue();

    const listing = herald.discord.sendCommand('articles', {});
    await herald.done(listing.id);
    const text = shownText(herald.messagesOf(listing.id));
    expect(lineUnder(text, NOVO)).toMatch(/ · English · /);
    expect(lineUnder(text, FERRY_DE)).toMatch(/ · German · /);
  });
});
