import { describe, expect, it } from 'vitest';
import { renderDigestList, renderRunReport, renderSubscribed } from '../../src/discord/digest-render.js';
import type { Subscription } from '../../src/digests/subscriptions.js';
import { UserError } from '../../src/errors.js';
import { translator } from '../../src/i18n/index.js';

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
    const problem = new UserError('invalid_channel', 'Herald is missing **Embed Links** in <#42>.', { channel: '42', reason: 'missing', missing: ['Embed Links'] });
    const text = textOf(renderRunReport([{ kind: 'refused', subscription: aSubscription(), problem }], reader('de')));
    expect(text).toContain('⛔ `abc123`: Herald fehlt **Links einbetten** in <#42>.');
  });

  it('GIVEN nothing ran THEN it says so instead of sending an empty message', () => {
    expect(textOf(renderRunReport([], reader('en-US')))).toBe('No digest to run.');
  });
});
