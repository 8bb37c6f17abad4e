import { describe, expect, it } from 'vitest';
import { verdictOn, verdictOnAccess, verdictOnMembership } from '../../src/digests/post-failures.js';

describe('what delivery does about a failed post', () => {
  it.each([
    [{ kind: 'channel_gone', code: 10003 } as const, 'the channel no longer exists (Discord error 10003)', { code: 'channel_unknown' }],
    [{ kind: 'no_access', code: 50001 } as const, 'Herald lost access to the channel (Discord error 50001)', { code: 'channel_no_access' }],
    [{ kind: 'missing_permissions', code: 50013 } as const, 'Herald lacks a permission in the channel: it needs View Channel, Send Messages and Embed Links (Discord error 50013)', { code: 'channel_no_embeds' }],
    [{ kind: 'invalid', status: 400, code: 50035 } as const, 'Discord refused the digest message (HTTP 400, code 50035)', { code: 'discord_refused', params: { status: 400, code: '50035' } }],
  ])('GIVEN %o THEN the subscription pauses with the stored reason and note', (failure, reason, note) => {
    expect(verdictOn(failure)).toMatchObject({ action: 'pause', reason, note });
  });

  it.each([
    [{ kind: 'transient', status: 500, code: 0 } as const, 'Discord answered 500 (code 0)', { code: 'discord_error', params: { status: 500, code: '0' } }],
    [{ kind: 'transient', status: 503 } as const, 'Discord answered 503', { code: 'discord_status', params: { status: 503 } }],
    [{ kind: 'unreachable', cause: 'ECONNREFUSED' } as const, 'could not reach Discord (ECONNREFUSED)', { code: 'discord_unreachable', params: { error: 'ECONNREFUSED' } }],
  ])('GIVEN %o THEN the delivery is retried with the stored detail and note', (failure, detail, note) => {
    expect(verdictOn(failure)).toEqual({ action: 'retry', detail, note });
  });

  it.each([
    [{ status: 'left', code: 10007, guildName: 'News Club' } as const, { code: 'member_left', params: { guild: 'News Club' } }],
    [{ status: 'left', code: 10007 } as const, { code: 'member_left_unnamed' }],
    [{ status: 'guild_gone', code: 10004 } as const, { code: 'guild_left_unnamed' }],
    [{ status: 'guild_gone', code: 50001, guildName: 'News Club' } as const, { code: 'guild_left', params: { guild: 'News Club' } }],
  ])('GIVEN membership %o THEN the guild briefing pauses with that note', (membership, note) => {
    expect(verdictOnMembership(membership)).toMatchObject({ action: 'pause', code: membership.code, note });
  });

  it('GIVEN the member is still there THEN nothing stops the send; GIVEN no answer THEN a retry, even for a refusal', () => {
    expect(verdictOnMembership({ status: 'member' })).toBeUndefined();
    expect(verdictOnMembership({ status: 'unknown', failure: { kind: 'transient', status: 502 } })).toEqual({ action: 'retry', detail: 'Discord answered 502', note: { code: 'discord_status', params: { status: 502 } } });
    expect(verdictOnMembership({ status: 'unknown', failure: { kind: 'invalid', status: 400, code: 50035 } })).toEqual({
      action: 'retry',
      detail: 'the membership check was refused (HTTP 400, code 50035)',
      note: { code: 'discord_error', params: { status: 400, code: '50035' } },
    });
  });

  it('GIVEN the pre-post check finds permissions missing THEN it pauses naming them; when access is ok, nothing', () => {
    expect(verdictOnAccess({ ok: false, missing: ['Send Messages', 'Embed Links'] })).toEqual({
      action: 'pause',
      reason: 'Herald lacks Send Messages, Embed Links in the channel',
      note: { code: 'channel_lacks_permissions', params: { permissions: ['Send Messages', 'Embed Links'] } },
    });
    expect(verdictOnAccess({ ok: true })).toBeUndefined();
  });
});
