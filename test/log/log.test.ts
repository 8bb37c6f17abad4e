import { describe, expect, it } from 'vitest';
import { createLogger, newRequestId, redactText, requestLogger, withRequestContext } from '../../src/log.js';

/** A destination that keeps every line pino writes. */
function captureStream() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) }, text: () => lines.join('') };
}

// Shaped like real credentials, so shape-based redaction is exercised too.
const DISCORD_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const OPENAI_API_KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuv';
// Shaped like nothing in particular: only exact-value redaction can catch these.
const PLAIN_TOKEN = 'plain-secret-token-value';
const PLAIN_KEY = 'plain-secret-api-key';

describe('createLogger redaction', () => {
  it('GIVEN a config object with secrets logged at several depths THEN no line contains a secret', () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream, secrets: [PLAIN_TOKEN, PLAIN_KEY], level: 'debug' });
    const config = { DISCORD_TOKEN: PLAIN_TOKEN, OPENAI_API_KEY: PLAIN_KEY, LOG_LEVEL: 'debug', STORE_URL: 'memory://' };

    logger.info(config, 'config as the merge object');
    logger.info({ config }, 'config nested once');
    logger.info({ deep: { deeper: { config } } }, 'config nested deeply');
    logger.child({ config }).info('config in child bindings');
    logger.info(`config interpolated: ${JSON.stringify(config)}`);

    const text = capture.text();
    expect(capture.lines).toHaveLength(5);
    expect(text).not.toContain(PLAIN_TOKEN);
    expect(text).not.toContain(PLAIN_KEY);
    expect(text).toContain('[redacted]');
    expect(text).toContain('"LOG_LEVEL":"debug"');
  });

  it('GIVEN an Error whose message and stack contain the token THEN the token is scrubbed from the line', () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream, secrets: [PLAIN_TOKEN] });
    const error = new Error(`401 Unauthorized for token ${PLAIN_TOKEN}`);

    logger.error(error);
    logger.error({ err: error, requestId: 'r1' }, 'login failed');
    logger.error({ err: new Error('outer', { cause: error }) }, 'with cause');

    const text = capture.text();
    expect(text).not.toContain(PLAIN_TOKEN);
    expect(text).toContain('401 Unauthorized for token [redacted]');
  });

  it('GIVEN no secrets list THEN config keys are still redacted by path and token-shaped values by shape', () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream });

    logger.info({ config: { DISCORD_TOKEN: PLAIN_TOKEN, OPENAI_API_KEY: PLAIN_KEY } }, 'config');
    logger.warn(`rest call failed with Authorization: Bot ${DISCORD_TOKEN}`);
    logger.warn(new Error(`provider said: invalid key ${OPENAI_API_KEY}`));
    logger.info({ headers: { authorization: `Bearer ${PLAIN_KEY}` } }, 'request');

    const text = capture.text();
    for (const secret of [PLAIN_TOKEN, PLAIN_KEY, DISCORD_TOKEN, OPENAI_API_KEY]) expect(text).not.toContain(secret);
  });

  it('GIVEN a Redis URL with a password THEN the password is removed and the host kept', () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream });

    logger.warn({ store: 'redis://:hunter2pass@cache:6379/0' }, 'store failing');
    logger.warn('connect to redis://herald:s3cr3t@redis:6379 refused');

    const text = capture.text();
    expect(text).not.toContain('hunter2pass');
    expect(text).not.toContain('s3cr3t');
    expect(text).toContain('redis://[redacted]@cache:6379/0');
  });

  it('GIVEN a secret containing JSON-escaped characters THEN its escaped spelling is scrubbed too', () => {
    const capture = captureStream();
    const secret = 'quote"and\\backslash-secret';
    const logger = createLogger({ destination: capture.stream, secrets: [secret] });

    logger.info({ value: secret }, 'odd secret');

    expect(capture.text()).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(capture.text()).toContain('[redacted]');
  });

  it('GIVEN pretty output THEN lines are readable text and still redacted', () => {
    const capture = captureStream();
    const logger = createLogger({ destination: capture.stream, pretty: true, secrets: [PLAIN_TOKEN] });

    logger.info({ token: PLAIN_TOKEN, other: PLAIN_TOKEN }, `hello ${PLAIN_TOKEN}`);

    expect(capture.text()).toMatch(/INFO.*hello \[redacted\]/);
    expect(capture.text()).not.toContain(PLAIN_TOKEN);
    expect(capture.text().trimStart().startsWith('{')).toBe(false);
  });

  it('GIVEN a JSON logger THEN each line is one JSON object with an ISO time', () => {
    const capture = captureStream();
    createLogger({ destination: capture.stream }).info({ a: 1 }, 'hi');

    const line = JSON.parse(capture.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'hi', a: 1 });
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
  });
});

describe('requestLogger', () => {
  it('GIVEN an interaction context THEN every line carries command, guild, user and request id', () => {
    const capture = captureStream();
    const logger = requestLogger(createLogger({ destination: capture.stream }), {
      command: 'summarize',
      guildId: '123456789012345678',
      userId: '876543210987654321',
      requestId: 'abc123',
    });

    logger.info('start');
    logger.child({ step: 'model' }).warn('slow');

    for (const raw of capture.lines) {
      expect(JSON.parse(raw)).toMatchObject({
        command: 'summarize',
        guild: '123456789012345678',
        user: '876543210987654321',
        requestId: 'abc123',
      });
    }
  });

  it('GIVEN a DM without request id THEN guild is "dm" and a request id is generated', () => {
    const capture = captureStream();
    requestLogger(createLogger({ destination: capture.stream }), { command: 'dm:help', userId: '1' }).info('x');

    const line = JSON.parse(capture.lines[0]!) as Record<string, unknown>;
    expect(line.guild).toBe('dm');
    expect(line.requestId).toMatch(/^[0-9a-f]{8}$/);
    expect(newRequestId()).not.toBe(newRequestId());
  });
});

describe('withRequestContext', () => {
  it('GIVEN a service logger used while answering a request THEN its lines carry the request, once', async () => {
    const capture = captureStream();
    const root = createLogger({ destination: capture.stream });
    const service = root.child({ module: 'briefing' });
    const context = { command: 'summarize', guildId: '42', userId: '7', requestId: 'req-1' };

    await withRequestContext(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      service.warn('model call failed; retrying');
      requestLogger(root, context).info('answered');
    });
    service.info('outside any request');

    const [inside, bound, outside] = capture.lines.map((raw) => raw);
    expect(JSON.parse(inside!)).toMatchObject({ module: 'briefing', command: 'summarize', guild: '42', user: '7', requestId: 'req-1' });
    expect(bound!.match(/"requestId"/g)).toHaveLength(1);
    expect(JSON.parse(outside!)).not.toHaveProperty('requestId');
  });
});

describe('redactText', () => {
  it('GIVEN ordinary text with ids, times and paths THEN leaves it unchanged', () => {
    const text = 'article 000_c6212945af6057c2 at 2024-05-01T10:00:00.000Z in seeds/000_c6212945af6057c2.txt for 123456789012345678';
    expect(redactText(text)).toBe(text);
  });
});
