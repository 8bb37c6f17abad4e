/**
 * /digest subcommands as a server admin sends them through the fake Discord, for the e2e suites
 * that break Herald's store, and what "storage unavailable" reads like in each catalog.
 */
import { expect } from 'vitest';
import type { FakeDiscord } from '../fakes/fake-discord.js';
import { shownText, waitForFinalAnswer } from '../support/herald-process.js';

/** The storage-unavailable answer per client locale (src/i18n catalogs). */
export const STORAGE_UNAVAILABLE: Readonly<Record<'en-US' | 'de', RegExp>> = {
  'en-US': /storage is unavailable right now, so nothing was changed\. Please try again in a minute/,
  de: /Speicher ist gerade nicht verfügbar, daher wurde nichts geändert/,
};

/** The apology for an unexpected error, in either language: a store outage must never read like one. */
export const APOLOGY = /error id|Fehler-ID|went wrong|schiefgelaufen/i;

let times = 0;

/**
 * Sends `/digest <sub>` as the admin and returns the text of the final answer. Subscriptions go to
 * #general at a new time each call, so two subscribes are never refused as duplicates.
 */
export async function digestCommand(discord: FakeDiscord, sub: 'subscribe' | 'list' | 'run', locale = 'en-US'): Promise<string> {
  const options: Record<string, string> =
    sub === 'subscribe' ? { channel: discord.channel('general').id, time: `0${times++ % 10}:15`, timezone: 'UTC' } : {};
  const interaction = discord.sendCommand(`digest ${sub}`, options, { userId: discord.people.admin.id, locale });
  return shownText(await waitForFinalAnswer(discord, interaction.id, (messages) => shownText(messages).trim() !== ''));
}

/** Asserts that `/digest subscribe`, `list` and `run` all answer "storage unavailable" in `locale`. */
export async function expectStorageRefusals(discord: FakeDiscord, locale: 'en-US' | 'de'): Promise<void> {
  for (const sub of ['subscribe', 'list', 'run'] as const) {
    const answer = await digestCommand(discord, sub, locale);
    expect(answer, `/digest ${sub} (${locale})`).toMatch(STORAGE_UNAVAILABLE[locale]);
    expect(answer, `/digest ${sub} (${locale})`).not.toMatch(APOLOGY);
  }
}

/** Log lines (pino JSON) of `output` whose message matches `msg`. */
export function logLines(output: string, msg: RegExp): { level: number; msg: string; reason?: string }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; reason?: string })
    .filter((line) => msg.test(line.msg));
}
