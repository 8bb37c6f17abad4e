import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import type { DigestArticles } from '../../src/digests/delivery.js';
import type { DigestService } from '../../src/digests/service.js';
import { silentLogger } from '../../src/log.js';
import type { Story, StoryGrouper } from '../../src/stories/story.js';
import { postedEmbeds, useWorlds, type DigestWorld } from './helpers.js';

const aWorld = useWorlds();
const NOW = Date.parse('2026-01-15T06:00:00Z');
const HOUR = 3_600_000;

/** A fetched article (feed) with its site, page and publication time. */
function anArticle(id: string, site: string, headline: string, paragraphs: string[], hoursAgo: number, language = 'en'): Article {
  return {
    id,
    headline,
    paragraphs,
    hash: `${id}-hash-${paragraphs.join('').length}`,
    language,
    wordCount: paragraphs.join(' ').split(/\s+/).length,
    updatedAt: NOW - hoursAgo * HOUR,
    source: { url: `https://${site.toLowerCase().replace(/\s+/g, '')}.example/${id}`, site, published: NOW - hoursAgo * HOUR },
  };
}

/** Three events, each told by three sites in different words (one of them in German). */
const EVENTS: Article[] = [
  anArticle('bridge-post', 'Daily Post', 'Harbor Bridge closed after cracks found', ['Engineers closed the Harbor Bridge on Monday after finding cracks in two pillars.', 'About 40000 drivers cross the bridge every day.', 'The city said repairs could take weeks.'], 2),
  anArticle('bridge-wire', 'City Wire', 'Cracks shut the Harbor Bridge', ['The Harbor Bridge is shut because inspectors found cracks in its pillars.', 'Mayor Jensen asked drivers to use the ring road instead.'], 3),
  anArticle('bridge-de', 'Stadtanzeiger', 'Hafenbrücke wegen Rissen gesperrt', ['Die Hafenbrücke ist seit Montag gesperrt, weil Prüfer Risse in zwei Pfeilern fanden.', 'Täglich fahren rund 40000 Autos über die Brücke.'], 4, 'de'),
  anArticle('acme-post', 'Daily Post', 'Acme agrees to buy Beta Robotics', ['Acme agreed to buy Beta Robotics for 2.1 billion dollars on Tuesday.', 'The deal still needs approval from regulators.'], 1),
  anArticle('acme-wire', 'City Wire', 'Beta Robotics sold to Acme', ['Beta Robotics will be sold to Acme in a deal worth 2.1 billion dollars.', 'Beta employs 900 people in the region.'], 5),
  anArticle('acme-de', 'Stadtanzeiger', 'Acme übernimmt Beta Robotics', ['Der Konzern Acme übernimmt Beta Robotics für 2,1 Milliarden Dollar.', 'Die Kartellbehörden müssen noch zustimmen.'], 6, 'de'),
  anArticle('storm-post', 'Daily Post', 'Storm Olga floods the old town', ['Storm Olga flooded the old town overnight and cut power to 3000 homes.', 'Firefighters pumped water out of dozens of cellars.'], 7),
  anArticle('storm-wire', 'City Wire', 'Old town under water after Olga', ['After storm Olga the old town stood under water on Wednesday morning.', 'Power returned to most homes by noon.'], 8),
  anArticle('storm-de', 'Stadtanzeiger', 'Sturm Olga überflutet die Altstadt', ['Sturm Olga hat in der Nacht die Altstadt überflutet.', 'Rund 3000 Haushalte waren ohne Strom.'], 9, 'de'),
];

/** The stories, as the clustering (another part, issue 15 item 1) would give them: written down here as data. */
const STORY_OF: Readonly<Record<string, string>> = { bridge: 'story-bridge', acme: 'story-acme', storm: 'story-storm' };
const grouper: StoryGrouper = (articles) => {
  const groups = new Map<string, Article[]>();
  for (const article of articles) {
    const key = STORY_OF[article.id.split('-')[0] ?? ''] ?? article.id;
    groups.set(key, [...(groups.get(key) ?? []), article]);
  }
  return Promise.resolve(
    [...groups].map(([id, members]): Story => ({
      id,
      articles: members,
      sourceCount: new Set(members.map((a) => a.source?.site ?? a.id)).size,
      latest: Math.max(...members.map((a) => a.source?.published ?? a.updatedAt)),
    })),
  );
};

/** The world's seed articles (the two singletons) plus the feed articles in `extra`. */
function catalog(world: DigestWorld, extra: () => Article[]): DigestArticles {
  return { list: () => [...extra(), ...world.articles.list()].sort((a, b) => b.updatedAt - a.updatedAt) };
}

/**
 * The digest service of `world` reading `extra` too: the briefing finds those articles through its
 * `links` seam (as it finds a fetched page), the world's seeds as usual.
 */
function storyService(world: DigestWorld, extra: () => Article[]): DigestService {
  const briefing = new BriefingService({
    articles: { in: () => world.articles },
    links: (ref) => {
      const article = extra().find((a) => a.id === ref);
      return article ? Promise.resolve(article) : undefined;
    },
    ...(world.model ? { model: world.model } : {}),
    cache: new ResultCache(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }), silentLogger),
    logger: silentLogger,
  });
  return world.restart({ grouper, briefing, articles: catalog(world, extra), limits: { firstDigest: 20, maxArticles: 20 } });
}

type Embed = ReturnType<typeof postedEmbeds>[number];
const textOf = (embed: Embed | undefined) => `${embed?.title ?? ''}\n${embed?.description ?? ''}`;

describe('digest items are stories', () => {
  it('GIVEN three events covered by three sites each and two singletons, offline THEN one digest of five items, the stories first citing their three sources in verbatim attributed sentences; the next day one new article brings one update item with only what is new', async () => {
    let feed = [...EVENTS];
    const world = await aWorld({ articles: 2, now: '2026-01-15T06:00:00Z' });
    const service = storyService(world, () => feed);
    const channel = world.discord.channel('general').id;
    const sub = await service.subscribe({ guildId: world.discord.guild.id, channelId: channel, time: '08:00', timezone: 'UTC', language: 'en', length: 'short', createdBy: 'admin' });

    const [first] = await service.runNow(world.discord.guild.id, sub.id);
    expect(first?.status).toBe('posted');
    const embeds = postedEmbeds(world.discord, channel);
    const [header, ...items] = embeds;
    expect(header?.description ?? '').not.toMatch(/https?:/);
    expect(items).toHaveLength(5);
    // Ranked by sources (3, 3, 3, then 1, 1), then recency: Acme (1 h ago), bridge (2 h), storm (7 h).
    expect(items.map((e) => e.title)).toEqual(['Acme agrees to buy Beta Robotics', 'Harbor Bridge closed after cracks found', 'Storm Olga floods the old town', 'Headline number 2 about the city', 'Headline number 1 about the city']);
    for (const story of items.slice(0, 3)) {
      const text = textOf(story);
      expect(text.match(/\]\(https:\/\//g)).toHaveLength(3);
      for (const site of ['Daily Post', 'City Wire', 'Stadtanzeiger']) expect(text).toContain(`[${site}](https://`);
      // Sentences verbatim, each attributed to its site.
      expect(text).toMatch(/\. — (Daily Post|City Wire|Stadtanzeiger)/);
      expect((story as { url?: string }).url).toBeUndefined();
    }
    expect(textOf(items[1])).toContain('Engineers closed the Harbor Bridge on Monday after finding cracks in two pillars. — Daily Post');
    // Singletons are plain items: no source line.
    for (const single of items.slice(3)) expect(textOf(single)).not.toContain('Sources:');

    // Next day: one new article on the bridge, with new facts.
    world.clock.set('2026-01-16T06:00:00Z');
    feed = [...EVENTS, anArticle('bridge-herald', 'Morning Herald', 'Harbor Bridge to reopen in March', ['The Harbor Bridge will reopen on 3 March, the city said.', 'Engineers closed the Harbor Bridge on Monday after finding cracks in two pillars.', 'The repairs will cost 12 million euros.'], -20)];
    const before = embeds.length;
    const [second] = await service.runNow(world.discord.guild.id, sub.id);
    expect(second?.status).toBe('posted');
    const next = postedEmbeds(world.discord, channel).slice(before);
    expect(next).toHaveLength(2);
    const update = textOf(next[1]);
    expect(next[1]?.title).toBe('Update: Harbor Bridge to reopen in March');
    expect(update).toContain('The Harbor Bridge will reopen on 3 March, the city said. — Morning Herald');
    expect(update).toContain('The repairs will cost 12 million euros. — Morning Herald');
    // Already posted: not repeated as if new.
    expect(update).not.toContain('Engineers closed');
    expect(update).toContain('Sources: [Morning Herald](https://');
    expect(update).not.toContain('Daily Post');

    // A third article only repeating what was posted: nothing new, nothing posted.
    world.clock.set('2026-01-17T06:00:00Z');
    feed = [...feed, anArticle('bridge-echo', 'Echo', 'Harbor Bridge reopens 3 March', ['The Harbor Bridge will reopen on 3 March.', 'Repairs cost 12 million euros.'], -44)];
    const [third] = await service.runNow(world.discord.guild.id, sub.id);
    expect(third?.status).toBe('nothing_new');
  });

  it('GIVEN a model THEN the whole digest is one generation, and a multi-source story is merged from its articles’ model summaries in the digest language, attributed, without repeating a fact', async () => {
    const world = await aWorld({ articles: 2, model: true, now: '2026-01-15T06:00:00Z' });
    const service = storyService(world, () => EVENTS);
    const channel = world.discord.channel('general').id;
    const sub = await service.subscribe({ guildId: world.discord.guild.id, channelId: channel, time: '08:00', timezone: 'UTC', language: 'de', length: 'short', createdBy: 'admin' });
    const calls = world.model?.calls.length ?? 0;
    await service.runNow(world.discord.guild.id, sub.id);
    expect((world.model?.calls.length ?? 0) - calls).toBe(1);
    const prompt = world.model?.calls.at(-1)?.messages.map((m) => m.content).join('\n') ?? '';
    for (const article of EVENTS) expect(prompt).toContain(`<article id="${article.id}">`);
    const [, acme] = postedEmbeds(world.discord, channel);
    const text = textOf(acme);
    // The recording model answers every article alike: the story says it once, from its first source.
    expect(text.match(/A short summary of the article\./g)).toHaveLength(1);
    expect(text).toContain('A short summary of the article. — Daily Post');
    expect(text).toContain('Quellen: [Daily Post](https://');
    expect(text.match(/\]\(https:\/\//g)).toHaveLength(3);
  });

  it('GIVEN a German digest THEN an update is labelled "Aktualisierung" and a story with more sources than shown ends in "+k weitere"', async () => {
    const many = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'].map((name, i) =>
      anArticle(`bridge-${name.toLowerCase()}`, `${name} News`, `Bridge news ${name}`, [`${name} News reports that the Harbor Bridge closed with ${i + 10} cracks.`], i + 1),
    );
    let feed = many;
    const world = await aWorld({ articles: 0, now: '2026-01-15T06:00:00Z' });
    const service = storyService(world, () => feed);
    const channel = world.discord.channel('general').id;
    const sub = await service.subscribe({ guildId: world.discord.guild.id, channelId: channel, time: '08:00', timezone: 'UTC', language: 'de', length: 'short', createdBy: 'admin' });
    await service.runNow(world.discord.guild.id, sub.id);
    const story = textOf(postedEmbeds(world.discord, channel)[1]);
    expect(story.match(/\]\(https:\/\//g)).toHaveLength(5);
    expect(story).toContain('Quellen: ');
    expect(story).toContain('+2 weitere');

    world.clock.set('2026-01-16T06:00:00Z');
    feed = [...many, anArticle('bridge-eight', 'Eight News', 'Bridge news Eight', ['Eight News reports that Governor Malik promised 50 million for repairs.'], -20)];
    const before = postedEmbeds(world.discord, channel).length;
    await service.runNow(world.discord.guild.id, sub.id);
    const update = postedEmbeds(world.discord, channel).slice(before)[1];
    expect(update?.title).toMatch(/^Aktualisierung: /);
  });
});
