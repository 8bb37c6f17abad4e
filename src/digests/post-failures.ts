import type { ChannelAccess, Membership, PostFailure } from './channel.js';
import type { DigestNote } from './subscriptions.js';

/** What delivery does about a failed post: pause the subscription, or try again later. */
export type FailureVerdict =
  | { action: 'pause'; reason: string; note: DigestNote; code?: number | string }
  | { action: 'retry'; detail: string; note: DigestNote };

/**
 * The verdict on a failed post, with the English for logs and old readers (`reason`/`detail`) and
 * the note `/digest list` words in the reader's language. Only a refusal no retry can fix pauses:
 * retrying those would fail for hours and then give up, while a pause shows the admin the fix.
 */
export function verdictOn(failure: PostFailure): FailureVerdict {
  switch (failure.kind) {
    case 'channel_gone':
      return pause(failure.code, `the channel no longer exists (Discord error ${failure.code})`, { code: 'channel_unknown' });
    case 'no_access':
      return pause(failure.code, `Herald lost access to the channel (Discord error ${failure.code})`, { code: 'channel_no_access' });
    case 'missing_permissions':
      return pause(failure.code, `Herald lacks a permission in the channel: it needs View Channel, Send Messages and Embed Links (Discord error ${failure.code})`, { code: 'channel_no_embeds' });
    case 'dms_closed':
      return pause(failure.code, `the member does not accept direct messages from Herald (Discord error ${failure.code})`, { code: 'dms_closed' });
    case 'invalid': {
      const { status, code } = failure;
      return pause(typeof code === 'number' ? code : status, `Discord refused the digest message (HTTP ${status}, code ${code})`, {
        code: 'discord_refused',
        params: { status, code: String(code) },
      });
    }
    case 'transient': {
      const { status, code } = failure;
      if (code === undefined) return { action: 'retry', detail: `Discord answered ${status}`, note: { code: 'discord_status', params: { status } } };
      return { action: 'retry', detail: `Discord answered ${status} (code ${code})`, note: { code: 'discord_error', params: { status, code: String(code) } } };
    }
    case 'unreachable':
      return { action: 'retry', detail: `could not reach Discord (${failure.cause})`, note: { code: 'discord_unreachable', params: { error: failure.cause } } };
  }
}

/** The pause for permissions the channel's pre-post check found missing; undefined when access is fine. */
export function verdictOnAccess(access: ChannelAccess): Extract<FailureVerdict, { action: 'pause' }> | undefined {
  if (access.ok) return undefined;
  return { action: 'pause', reason: `Herald lacks ${access.missing.join(', ')} in the channel`, note: { code: 'channel_lacks_permissions', params: { permissions: access.missing } } };
}

/**
 * The verdict on a membership check before a guild briefing: undefined to send it. Left or guild
 * gone pauses it (the guild's feeds are no longer the member's to read); no answer retries the
 * slot, never a send unchecked and never a pause on a guess.
 */
export function verdictOnMembership(membership: Membership): FailureVerdict | undefined {
  switch (membership.status) {
    case 'member':
      return undefined;
    case 'left': {
      const { code, guildName } = membership;
      return pause(code, `the member is no longer in ${guildName === undefined ? 'the guild' : 'guild ' + JSON.stringify(guildName)} (Discord error ${code})`, guildName === undefined ? { code: 'member_left_unnamed' } : { code: 'member_left', params: { guild: guildName } });
    }
    case 'guild_gone': {
      const { code, guildName } = membership;
      return pause(code, `Herald is no longer in the guild (Discord error ${code})`, guildName === undefined ? { code: 'guild_left_unnamed' } : { code: 'guild_left', params: { guild: guildName } });
    }
    case 'unknown': {
      const { failure } = membership;
      const verdict = verdictOn(failure);
      if (verdict.action === 'retry') return verdict;
      // A refusal that names neither the member nor the guild: the note must not blame the message.
      const status = 'status' in failure ? failure.status : 400;
      const code = String(verdict.code ?? '');
      return { action: 'retry', detail: `the membership check was refused (HTTP ${status}, code ${code})`, note: { code: 'discord_error', params: { status, code } } };
    }
  }
}

function pause(code: number | string, reason: string, note: DigestNote): FailureVerdict {
  return { action: 'pause', code, reason, note };
}
