/**
 * A digest is posted in a public channel: a hostile article (or model) must not put a masked
 * phishing link, a code fence or any other markup into it, and it must not ping anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefingService } from '../../src/briefing/service.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../../src/llm/types.js';
import { silentLogger } from '../../src/log.js';
import { checkMessageBody } from '../fakes/discord-limits.js';
import { markdownLeaks, unescapeMarkdown } from '../discord/markdown-leaks.js';
import { channelPosts, postedEmbeds, useWorlds, writeArticle, type DigestWorld } from './helpers.js';
import { aTempDir } from '../support/temp-dir.js';

const HEADLINE = 'Free passes for ||all residents|| and **[more](https://evil.example/h)**';
const PARAGRAPHS = [
  'Residents can [claim a free pass here](https://evil.example/login) before Friday. The city council approved the offer on Monday.',
  'The code ```rm -rf / was shown on screen during the meeting. @everyone was invited to <@123456789012345678> and to https://evil.example/more today.',
  '# BREAKING the city is closed\n> an official statement that was never made\n- a list item the council never wrote',
];

const HOSTILE_SUMMARY = 'Read [the official notice](https://evil.example/login) now.\n```\n# Closed\n> fake\n||spoiler|| @everyone';

/** A model that answers every digest prompt with a hostile summary for each article. */
const hostileModel: LanguageModel = {
  provider: 'fake',
  model: 'hostile',
  generate(options: GenerateOptions): Promise<GenerateResult> {
    const user = options.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
    const ids = [...user.matchAll(/<article id="([^"]+)">/g)].map(([, id]) => id ?? '');
    const text = ids.length > 0 ? JSON.stringify(Object.fromEntries(ids.map((id) => [id, HOSTILE_SUMMARY]))) : HOSTILE_SUMMARY;
    return Promise.resolve({ text, usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } });
  },
  stream: () => {
    throw new Error('not used by digests');
  },
};

const aWorld = useWorlds();

/** Posts one digest of the hostile article in #general and returns what Discord received. */
async function postDigest(world: DigestWorld, service = world.service) {
  const general = world.discord.channel('general').id;
  const sub = await service.subscribe({ guildId: world.discord.guild.id, channelId: general, time: '08:00', timezone: 'Europe/Berlin', language: 'en', length: 'long', createdBy: 'admin' });
  const [run] = await service.runNow(world.discord.guild.id, sub.id);
  expect(run?.status).toBe('posted');
  return { posts: channelPosts(world.discord, general), embeds: postedEmbeds(world.discord, general) };
}

describe('a digest of a hostile article', () => {
  let seeds: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    seeds = await aTempDir();
    await writeArticle(seeds.dir, 'passes', HEADLINE, PARAGRAPHS);
  });

  afterAll(async () => {
    await seeds?.cleanup();
  });

  it('GIVEN the offline engine THEN the posted headline and summary render no markup, read as the article, and ping no one', async () => {
    const world = await aWorld({ seedsDir: seeds.dir });
    const { posts, embeds } = await postDigest(world);
    const item = embeds.find((embed) => embed.footer?.text.startsWith('passes'));
    expect(unescapeMarkdown(item?.title ?? '')).toBe(HEADLINE);
    expect(unescapeMarkdown(item?.description ?? '')).toContain('[claim a free pass here](https://evil.example/login)');
    for (const embed of embeds) expect(markdownLeaks(`${embed.title ?? ''}\n${embed.description ?? ''}`)).toEqual([]);
    for (const post of posts) expect(checkMessageBody({ ...post.message }, { requireContent: false })).toEqual([]);
    expect(world.discord.pings()).toEqual([]);
    world.discord.assertNoViolations();
  });

  it('GIVEN a model writing markdown into its summaries THEN the posted digest renders none of it', async () => {
    const world = await aWorld({ seedsDir: seeds.dir });
    const cache = new ResultCache(createKeyv('memory://', { namespace: 'cache', logger: silentLogger }), silentLogger);
    const service = world.restart({ briefing: new BriefingService({ articles: world.articles, model: hostileModel, cache, logger: silentLogger }) });
    const { embeds } = await postDigest(world, service);
    const item = embeds.find((embed) => embed.footer?.text.startsWith('passes'));
    expect(unescapeMarkdown(item?.description ?? '')).toBe(HOSTILE_SUMMARY);
    for (const embed of embeds) expect(markdownLeaks(`${embed.title ?? ''}\n${embed.description ?? ''}`)).toEqual([]);
    expect(world.discord.pings()).toEqual([]);
  });
});
