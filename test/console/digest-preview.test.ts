import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Keyv from 'keyv';
import { createDigestService } from '../../src/digests/service.js';
import { discordDigestChannel } from '../../src/discord/digest/channel.js';
import { digestEmbeds } from '../../src/discord/digest/messages.js';
import { asShownByDiscord } from '../../src/discord/plain-text.js';
import { silentLogger } from '../../src/log.js';
import { closeTestServers } from '../sources/fetch/helpers.js';
import { SINGLE_HEADLINES, startStorySites } from '../support/story-feeds.js';
import { answer, inProcessConsole, seedsWith, type InProcessConsole } from './helpers.js';

describe('console digest preview', () => {
  let herald: InProcessConsole;
  beforeAll(async () => {
    herald = await inProcessConsole({ SEEDS_DIR: seedsWith(7) });
  });
  afterAll(async () => herald.close());

  it('GIVEN "digest preview" THEN prints every part of the first digest the scheduler would post, and posts nothing', async () => {
    const { code, text } = await answer(herald, 'digest preview');
    expect(code).toBe(0);
    // What the scheduler's own composition gives for a server without subscriptions.
    const digests = createDigestService({
      store: new Keyv(),
      articles: herald.herald.articles,
      briefing: herald.herald.briefing,
      channel: discordDigestChannel({
        rest: () => {
          throw new Error('a preview posts nothing');
        },
      }),
      logger: silentLogger,
    });
    const preview = await digests.preview('console', { language: 'en', length: 'short' });
    expect(preview.digest?.items.map((item) => item.articleId)).toEqual(['n07', 'n06', 'n05', 'n04', 'n03']);
    for (const embed of digestEmbeds(preview.digest!)) {
      if (embed.title) expect(text).toContain(asShownByDiscord(embed.title));
      for (const line of (embed.description ?? '').split('\n')) expect(text).toContain(asShownByDiscord(line));
      if (embed.footer) expect(text).toContain(asShownByDiscord(embed.footer.text));
    }
    expect(text).not.toContain('n02');
    expect(text).toMatch(/not posted/u);
  });

  it('GIVEN the language and length in slash syntax, English words or German words THEN all ask for the same preview', async () => {
    const slash = await answer(herald, '/digest preview language:de length:long');
    const english = await answer(herald, 'digest preview in german long');
    const german = await answer(herald, 'Digest Vorschau auf Deutsch lang');
    expect(slash.code).toBe(0);
    // The header date is written in the digest's language.
    expect(slash.text).toMatch(/(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)/u);
    expect(english.text).toBe(slash.text);
    expect(german.text).toBe(slash.text);
  });

  it('GIVEN a length typo or an unknown language THEN says so as for the other commands', async () => {
    expect((await answer(herald, 'digest preview shrt')).text).toContain('Did you mean “digest preview short”?');
    const unknown = await answer(herald, 'digest preview in klingonish');
    expect(unknown.code).toBe(1);
    expect(unknown.text).toContain('klingonish');
  });

  it('GIVEN "help" THEN the help names the digest preview', async () => {
    expect((await answer(herald, 'help')).text).toContain('digest preview');
  });
});

describe('console digest preview without articles', () => {
  it('GIVEN an empty seeds folder THEN says there is nothing to post yet', async () => {
    const herald = await inProcessConsole({ SEEDS_DIR: seedsWith(0) });
    try {
      const { code, text } = await answer(herald, 'digest preview');
      expect(code).toBe(0);
      expect(text).toMatch(/no articles/iu);
    } finally {
      await herald.close();
    }
  });
});

describe('console digest preview of feeds', () => {
  afterAll(closeTestServers);

  it('GIVEN three feeds reporting three events in their own words (one in German) and two single reports THEN the preview groups them as the bot would: five items, each event citing its three sites', async () => {
    const sites = await startStorySites(Date.now());
    const herald = await inProcessConsole({ SEEDS_DIR: seedsWith(0), LLM_PROVIDER: 'offline', ALLOW_PRIVATE_NETWORKS: 'true', FEEDS: sites.map((site) => site.feedUrl).join(',') });
    try {
      const { code, text } = await answer(herald, 'digest preview');
      expect(code).toBe(0);
      // Before the first "# " the preview's own line, then the digest header, then one block per item.
      const items = text.split('\n# ').slice(2);
      expect(items).toHaveLength(5);
      for (const story of items.slice(0, 3)) {
        for (const site of ['Harbour Times', 'City Wire', 'Stadtkurier']) expect(story).toContain(`[${site}](http://127.0.0.1:`);
        expect(story).toMatch(/\. — (Harbour Times|City Wire|Stadtkurier)/);
      }
      expect(items.slice(3).map((item) => item.split('\n')[0])).toEqual([SINGLE_HEADLINES.cupFinal, SINGLE_HEADLINES.museum]);
      expect(text).toMatch(/not posted/u);
    } finally {
      await herald.close();
    }
  });
});

describe('console digest preview of the shipped article', () => {
  let herald: InProcessConsole;
  beforeAll(async () => {
    herald = await inProcessConsole({});
  });
  afterAll(async () => herald.close());

  it('GIVEN article text with characters Discord would read as markup THEN the preview shows them as Discord does, without the escaping backslashes', async () => {
    const { code, text } = await answer(herald, 'digest preview de');
    expect(code).toBe(0);
    expect(text).toContain('Elektronik- und Smartphone-Hersteller');
    expect(text).not.toContain('\\');
  });
});

