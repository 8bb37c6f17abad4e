/**
 * Feed health notices on Discord: one plain message in each channel where the guild gets its
 * digests (the admins chose those for news), in that digest's language.
 */
import { createHash } from 'node:crypto';
import { MessageFlags, type Client } from 'discord.js';
import type { DigestService } from '../../digests/service.js';
import { translator } from '../../i18n/index.js';
import type { Logger } from '../../log.js';
import type { FeedHealthNotice, FeedHealthOutlet } from '../../sources/feed-health.js';
import { postMessage } from '../digest/channel.js';
import { asPlainText } from '../plain-text.js';
import { LIMITS, truncate } from '../split.js';
import { feedErrorText, feedName } from './feed-words.js';

export interface FeedHealthOutletDeps {
  digests: Pick<DigestService, 'list'>;
  /** The connected client, once READY. */
  client: () => Client<true> | undefined;
  /** Shard filter: only the shard serving a guild tells it. */
  ownsGuild: (guildId: string) => boolean;
  logger: Logger;
}

export function discordFeedHealthOutlet(deps: FeedHealthOutletDeps): FeedHealthOutlet {
  return {
    canTell: (guildId) => deps.client() !== undefined && deps.ownsGuild(guildId),
    async tell(guildId, notice) {
      const client = deps.client();
      if (!client) return;
      let channels: Map<string, string>;
      try {
        channels = digestChannels(await deps.digests.list(guildId));
      } catch (error) {
        deps.logger.warn({ err: error, guild: guildId, feed: notice.feed.url }, 'Could not read the digest channels to tell a server about its feed');
        return;
      }
      for (const [channelId, language] of channels) {
        const failure = await postMessage(client.rest, channelId, noticeMessage(notice, language, channelId));
        if (failure) {
          deps.logger.warn({ guild: guildId, channel: channelId, feed: notice.feed.url, failure: failure.kind }, 'Could not tell a server’s digest channel about its news feed');
        }
      }
    },
  };
}

/** Each digest channel once, with the language of its first digest. */
function digestChannels(statuses: readonly { subscription: { channelId: string; language: string } }[]): Map<string, string> {
  const channels = new Map<string, string>();
  for (const { subscription } of statuses) if (!channels.has(subscription.channelId)) channels.set(subscription.channelId, subscription.language);
  return channels;
}

/**
 * The notice as a message body: plain text (the feed's title escaped), no pings whatever the text
 * says, no link previews. The nonce makes a re-post within Discord's nonce window show once.
 */
function noticeMessage(notice: FeedHealthNotice, language: string, channelId: string) {
  const t = translator(language);
  const { feed } = notice;
  const params = { title: truncate(feedName(feed), 200), host: asPlainText(hostOf(feed.url)) };
  const content =
    notice.change === 'down'
      ? t('feed_health_down', { ...params, hours: notice.hours, error: feedErrorText(feed.lastError, t) })
      : t('feed_health_recovered', params);
  const outage = notice.change === 'down' ? feed.failingSince : feed.reportedDown;
  return {
    content: truncate(content, LIMITS.content),
    allowed_mentions: { parse: [] },
    flags: MessageFlags.SuppressEmbeds,
    nonce: createHash('sha256').update(`${feed.scope}|${feed.url}|${notice.change}|${outage ?? ''}|${channelId}`).digest('hex').slice(0, 25),
    enforce_nonce: true,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
