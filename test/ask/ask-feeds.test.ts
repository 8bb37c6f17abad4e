import { afterEach, describe, expect, it } from 'vitest';
import { embedsOf, shownText, startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import { closeTestServers } from '../sources/fetch/helpers.js';
import { aTestSite, type TestSite } from '../sources/feed-store/site.js';
import { ASK_SEEDS, modelAnswer } from './fixtures.js';

/**
 * Feed articles are searched by headline only (issue 14's memory goal): these questions' words are
 * only in the body, so they reach the article through the recent feed articles' body index.
 */
const TRAINS = 'Nordic Rail orders twelve new trains';
const CONTRACT = 'The contract is worth 480 million euros and runs until 2031.';
const QUESTION = 'What is the contract worth?';

const bots: HeraldInProcess[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop()));
  await closeTestServers();
});

function rss(site: TestSite, title: string, items: { title: string; path: string; paragraphs: string[] }[]): string {
  const entries = items.map(
    (item, i) =>
      `<item><title>${item.title}</title><link>${site.url(item.path)}</link><guid isPermaLink="false">${item.path}</guid>` +
      `<pubDate>${new Date(Date.UTC(2026, 11, 5, 8 - i)).toUTCString()}</pubDate>` +
      `<content:encoded><![CDATA[${item.paragraphs.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title><link>${site.url('/')}</link>${entries.join('')}</channel></rss>`;
}

async function railSite(): Promise<TestSite> {
  const site = await aTestSite();
  site.routes.set(
    '/rail.xml',
    {
      body: rss(site, 'Rail Weekly', [
        { title: TRAINS, path: '/trains.html', paragraphs: ['The operator placed the order with a Swiss maker on Monday.', `${CONTRACT} The first trains arrive in 2027.`] },
        { title: 'Night train returns to the coast', path: '/night.html', paragraphs: ['The night service stops at six stations along the coast.'] },
      ]),
    },
  );
  return site;
}

async function startWithFeed(offline: boolean): Promise<{ herald: HeraldInProcess; site: TestSite; guildId: string }> {
  const site = await railSite();
  const herald = await startHeraldInProcess({ offline, seeds: ASK_SEEDS, env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' } });
  bots.push(herald);
  const guildId = herald.discord.guild.id;
  await herald.herald.feeds.store.add(guildId, site.url('/rail.xml'), Date.now());
  await herald.herald.feeds.poller.pollDue();
  return { herald, site, guildId };
}

async function ask(herald: HeraldInProcess, question: string) {
  const interaction = herald.discord.sendCommand('ask', { question });
  await herald.done(interaction.id);
  return herald.messagesOf(interaction.id);
}

describe('/ask about a guild\'s feed articles, offline', () => {
  it('GIVEN a feed article whose answer is only in its body THEN /ask quotes that sentence under its headline with the source link', async () => {
    const { herald, site } = await startWithFeed(true);
    const messages = await ask(herald, QUESTION);
    const shown = shownText(messages);
    expect(shown).toContain(`According to “${TRAINS}” ([Rail Weekly](${site.url('/trains.html')})):\n> ${CONTRACT}`);
    expect(herald.openai.callCount).toBe(0);
  });

  it('GIVEN the feed belongs to one guild THEN another guild and direct messages never get its articles', async () => {
    const { herald } = await startWithFeed(true);
    for (const who of [{ guildId: '999999999999999999', userId: 'u1' }, { userId: 'dm-user' }]) {
      const result = await herald.herald.ask.ask(QUESTION, {}, who);
      expect(result.articles.map((article) => article.headline)).not.toContain(TRAINS);
      expect(result.citations.map((citation) => citation.text).join('\n')).not.toContain('480 million');
    }
  });

  it('GIVEN the feed is removed THEN its articles no longer answer', async () => {
    const { herald, site, guildId } = await startWithFeed(true);
    expect(shownText(await ask(herald, QUESTION))).toContain(CONTRACT);
    expect(await herald.herald.feeds.store.remove(guildId, site.url('/rail.xml'))).toBe(true);
    const shown = shownText(await ask(herald, QUESTION));
    expect(shown).not.toContain('480 million');
    expect(shown).not.toContain(TRAINS);
  });
});

describe('/ask about a guild\'s feed articles with a language model (fake OpenAI)', () => {
  it('GIVEN a question whose words are only in a feed article\'s body THEN the model gets that sentence and its citation is kept', async () => {
    const { herald, site } = await startWithFeed(false);
    herald.openai.script(modelAnswer([{ statement: 'The order is worth 480 million euros.', quotes: [{ text: CONTRACT }] }]));
    const messages = await ask(herald, QUESTION);
    const sent = herald.openai.completions[0]?.text ?? '';
    expect(sent).toMatch(/<article id="127-0-0-1-nordic-rail-orders-twelve-new-trains-[0-9a-f]{8}">/u);
    expect(sent).toContain(CONTRACT);
    const shown = shownText(messages);
    expect(shown).toContain('The order is worth 480 million euros.');
    expect(shown).toContain(CONTRACT);
    expect(shown).not.toContain('Some citations were not in the articles');
    expect(JSON.stringify(embedsOf(messages))).toContain(site.url('/trains.html'));
  });
});
