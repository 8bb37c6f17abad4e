import type { Guild } from 'discord.js';
import type { SummaryLength } from '../../briefing/types.js';
import type { DigestPreview, RunResult, SubscriptionStatus } from '../../digests/service.js';
import { MAX_SUBSCRIPTIONS_PER_GUILD, type DigestNote, type DigestNoteCode, type Subscription } from '../../digests/subscriptions.js';
import { userErrorText } from '../../failures.js';
import { groupWithin } from '../../grouping.js';
import { commandTextIn } from '../../i18n/commands.js';
import type { MessageKey, Translator } from '../../i18n/index.js';
import { formatLocalDateTime } from '../../time/slots.js';
import type { Choice } from '../autocomplete.js';
import type { CommandContext, Rendered } from '../command.js';
import { discordFormat } from '../failure-format.js';
import { asPlainText } from '../plain-text.js';
import { displayLanguage, renderPlain } from '../render.js';
import { LIMITS, truncate } from '../split.js';
import type { DigestRunItem, DigestSubscribed } from './guild.js';
import { DIGEST_COLOR, digestEmbeds, packEmbeds } from './messages.js';

/** What rendering needs from the command context: the reader's strings and locale. */
export type DigestReader = Pick<CommandContext, 't' | 'locale'>;

/** Catalog entry of each digest note code. */
const NOTE_KEYS: Readonly<Record<DigestNoteCode, MessageKey>> = {
  channel_unknown: 'digest_note_channel_unknown',
  channel_no_access: 'digest_note_channel_no_access',
  channel_no_embeds: 'digest_note_channel_no_embeds',
  channel_lacks_permissions: 'digest_note_channel_lacks_permissions',
  discord_refused: 'digest_note_discord_refused',
  discord_error: 'digest_note_discord_error',
  discord_status: 'digest_note_discord_status',
  discord_unreachable: 'digest_note_discord_unreachable',
  compose_failed: 'digest_note_compose_failed',
  gave_up: 'digest_note_gave_up',
  offline: 'digest_note_offline',
  store_unavailable: 'digest_note_store_unavailable',
  dms_closed: 'digest_note_dms_closed',
  member_left: 'digest_note_member_left',
  member_left_unnamed: 'digest_note_member_left_unnamed',
  guild_left: 'digest_note_guild_left',
  guild_left_unnamed: 'digest_note_guild_left_unnamed',
};

/** Discord's English permission names (as src/digests stores them) to their catalog keys. */
const PERMISSION_KEYS: Readonly<Record<string, MessageKey>> = {
  'View Channel': 'permission_view_channel',
  'Send Messages': 'permission_send_messages',
  'Embed Links': 'permission_embed_links',
};


/** `/digest subscribe`: what was set up and when the first digest comes. */
export function renderSubscribed({ subscription: s, firstRunAt }: DigestSubscribed, { t, locale }: DigestReader): Rendered {
  return renderPlain(
    t('digest_subscribed', {
      channel: `<#${s.channelId}>`,
      time: s.time,
      timezone: s.timezone,
      language: displayLanguage(s.language, locale),
      length: lengthName(s.length, locale),
      id: s.id,
      first: when(firstRunAt, s.timezone, locale),
    }),
  );
}

/** `/digest remove`. */
export function renderRemoved(s: Subscription, { t }: DigestReader): Rendered {
  return renderPlain(t('digest_removed', { id: s.id, channel: `<#${s.channelId}>`, time: s.time, timezone: s.timezone }));
}

/** `/digest preview`: the digest's own messages, introduced by a note that nothing was posted. */
export function renderDigestPreview(preview: DigestPreview, { t }: DigestReader): Rendered {
  if (!preview.digest) return renderPlain(t('digest_preview_nothing_new'));
  const note = preview.subscription ? t('digest_preview_of', { id: preview.subscription.id }) : t('digest_preview_first');
  const messages = packEmbeds(digestEmbeds(preview.digest)).map((embeds) => ({ embeds }));
  if (messages.length === 0) return renderPlain(note);
  return { messages: messages.map((message, index) => (index === 0 ? { content: note, ...message } : message)) };
}

/** `/digest list`: one field per subscription with its next and last run. */
export function renderDigestList(statuses: readonly SubscriptionStatus[], reader: DigestReader): Rendered {
  const { t, locale } = reader;
  if (statuses.length === 0) return renderPlain(t('digest_list_empty'));
  const fields = statuses.slice(0, LIMITS.fields).map(({ subscription: s, nextRunAt }) => {
    const lines = [`<#${s.channelId}> · ${displayLanguage(s.language, locale)} · ${lengthName(s.length, locale)}`];
    if (s.pausedReason) lines.push(t('digest_list_paused', { reason: noteText(s.pausedNote, s.pausedReason, t), id: s.id }));
    else if (nextRunAt) lines.push(t('digest_list_next', { when: when(nextRunAt, s.timezone, locale) }));
    lines.push(lastRun(s, reader));
    return { name: truncate(`${s.id} · ${s.time} ${s.timezone}`, LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  const title = t('digest_list_title', { count: statuses.length, max: MAX_SUBSCRIPTIONS_PER_GUILD });
  // 25 paused digests with long reasons overflow one embed's 6,000 characters: one embed per group.
  const groups = groupWithin(fields, (field) => field.name.length + field.value.length, { maxCount: LIMITS.fields, maxSize: LIMITS.embedTotal, firstOverhead: title.length });
  return { messages: groups.map((chunk, index) => ({ embeds: [{ ...(index === 0 ? { title } : {}), color: DIGEST_COLOR, fields: chunk }] })) };
}


/** `/digest run`: a line per subscription. */
export function renderRunReport(items: readonly DigestRunItem[], reader: DigestReader): Rendered {
  if (items.length === 0) return renderPlain(reader.t('digest_run_none'));
  return renderPlain(items.map((item) => runLine(item, reader)).join('\n'));
}

/** Choices for the `id` option: id, channel, time and language, filtered by id or channel name. */
export function subscriptionChoices(subscriptions: readonly Subscription[], guild: Guild | null, query: string): Choice[] {
  const wanted = query.trim().toLowerCase();
  return subscriptions
    .filter((s) => !wanted || s.id.includes(wanted) || channelName(guild, s.channelId).toLowerCase().includes(wanted))
    .slice(0, LIMITS.choices)
    .map((s) => ({ name: truncate(`${s.id} · #${channelName(guild, s.channelId)} · ${s.time} ${s.timezone} · ${s.language}`, LIMITS.choiceName), value: s.id }));
}

function runLine(item: DigestRunItem, reader: DigestReader): string {
  const { t } = reader;
  if (item.kind === 'refused') {
    return t('digest_run_blocked', { id: item.subscription.id, problem: userErrorText(item.problem, reader.locale, discordFormat(reader.locale)) });
  }
  const { subscription: s, outcome: o, status }: RunResult = item.result;
  const detail = (fallback: MessageKey) => noteText(o?.detailNote, o?.detail, t) ?? t(fallback);
  switch (status) {
    case 'posted':
      return t('digest_run_posted', { id: s.id, articles: o?.articles ?? 0, messages: o?.messages ?? 0, channel: `<#${s.channelId}>` });
    case 'nothing_new':
      return t('digest_run_nothing_new', { id: s.id });
    case 'paused':
      return t('digest_run_paused', { id: s.id, detail: detail('digest_run_paused_default') });
    case 'retrying':
      return t('digest_run_retrying', { id: s.id, detail: detail('digest_run_retrying_default') });
    case 'busy':
      return t('digest_run_busy', { id: s.id, channel: `<#${s.channelId}>` });
    case 'gone':
      return t('digest_run_gone', { id: s.id });
    case 'already':
      return t('digest_run_already', { id: s.id });
    case 'failed':
    case 'missed':
      return t('digest_run_failed', { id: s.id, detail: detail('digest_run_retrying_default') });
  }
}

/** The last outcome; its detail in the reader's language, or the stored English for records without a note. */
export function lastRun(s: Subscription, { t, locale }: DigestReader): string {
  const o = s.lastOutcome;
  if (!o) return t('digest_last_none');
  const at = formatLocalDateTime(new Date(o.at), s.timezone, locale);
  const text = noteText(o.detailNote, o.detail, t);
  const detail = text ? ` (${text})` : '';
  switch (o.status) {
    case 'posted':
      return t('digest_last_posted', { at, articles: o.articles ?? 0, messages: o.messages ?? 0 });
    case 'nothing_new':
      return t('digest_last_nothing_new', { at });
    case 'retrying':
      return t('digest_last_retrying', { at, detail });
    case 'failed':
      return t('digest_last_failed', { at, detail });
    case 'paused':
      return t('digest_last_paused', { at, detail });
    case 'missed':
      return t('digest_last_missed', { slot: o.slot.replace('T', ' ') });
  }
}

/**
 * A stored digest note in the reader's language; `english` (the stored plain text) when there is
 * no note, as in records written before notes existed, or its code is unknown (a newer Herald wrote it).
 */
export function noteText<T extends string | undefined>(note: DigestNote | undefined, english: T, t: Translator): string | T {
  const key = note && Object.hasOwn(NOTE_KEYS, note.code) ? NOTE_KEYS[note.code] : undefined;
  if (!note || !key) return english;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(note.params ?? {})) {
    // A server's name is its admins' text: shown as written, never as a masked link or markup.
    if (name === 'guild' && typeof value === 'string') params[name] = asPlainText(value);
    else params[name] = typeof value === 'string' || typeof value === 'number' ? value : value.map((item) => permissionName(item, t)).join(', ');
  }
  return t(key, params);
}

function permissionName(name: string, t: Translator): string {
  const key = PERMISSION_KEYS[name];
  return key ? t(key) : name;
}

/** A local date and time in the subscription's zone, plus a Discord relative timestamp. */
export function when(instant: Date, timezone: string, locale: string): string {
  return `${formatLocalDateTime(instant, timezone, locale)} (<t:${Math.floor(instant.getTime() / 1000)}:R>)`;
}

export function lengthName(length: SummaryLength, locale: string): string {
  return commandTextIn(`choice_${length}`, locale);
}

function channelName(guild: Guild | null, channelId: string): string {
  const channel = guild?.channels.cache.get(channelId);
  return channel && 'name' in channel ? channel.name : channelId;
}
