import type { Membership } from './channel.js';

/** How long an answer is reused: one slot's fan-out, not the next day's. */
export const MEMBERSHIP_TTL_MS = 10 * 60_000;
/** Answers remembered at most (the oldest go first): a 10,000-member fan-out fits twice. */
const MAX_REMEMBERED = 20_000;

/**
 * Remembers the platform's membership answers per (guild, member) for a few minutes, so a member's
 * several briefings in one slot, and a retried post, cost one request. Lookups for the same pair in
 * flight share one request. `unknown` (the platform did not answer) is never remembered: the
 * retry must ask again.
 */
export function cachedMembership(
  ask: (guildId: string, userId: string) => Promise<Membership>,
  now: () => number,
  ttlMs = MEMBERSHIP_TTL_MS,
): (guildId: string, userId: string) => Promise<Membership> {
  const answers = new Map<string, { at: number; answer: Promise<Membership> }>();
  return (guildId, userId) => {
    const key = `${guildId}|${userId}`;
    const known = answers.get(key);
    if (known && now() - known.at < ttlMs) return known.answer;
    answers.delete(key);
    const answer = ask(guildId, userId);
    if (answers.size >= MAX_REMEMBERED) answers.delete(answers.keys().next().value ?? '');
    answers.set(key, { at: now(), answer });
    void answer.then(
      (m) => {
        if (m.status === 'unknown' && answers.get(key)?.answer === answer) answers.delete(key);
      },
      () => answers.delete(key),
    );
    return answer;
  };
}
