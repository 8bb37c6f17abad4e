/** /feed list words every stored error code plainly, in English and German; no code shows raw. */
import { describe, expect, it } from 'vitest';
import { renderFeedList } from '../../src/discord/feed/render.js';
import { translator } from '../../src/i18n/index.js';
import type { FeedRecord } from '../../src/sources/feed-store/types.js';

function aFailingFeed(lastError: string): FeedRecord {
  return { url: 'https://news.example/rss.xml', scope: '1', title: 'News', failures: 3, itemCount: 4, addedAt: 0, lastSuccess: 1_000_000, lastError, failingSince: 2_000_000 };
}

function shown(record: FeedRecord, locale: string): string {
  const [message] = renderFeedList([record], { t: translator(locale) }).messages;
  return JSON.stringify(message?.embeds?.[0]?.fields);
}

describe('/feed list error words', () => {
  it.each([
    ['not_found', 'the feed was not found (404)', 'der Feed wurde nicht gefunden'],
    ['timeout', 'did not answer in time', 'nicht rechtzeitig geantwortet'],
    ['certificate', 'HTTPS certificate is not trusted', 'HTTPS-Zertifikat'],
    ['too_large', 'larger than Herald reads', 'größer, als Herald liest'],
    ['redirect_loop', 'redirects in a loop or too many times', 'Weiterleitungen'],
    ['too_many_redirects', 'redirects in a loop or too many times', 'Weiterleitungen'],
    ['http_error', 'the site answered with an error', 'mit einem Fehler geantwortet'],
    ['not_a_feed', 'no longer gives an RSS, Atom or JSON feed', 'keinen RSS-, Atom- oder JSON-Feed mehr'],
    ['rate_limited', 'asked Herald to slow down', 'seltener abzurufen'],
    ['network', 'could not be reached', 'nicht erreichbar'],
  ])('GIVEN last error %s THEN "%s" (de: "%s"), the count and since when', (code, english, german) => {
    const en = shown(aFailingFeed(code), 'en-US');
    expect(en).toContain(english);
    expect(en).toContain('Last read <t:1000:R> · 4 articles');
    expect(en).toContain('Failing since <t:2000:R>');
    expect(shown(aFailingFeed(code), 'de')).toContain(german);
  });
});
