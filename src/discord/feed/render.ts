import { groupWithin } from '../../grouping.js';
import type { FeedRecord } from '../../sources/feed-store/types.js';
import { feedHandle, MAX_FEEDS_PER_GUILD, type FeedAdded } from '../../sources/guild-feeds.js';
import type { Choice } from '../autocomplete.js';
import type { CommandContext, Rendered } from '../command.js';
import { asPlainText } from '../plain-text.js';
import { renderPlain } from '../render.js';
import { feedErrorText, feedName } from './feed-words.js';
import { LIMITS, truncate } from '../split.js';

export type FeedReader = Pick<CommandContext, 't'>;

const FEED_COLOR = 0xf26522;

export function renderFeedAdded({ record, articles }: FeedAdded, { t }: FeedReader): Rendered {
  return renderPlain(t('feed_added', { title: truncate(feedName(record), 200), count: articles }));
}

export function renderFeedRemoved(record: FeedRecord, { t }: FeedReader): Rendered {
  return renderPlain(t('feed_removed', { title: truncate(feedName(record), 200) }));
}

/** `/feed list`: one field per feed with its address, last read, article count and last error. */
export function renderFeedList(records: readonly FeedRecord[], { t }: FeedReader): Rendered {
  if (records.length === 0) return renderPlain(t('feed_list_empty'));
  const fields = records.slice(0, MAX_FEEDS_PER_GUILD).map((record) => {
    const lines = [asPlainText(record.url)];
    lines.push(
      record.lastSuccess === undefined
        ? t('feed_list_never')
        : t('feed_list_ok', { when: `<t:${Math.floor(record.lastSuccess / 1000)}:R>`, count: record.itemCount }),
    );
    if (record.lastError) lines.push(t('feed_list_error', { error: feedErrorText(record.lastError, t) }));
    if (record.failingSince !== undefined) lines.push(t('feed_list_failing_since', { when: `<t:${Math.floor(record.failingSince / 1000)}:R>` }));
    return { name: truncate(feedName(record), LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  const title = t('feed_list_title', { count: records.length, max: MAX_FEEDS_PER_GUILD });
  const groups = groupWithin(fields, (field) => field.name.length + field.value.length, { maxCount: LIMITS.fields, maxSize: LIMITS.embedTotal, firstOverhead: title.length });
  return { messages: groups.map((chunk, index) => ({ embeds: [{ ...(index === 0 ? { title } : {}), color: FEED_COLOR, fields: chunk }] })) };
}

/** Choices for the `feed` option: title and address as name, a short handle (or the URL) as value. */
export function feedChoices(records: readonly FeedRecord[], query: string): Choice[] {
  const wanted = query.trim().toLowerCase();
  return records
    .filter((record) => wanted === '' || record.url.toLowerCase().includes(wanted) || (record.title ?? '').toLowerCase().includes(wanted))
    .slice(0, LIMITS.choices)
    .map((record) => ({
      name: truncate(`${(record.title?.trim() || record.url).replace(/\s+/g, ' ')}${record.title ? ` · ${record.url}` : ''}`, LIMITS.choiceName),
      value: record.url.length <= LIMITS.choiceValue ? record.url : feedHandle(record.url),
    }));
}
