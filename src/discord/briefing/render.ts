import type { BriefingStatus } from '../../digests/member-briefings.js';
import { MAX_BRIEFINGS_PER_MEMBER, type Subscription } from '../../digests/subscriptions.js';
import { translator } from '../../i18n/index.js';
import { nextSlot, parseTimeOfDay } from '../../time/slots.js';
import type { Rendered } from '../command.js';
import { displayLanguage, renderPlain } from '../render.js';
import { LIMITS, truncate } from '../split.js';
import { lastRun, lengthName, noteText, when, type DigestReader } from '../digest/render.js';
import { DIGEST_COLOR } from '../digest/messages.js';

/** `/briefing subscribe`: what was set up and when the first briefing comes. */
export function renderBriefingSubscribed(s: Subscription, { t, locale }: DigestReader): Rendered {
  const first = nextSlot(parseTimeOfDay(s.time), s.timezone, new Date(s.createdAt)).at;
  return renderPlain(
    t('briefing_subscribed', { id: s.id, time: s.time, timezone: s.timezone, language: displayLanguage(s.language, locale), length: lengthName(s.length, locale), first: when(first, s.timezone, locale) }),
  );
}

/** `/briefing remove`. */
export function renderBriefingRemoved(s: Subscription, { t }: DigestReader): Rendered {
  return renderPlain(t('briefing_removed', { id: s.id, time: s.time, timezone: s.timezone }));
}

/** `/briefing list`: one field per briefing (a member has at most a handful: one embed). */
export function renderBriefingList(statuses: readonly BriefingStatus[], reader: DigestReader): Rendered {
  const { t, locale } = reader;
  if (statuses.length === 0) return renderPlain(t('briefing_list_empty'));
  const fields = statuses.map(({ subscription: s, nextRunAt }) => {
    const lines = [`${displayLanguage(s.language, locale)} · ${lengthName(s.length, locale)}`];
    if (s.pausedReason) lines.push(t(pausedByMembership(s) ? 'briefing_list_paused_member' : 'briefing_list_paused', { reason: noteText(s.pausedNote, s.pausedReason, t), id: s.id }));
    else if (nextRunAt) lines.push(t('digest_list_next', { when: when(nextRunAt, s.timezone, locale) }));
    lines.push(lastRun(s, reader));
    return { name: truncate(`${s.id} · ${s.time} ${s.timezone}`, LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  return { messages: [{ embeds: [{ title: t('briefing_list_title', { count: statuses.length, max: MAX_BRIEFINGS_PER_MEMBER }), color: DIGEST_COLOR, fields }] }] };
}

/** The notice a member gets once after their briefing paused, in the briefing's language (the one they chose to read). */
export function pauseNoticeText(paused: readonly Subscription[]): string {
  return paused
    .map((s) => {
      const t = translator(s.language);
      return pausedByMembership(s) ? t('briefing_paused_notice_member', { id: s.id, reason: noteText(s.pausedNote, s.pausedReason, t) ?? '' }) : t('briefing_paused_notice', { id: s.id });
    })
    .join('\n');
}

/** Paused because the member or Herald left the guild it was subscribed in: DM settings do not fix it. */
function pausedByMembership(s: Subscription): boolean {
  const code = s.pausedNote?.code;
  return code === 'member_left' || code === 'member_left_unnamed' || code === 'guild_left' || code === 'guild_left_unnamed';
}
