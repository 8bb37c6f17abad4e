/**
 * Issue 15's acceptance test through the wiring `npm start` runs: three feeds on 127.0.0.1 (three
 * sites, one German), the real poller, the story grouper createHerald builds, the digest scheduler
 * and the fake Discord. No grouper is written by the test: the stories are the clusterer's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clusterArticles } from '../../src/stories/cluster.js';
import type { FakeRequest } from '../fakes/fake-openai.js';
import { closeTestServers } from '../sources/fetch/helpers.js';
import { startHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';
import { FIRST_DIGEST_AT, SECOND_DIGEST_AT, SINGLE_HEADLINES, STORM_FOLLOW_UP, startStorySites, type RunningStorySite } from '../support/story-feeds.js';
import { postedEmbeds } from './helpers.js';

const running: HeraldInProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((herald) => herald.stop()));
  await closeTestServers();
});

type Embed = ReturnType<typeof postedEmbeds>[number];
const textOf = (embed: Embed | undefined): string => `${embed?.title ?? ''}\n${embed?.description ?? ''}`;
const SITES = ['Harbour Times', 'City Wire', 'Stadtkurier'];

const isSameEventQuestion = (request: FakeRequest): boolean => request.text.includes('report the same event');

/**
 * The fake model: "yes" to every same-event question (the most a model can do to merge stories),
 * and for a digest one JSON summary per article, its first sentence.
 */
function modelReplies(request: FakeRequest): string {
  if (isSameEventQuestion(request)) return 'yes';
  const user = request.messages.find((message) => message.role === 'user')?.content ?? '';
  const blocks = [...user.matchAll(/<article id="([^"]+)">\n<headline>[^<]*<\/headline>\n\n([^.]*\.)/g)];
  return JSON.stringify(Object.fromEntries(blocks.map((block) => [block[1] ?? '', block[2] ?? ''])));
}

/** Herald with a settable clock, the three sites as the guild's feeds, polled once. */
async function heraldWithSites(options: { offline: boolean }): Promise<{ herald: HeraldInProcess; sites: RunningStorySite[]; clock: { now: Date } }> {
  const clock = { now: new Date(FIRST_DIGEST_AT) };
  const sites = await startStorySites();
  const herald = await startHeraldInProcess({
    offline: options.offline,
    openai: { reply: modelReplies },
    seeds: {},
    clock: () => clock.now,
    env: { ALLOW_PRIVATE_NETWORKS: 'true', FEED_INTERVAL_MINUTES: '60' },
  });
  running.push(herald);
  for (const site of sites) await herald.herald.feeds.store.add(herald.discord.guild.id, site.feedUrl, clock.now.getTime());
  await herald.herald.feeds.poller.pollDue();
  return { herald, sites, clock };
}

async function subscribe(herald: HeraldInProcess) {
  const channelId = herald.discord.channel('general').id;
  const sub = await herald.digests.subscribe({ guildId: herald.discord.guild.id, channelId, time: '08:00', timezone: 'UTC', language: 'en', length: 'short', createdBy: 'admin' });
  return { channelId, sub };
}

/** Every sentence a posted item quoted, without its " — Site" attribution. */
function quotedSentences(embeds: readonly Embed[]): string[] {
  return embeds.flatMap((embed) => (embed.description ?? '').split('\n').map((line) => /^(.*\.) — /.exec(line)?.[1]).filter((line): line is string => line !== undefined));
}

describe('stories through the real wiring', () => {
  it('GIVEN three events each reported by three sites (one German) and two single reports, offline THEN one digest of five items, each event citing its three sites by name; the next day one follow-up article brings one "Update" item with only what is new', async () => {
    const { herald, sites, clock } = await heraldWithSites({ offline: true });
    const guildId = herald.discord.guild.id;
    expect(herald.articles.in(guildId).list()).toHaveLength(11);
    const { channelId, sub } = await subscribe(herald);

    const [first] = await herald.digests.runNow(guildId, sub.id);
    expect(first?.status).toBe('posted');
    const embeds = postedEmbeds(herald.discord, channelId);
    const [header, ...items] = embeds;
    expect(header?.description ?? '').not.toMatch(/https?:/);
    expect(items).toHaveLength(5);
    // The three-source stories first (newest first), then the single reports (newest first).
    const titles = items.map((item) => item.title ?? '');
    expect(titles.slice(3)).toEqual([SINGLE_HEADLINES.cupFinal, SINGLE_HEADLINES.museum]);
    const events = items.slice(0, 3).map(textOf);
    for (const [index, words] of [[/Kiel|tram/i], [/Helga|Flensburg/], [/Kessler|Nordwind/]].entries()) {
      const story = events[index] ?? '';
      expect(story).toMatch(words[0]!);
      // Each event cites its three sites, by name, each linked once.
      expect(story.match(/\]\(http:\/\/127\.0\.0\.1:\d+\/news\//g)).toHaveLength(3);
      for (const site of SITES) expect(story).toContain(`[${site}](http://127.0.0.1:`);
    }
    for (const single of items.slice(3)) expect(textOf(single)).not.toContain('Sources:');
    const postedFirst = quotedSentences(items);

    // The next day: one more article on the storm, from one site.
    clock.now = new Date(SECOND_DIGEST_AT);
    sites[0]!.publish(STORM_FOLLOW_UP);
    await herald.herald.feeds.poller.pollDue();
    const [second] = await herald.digests.runNow(guildId, sub.id);
    expect(second?.status).toBe('posted');
    const next = postedEmbeds(herald.discord, channelId).slice(embeds.length);
    expect(next).toHaveLength(2);
    const update = next[1];
    expect(update?.title).toBe(`Update: ${STORM_FOLLOW_UP.headline}`);
    const updateText = textOf(update);
    expect(updateText).toContain('Damage from storm Helga in Flensburg is estimated at 35 million euros, the city said on Monday. — Harbour Times');
    expect(updateText).toContain('Mayor Karin Lund promised emergency aid of 2 million euros for shop owners on the waterfront. — Harbour Times');
    // Nothing posted yesterday comes back as if new, and no other story is repeated.
    for (const sentence of quotedSentences([update!])) expect(postedFirst).not.toContain(sentence);
    expect(updateText).not.toContain('pushed the Baltic Sea over the quay walls');
    expect(updateText).toContain('Sources: [Harbour Times](http://127.0.0.1:');
    expect(updateText).not.toMatch(/City Wire|Stadtkurier|Kessler|Kiel|Rovers|museum/);

    // A third day with nothing new: nothing is posted.
    clock.now = new Date(Date.parse(SECOND_DIGEST_AT) + 86_400_000);
    await herald.herald.feeds.poller.pollDue();
    const [third] = await herald.digests.runNow(guildId, sub.id);
    expect(third?.status).toBe('nothing_new');
  });

  it('GIVEN a model answering "same event" to every question THEN the digest is still five stories; it costs one generation for every summary plus one question per borderline pair (none here), and the update none', async () => {
    const { herald, sites, clock } = await heraldWithSites({ offline: false });
    const guildId = herald.discord.guild.id;
    // What the design allows the model to be asked about: cross-story pairs scoring between half the threshold and the threshold.
    const borderline = clusterArticles(herald.articles.in(guildId).list()).borderline.length;
    expect(borderline).toBe(0);
    const { channelId, sub } = await subscribe(herald);

    const [first] = await herald.digests.runNow(guildId, sub.id);
    expect(first?.status).toBe('posted');
    const [, ...items] = postedEmbeds(herald.discord, channelId);
    expect(items).toHaveLength(5);
    for (const story of items.slice(0, 3)) for (const site of SITES) expect(textOf(story)).toContain(`[${site}](http://127.0.0.1:`);
    const calls = herald.openai.completions;
    expect(calls.filter(isSameEventQuestion)).toHaveLength(borderline);
    expect(calls.filter((request) => !isSameEventQuestion(request))).toHaveLength(1);
    // The one generation summarized all eleven articles: a story's summary is merged from its articles'.
    const digestPrompt = calls.find((request) => !isSameEventQuestion(request))?.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(digestPrompt.match(/<article id="/g)).toHaveLength(11);
    expect(textOf(items[0])).toMatch(/\. — (Harbour Times|City Wire|Stadtkurier)/);

    clock.now = new Date(SECOND_DIGEST_AT);
    sites[0]!.publish(STORM_FOLLOW_UP);
    await herald.herald.feeds.poller.pollDue();
    const before = herald.openai.callCount;
    const posted = postedEmbeds(herald.discord, channelId).length;
    await herald.digests.runNow(guildId, sub.id);
    const next = postedEmbeds(herald.discord, channelId).slice(posted);
    expect(next.map((embed) => embed.title)).toEqual([expect.any(String), `Update: ${STORM_FOLLOW_UP.headline}`]);
    // An update quotes the new article verbatim: no generation.
    expect(herald.openai.callCount - before).toBe(clusterArticles(herald.articles.in(guildId).list()).borderline.length);
  });
});
