import { describe, expect, it } from 'vitest';
import { discordFormat } from '../src/discord/failure-format.js';
import { StorageUnavailableError, UserError } from '../src/errors.js';
import { describeFailure } from '../src/failures.js';
import { plainFormat } from '../src/i18n/failure-texts.js';
import { LanguageModelError } from '../src/llm/types.js';
import { aRecordingLogger } from './support/logger.js';

/** One failure answered on Discord in `locale`, with what was logged. */
function onDiscord(error: unknown, locale = 'en-US') {
  const { logger, lines } = aRecordingLogger();
  const answer = describeFailure(error, { locale, format: discordFormat(locale), logger, failed: 'interaction failed' });
  return { answer, lines };
}

describe('describeFailure', () => {
  it('GIVEN an unexpected error THEN the apology quotes an error id that the error log line carries, with the stack', () => {
    const { answer, lines } = onDiscord(new TypeError('boom'), 'de');
    expect(answer.outcome).toBe('error');
    if (answer.outcome !== 'error') return;
    expect(answer.text).toContain(`Fehler-ID \`${answer.errorId}\``);
    const logged = lines.find((line) => line.msg === 'interaction failed');
    expect(logged).toMatchObject({ errorId: answer.errorId, err: { message: 'boom' } });
  });

  it('GIVEN an unexpected error on the console THEN the apology is plain and the log line has the extra fields', () => {
    const { logger, lines } = aRecordingLogger();
    const answer = describeFailure(new Error('boom'), { locale: 'en', format: plainFormat('en'), logger, failed: 'request failed', fields: { request: 'summarize' } });
    expect(answer.text).toMatch(/^Sorry, something went wrong while answering that \(error id \w+\)\.$/);
    expect(lines.find((line) => line.msg === 'request failed')).toMatchObject({ request: 'summarize' });
  });

  it('GIVEN a user error THEN its catalog text in the reader’s language, logged by code only', () => {
    const { answer, lines } = onDiscord(new UserError('cooldown', { seconds: 3 }), 'de');
    expect(answer).toMatchObject({ outcome: 'user_error', text: 'Du bist etwas schnell – versuche es in 3 Sekunden noch einmal.' });
    expect(lines.find((line) => line.msg === 'user error')).toMatchObject({ code: 'cooldown' });
  });

  it('GIVEN a store outage THEN "storage unavailable", never an apology, while the log keeps what failed', () => {
    const error = new StorageUnavailableError('the digest store did not save sub:abc');
    expect(error.message).toBe('the digest store did not save sub:abc');
    expect(onDiscord(error).answer).toMatchObject({ outcome: 'user_error', text: expect.stringContaining('storage is unavailable') as unknown });
  });

  it.each([
    ['rate_limited', 'busy right now'],
    ['timeout', 'not available right now'],
  ] as const)('GIVEN a model failure (%s) that escaped the briefing service THEN the user is told about the model, not apologized to', (kind, words) => {
    const { answer } = onDiscord(new LanguageModelError('Herald is restarting', kind));
    expect(answer.outcome).toBe('user_error');
    expect(answer.text).toContain(words);
  });
});

describe('UserError', () => {
  it('GIVEN a code and its params THEN the message is the English catalog text, for logs', () => {
    expect(new UserError('invalid_time', { input: '25:00' }).message).toBe('“25:00” is not a time of day. Use 24-hour HH:MM like 08:00 or 20:30, or 8am / 8 pm.');
  });

  it('GIVEN typed input with control characters THEN the message (a log line) carries none', () => {
    const { message } = new UserError('subscription_not_found', { input: 'a\u001B[2Jb\u0000c' });
    expect(message).not.toContain('\u0000');
    expect(message).not.toContain('\u001B');
  });
});
