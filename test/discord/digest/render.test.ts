import { describe, expect, it } from 'vitest';
import { renderDigestList, renderRunReport, renderSubscribed } from '../../../src/discord/digest/render.js';
import type { Subscription } from '../../../src/digests/subscriptions.js';
import { UserError } from '../../../src/errors.js';
import { translator } from '../../../src/i18n/index.js';

function aSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return { id: 'abc123', guildId: 'g1', channelId: '42', time: '08:00', timezone: 'Europe/Berlin', language: 'de', length: 'short', createdBy: 'u1', createdAt: Date.parse('2026-01-14T12:00:00Z'), ...overrides };
}

const reader = (locale: string) => ({ t: translator(locale), locale });
const textOf = (rendered: { messages: { content?: string; embeds?: { title?: string; fields?: { name: string; value: string }[] }[] }[] }) =>
  rendered.messages.map((m) => [m.content ?? '', ...(m.embeds ?? []).flatMap((e) => [e.title ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n')).join('\n');

describe('digest rendering', () => {
  it('GIVEN a new subscription for a German admin THEN time, language, length and the first run are in German', () => {
    const text = textOf(renderSubscribed({ subscription: aSubscription(), firstRunAt: new Date('2026-01-15T07:00:00Z') }, reader('de')));
    expect(text).toContain('<#42> bekommt täglich um **08:00 Europe/Berlin** eine Übersicht auf Deutsch (kurz). ID: `abc123`.');
    expect(text).toContain('<t:1768460400:R>');
  });

  it('GIVEN a posted last run THEN the list shows the counts in the reader’s language', () => {
    const sub = aSubscription({ lastOutcome: { status: 'posted', slot: '2026-01-14T08:00', at: Date.parse('2026-01-14T07:00:05Z'), articles: 4, messages: 1 } });
    const statuses = [{ subscription: sub, nextRunAt: new Date('2026-01-15T07:00:00Z') }];
    expect(textOf(renderDigestList(statuses, reader('de')))).toContain('4 Artikel in 1 Nachrichten gepostet');
    expect(textOf(renderDigestList(statuses, reader('de')))).toContain('Übersichten (1/25)');
    expect(textOf(renderDigestList(statuses, reader('en-US')))).toContain('posted 4 articles in 1 messages');
  });

  it('GIVEN a run refused for a channel problem THEN the line names the subscription and the localized reason', () => {
    const problem = new UserError('invalid_channel', { channel: '42', reason: 'missing', missing: ['Embed Links'] });
    const text = textOf(renderRunReport([{ kind: 'refused', subscription: aSubscription(), problem }], reader('de')));
    expect(text).toContain('⛔ `abc123`: Herald fehlt **Links einbetten** in <#42>.');
  });

  it('GIVEN a run while another Herald process posts the same subscription THEN the line says a digest is being posted, in the reader’s language', () => {
    const busy = [{ kind: 'ran' as const, result: { subscription: aSubscription(), status: 'busy' as const } }];
    expect(textOf(renderRunReport(busy, reader('en-US')))).toBe('⏳ `abc123`: a digest is being posted right now; it appears in <#42> in a moment.');
    expect(textOf(renderRunReport(busy, reader('de')))).toBe('⏳ `abc123`: Gerade wird eine Übersicht gepostet; sie erscheint gleich in <#42>.');
  });

  it('GIVEN a run that finds its subscription removed, its slot just posted, or its delivery given up THEN the line says so in the reader’s language, without status codes', () => {
    const run = (status: 'gone' | 'already' | 'failed', locale: string) =>
      textOf(renderRunReport([{ kind: 'ran', result: { subscription: aSubscription(), status } }], reader(locale)));
    expect(run('gone', 'en-US')).toBe('➖ `abc123`: removed meanwhile; nothing posted.');
    expect(run('gone', 'de')).toBe('➖ `abc123`: inzwischen entfernt; nichts gepostet.');
    expect(run('already', 'en-US')).toBe('➖ `abc123`: this digest was posted a moment ago; nothing posted again.');
    expect(run('already', 'de')).toBe('➖ `abc123`: diese Übersicht wurde eben gepostet; nichts erneut gepostet.');
    expect(run('failed', 'en-US')).toBe('❌ `abc123`: not delivered (error).');
    expect(run('failed', 'de')).toBe('❌ `abc123`: nicht zugestellt (Fehler).');
  });

  it('GIVEN a paused subscription with a note THEN /digest list words the reason and the last run in the reader’s language', () => {
    const sub = aSubscription({
      pausedReason: 'Herald lacks Embed Links in the channel',
      pausedNote: { code: 'channel_lacks_permissions', params: { permissions: ['Embed Links'] } },
      lastOutcome: { status: 'paused', slot: '2026-01-14T08:00', at: Date.parse('2026-01-14T07:00:05Z'), detail: 'Herald lacks Embed Links in the channel', detailNote: { code: 'channel_lacks_permissions', params: { permissions: ['Embed Links'] } } },
    });
    const german = textOf(renderDigestList([{ subscription: sub, nextRunAt: undefined }], reader('de')));
    expect(german).toContain('⏸️ Pausiert: Herald fehlt im Kanal Links einbetten.');
    expect(german).toContain('von Discord abgelehnt (Herald fehlt im Kanal Links einbetten)');
    expect(german).not.toContain('lacks');
    const english = textOf(renderDigestList([{ subscription: sub, nextRunAt: undefined }], reader('en-US')));
    expect(english).toContain('⏸️ Paused: Herald lacks Embed Links in the channel.');
  });

  it.each([
    [{ code: 'discord_status', params: { status: 503 } }, 'Discord antwortete mit 503'],
    [{ code: 'discord_unreachable', params: { error: 'ECONNRESET' } }, 'Discord war nicht erreichbar (ECONNRESET)'],
    [{ code: 'compose_failed', params: { error: 'TimeoutError' } }, 'die Zusammenfassungen konnten nicht geschrieben werden (TimeoutError)'],
  ] as const)('GIVEN a retrying last run with note %o THEN a German reader gets it in German', (note, german) => {
    const sub = aSubscription({ lastOutcome: { status: 'retrying', slot: '2026-01-14T08:00', at: Date.parse('2026-01-14T07:00:05Z'), detail: 'English detail', detailNote: note } });
    const text = textOf(renderDigestList([{ subscription: sub, nextRunAt: new Date('2026-01-14T07:01:00Z') }], reader('de')));
    expect(text).toContain(`wird automatisch wiederholt (${german})`);
    expect(text).not.toContain('English detail');
  });

  it('GIVEN a failed last run that gave up THEN the attempts are in the reader’s language', () => {
    const sub = aSubscription({ lastOutcome: { status: 'failed', slot: '2026-01-14T08:00', at: Date.parse('2026-01-14T19:30:00Z'), detail: 'gave up after 9 failed attempts', detailNote: { code: 'gave_up', params: { attempts: 9 } } } });
    expect(textOf(renderDigestList([{ subscription: sub, nextRunAt: undefined }], reader('de')))).toContain('fehlgeschlagen (nach 9 Fehlversuchen aufgegeben)');
  });

  it('GIVEN an old record without notes, or a note code this Herald does not know THEN the stored English is shown', () => {
    const old = aSubscription({
      pausedReason: 'the channel no longer exists (Discord error 10003)',
      lastOutcome: { status: 'paused', slot: '2026-01-14T08:00', at: Date.parse('2026-01-14T07:00:05Z'), detail: 'the channel no longer exists (Discord error 10003)' },
    });
    const text = textOf(renderDigestList([{ subscription: old, nextRunAt: undefined }], reader('de')));
    expect(text).toContain('⏸️ Pausiert: the channel no longer exists (Discord error 10003).');
    const unknown = { code: 'from_the_future', params: {} } as unknown as NonNullable<Subscription['pausedNote']>;
    const newer = aSubscription({ pausedReason: 'something new', pausedNote: unknown });
    expect(textOf(renderDigestList([{ subscription: newer, nextRunAt: undefined }], reader('de')))).toContain('Pausiert: something new.');
  });

  it('GIVEN a manual run that paused THEN the run line gives the reason in the reader’s language', () => {
    const sub = aSubscription();
    const outcome = { status: 'paused' as const, slot: 'run:2026-01-14T07:00:00.000Z', at: 0, detail: 'Herald lost access to the channel (Discord error 50001)', detailNote: { code: 'channel_no_access' as const } };
    const text = textOf(renderRunReport([{ kind: 'ran', result: { subscription: sub, status: 'paused', outcome } }], reader('de')));
    expect(text).toBe('⏸️ `abc123`: pausiert, Herald hat keinen Zugriff mehr auf den Kanal (Discord-Fehler 50001).');
  });

  it('GIVEN nothing ran THEN it says so instead of sending an empty message', () => {
    expect(textOf(renderRunReport([], reader('en-US')))).toBe('No digest to run.');
  });
});
