import { describe, expect, it } from 'vitest';
import { RESTEvents, type APIRequest, type ResponseLike } from 'discord.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import type { RecordedRequest } from '../fakes/fake-discord.js';
import { useHeraldInProcess } from '../support/herald-in-process.js';

/** 50 target languages × 2 articles: 100 different summaries, so every one needs the model. */
const LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'no', 'fi', 'cs', 'sk', 'sl', 'hr', 'hu', 'ro', 'bg', 'el',
  'tr', 'ru', 'uk', 'et', 'lv', 'lt', 'ga', 'mt', 'is', 'sq', 'mk', 'sr', 'bs', 'ca', 'eu', 'gl', 'cy', 'ja', 'ko', 'zh',
  'hi', 'bn', 'ar', 'he', 'fa', 'ur', 'id', 'ms', 'vi', 'th',
];
const IN_FLIGHT = 100;
/** Discord's global limit, which the fake enforces on everything but interaction endpoints. */
const GLOBAL_PER_SECOND = 50;
const CHANNELS = 60;
const NEVER = 600_000;
const EDIT = 'PATCH /webhooks/:appId/:token/messages/:messageId';
const POST = 'POST /channels/:channelId/messages';

/** Requests that arrived within one second of the first of them. */
const inFirstSecond = (requests: RecordedRequest[]) => {
  const first = Math.min(...requests.map((r) => r.at));
  return requests.filter((r) => r.at < first + 1000);
};

/** Resolves once `count` calls are waiting, so the test can let them all go at the same moment. */
function barrier(count: number): { arrive: () => Promise<void>; open: () => void; arrived: Promise<void> } {
  let waiting = 0;
  let open!: () => void;
  let allArrived!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));
  return {
    arrive: () => {
      waiting += 1;
      if (waiting === count) allArrived();
      return gate;
    },
    open,
    arrived,
  };
}

describe("answers to interactions are outside discord.js's global 50/s queue, as Discord exempts interaction endpoints", () => {
  const herald = useHeraldInProcess({
    discord: {
      rateLimit: { perSecond: GLOBAL_PER_SECOND },
      guilds: [{ channels: Array.from({ length: CHANNELS }, (_, i) => ({ name: `news-${i}` })) }],
    },
    bot: { responder: { deferAfterMs: NEVER } },
  });

  it('GIVEN 100 answers ready at once and 60 digest posts THEN the answers are not held to 50 a second while the posts still are', async () => {
    const models = barrier(IN_FLIGHT);
    herald.openai.setDefault(async (request) => {
      await models.arrive();
      const summary = 'A short summary of the article. It has two sentences.';
      return /<headline>the headline in /.test(request.text) ? `<headline>A translated headline</headline>\n\n${summary}` : summary;
    });
    const interactions = LANGUAGES.flatMap((language) =>
      ['ford-xiaomi', 'solar-boom'].map((article) => herald.discord.sendCommand('summarize', { article, length: 'short', language })),
    );
    await models.arrived;
    // The posts start a fresh second of discord.js's global budget (its start-up requests' second has
    // passed) against a full bucket at the fake, so a refusal means Herald went over 50 a second.
    const counted = herald.discord.requests.filter((r) => r.countedGlobally === true).map((r) => r.at);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.max(0, ...counted) + 1_100 - performance.now())));
    herald.discord.setGlobalRateLimit({ perSecond: GLOBAL_PER_SECOND });
    // Digests post through the same client meanwhile.
    const channel = discordDigestChannel({ rest: () => herald.bot.client.rest });
    models.open();
    const posted = await Promise.all(
      herald.discord.guild.channels
        .filter((c) => c.name?.startsWith('news-'))
        .map((c, i) => channel.post(c.id, { nonce: `digest-${i}`, content: `Digest ${i}`, allowed_mentions: { parse: [] } } as { nonce: string })),
    );
    for (const interaction of interactions) expect((await herald.done(interaction.id)).outcome).toBe('ok');
    herald.openai.setDefault('This is a fake completion.');

    expect(posted.filter((failure) => failure !== undefined)).toEqual([]);
    const edits = herald.discord.requestsTo(EDIT);
    expect(new Set(edits.map((r) => r.path.split('/')[3])).size).toBe(IN_FLIGHT);
    // Held to discord.js's 50 a second, the 51st edit would wait for the next second.
    expect(inFirstSecond(edits).length).toBeGreaterThan(GLOBAL_PER_SECOND);
    expect(edits.every((r) => !r.authorized && r.headers.authorization === undefined)).toBe(true);
    const posts = herald.discord.requestsTo(POST);
    expect(posts.map((r) => r.status)).toEqual(posts.map(() => 200));
    // 60 posts at once: without Herald's pacing the fake would refuse 10 of them (global_rate_limit).
    expect(posts).toHaveLength(CHANNELS);
    expect(posts.every((r) => r.authorized && r.countedGlobally === true)).toBe(true);
    // Both reached DISCORD_API_URL (the fake) as the same discord.js.
    expect(new Set([...edits, ...posts].map((r) => r.headers['user-agent']))).toEqual(new Set([posts[0]?.headers['user-agent']]));
    expect(herald.discord.violations).toEqual([]);
  });

  it('GIVEN a 429 on an interaction callback and on its answer edit THEN each is retried on its own route and the answer arrives once', async () => {
    const heard: string[] = [];
    const onResponse = (request: APIRequest, response: ResponseLike) => heard.push(`${request.method} ${response.status} ${request.path}`);
    herald.bot.client.rest.on(RESTEvents.Response, onResponse);
    const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'medium', language: 'de' });
    const callback = herald.discord.injectFault({ method: 'POST', path: `/interactions/${interaction.id}/${interaction.token}/callback` }, { kind: 'rateLimit', retryAfterMs: 100 });
    const edit = herald.discord.injectFault({ method: 'PATCH', path: new RegExp(`^/webhooks/\\d+/${interaction.token}/messages/`) }, { kind: 'rateLimit', retryAfterMs: 100 });
    expect((await herald.done(interaction.id)).outcome).toBe('ok');
    expect([callback.hits, edit.hits]).toEqual([1, 1]);
    const mine = herald.discord.requests.filter((r) => r.path.includes(interaction.token));
    expect(mine.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 429', 'POST 204', 'PATCH 429', 'PATCH 200']);
    expect(mine.every((r) => r.countedGlobally !== true)).toBe(true);
    expect(herald.discord.interaction(interaction.id).original).toBeDefined();
    // Listeners on client.rest still hear of them.
    herald.bot.client.rest.off(RESTEvents.Response, onResponse);
    const mineHeard = heard.filter((line) => line.includes(interaction.token)).map((line) => line.split(' ').slice(0, 2).join(' '));
    expect(mineHeard).toEqual(['POST 429', 'POST 204', 'PATCH 429', 'PATCH 200']);
  });
});
