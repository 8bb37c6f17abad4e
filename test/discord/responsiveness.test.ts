import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageTracker } from '../../src/briefing/usage.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { cooldownError } from '../../src/ops/cooldown.js';
import type { InteractionRecord } from '../fakes/fake-discord.js';
import { reply } from '../fakes/fake-openai.js';
import { embedsOf, startHeraldInProcess, useHeraldInProcess, type HeraldInProcess } from '../support/herald-in-process.js';

const EPHEMERAL = 1 << 6;
const REPLY = 4;
const DEFERRED = 5;
/**
 * Far beyond any test: an interaction deferred here was deferred because its work said it needs
 * the model, never because a timer ran out.
 */
const NEVER = 600_000;

/** A gate the fake model waits on, so a test can look at Discord while the model is still busy. */
function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

const callbackTypes = (record: InteractionRecord) => record.callbacks.map((c) => c.type);

describe('answering at once: the cache lookup decides between a reply and a deferral', () => {
  const herald = useHeraldInProcess({ bot: { responder: { deferAfterMs: NEVER } } });

  it('GIVEN a summary that needs the model THEN "thinking…" is shown while the model works, and the answer replaces it', async () => {
    const model = gate();
    herald.openai.script(async () => {
      await model.wait;
      return 'Solar grew faster than ever.';
    });
    const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'short' });
    try {
      const acknowledged = await herald.discord.waitForInteraction(interaction.id);
      expect(callbackTypes(acknowledged)).toEqual([DEFERRED]);
    } finally {
      model.open();
    }
    await herald.done(interaction.id);
    const record = herald.discord.interaction(interaction.id);
    expect(callbackTypes(record)).toEqual([DEFERRED]);
    expect(embedsOf([record.original!])[0]?.description).toBe('Solar grew faster than ever.');
  });

  it('GIVEN the same summary again THEN the first callback is the cached answer itself, with no "thinking…" before it', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'short' });
    await herald.done(interaction.id);
    const record = herald.discord.interaction(interaction.id);
    expect(callbackTypes(record)).toEqual([REPLY]);
    expect(embedsOf([record.original!])[0]?.description).toBe('Solar grew faster than ever.');
    expect(herald.openai.callCount).toBe(0);
  });

  it('GIVEN a translation, quotes or a message menu that need the model THEN each defers before the model answers', async () => {
    const model = gate();
    herald.openai.setDefault(async () => {
      await model.wait;
      return JSON.stringify(['Europe installed more solar power than ever before.']);
    });
    try {
      const asked = [
        herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'it' }),
        herald.discord.sendCommand('quote', { article: 'solar-boom', count: 1 }),
        herald.discord.sendMessageCommand('Summarize message', { content: 'The council met on Monday. It approved the budget for next year.' }),
      ];
      try {
        for (const interaction of asked) {
          expect(callbackTypes(await herald.discord.waitForInteraction(interaction.id)), interaction.id).toEqual([DEFERRED]);
        }
      } finally {
        model.open();
      }
      for (const interaction of asked) expect((await herald.done(interaction.id)).outcome).toBe('ok');
    } finally {
      herald.openai.setDefault('This is a fake completion.');
    }
  });

  it('GIVEN Discord slow to confirm the deferral THEN the model is asked without waiting for it, and the answer still replaces "thinking…"', async () => {
    herald.discord.injectFault({ method: 'POST', path: /\/callback$/ }, { kind: 'delay', ms: 2_000 });
    const model = gate();
    herald.openai.script(async () => {
      await model.wait;
      return 'Asked while Discord was still busy.';
    });
    const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'long', language: 'it' });
    try {
      await vi.waitFor(() => expect(herald.openai.callCount).toBe(1), { timeout: 1_900, interval: 20 });
      expect(herald.discord.interaction(interaction.id).callbacks).toEqual([]);
    } finally {
      model.open();
    }
    await herald.done(interaction.id);
    const record = herald.discord.interaction(interaction.id);
    expect(callbackTypes(record)).toEqual([DEFERRED]);
    expect(embedsOf([record.original!])[0]?.description).toBe('Asked while Discord was still busy.');
  });

  it('GIVEN a model that fails after the deferral THEN the public "thinking…" is removed and the user is told privately', async () => {
    herald.openai.script(reply.error(503));
    const interaction = herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'fi' });
    expect((await herald.done(interaction.id)).outcome).toBe('user_error');
    const record = herald.discord.interaction(interaction.id);
    expect(callbackTypes(record)).toEqual([DEFERRED]);
    expect(record.original?.deletedAt).toBeDefined();
    expect(record.followups.map((f) => (f.message.flags ?? 0) & EPHEMERAL)).toEqual([EPHEMERAL]);
  });
});

describe('a burst defers before its model calls start', () => {
  // A confirmation that never came would hold a model call this long: beyond any test.
  const herald = useHeraldInProcess({ bot: { responder: { deferAfterMs: NEVER, ackWaitMs: NEVER } } });

  it('GIVEN two summaries at once and Discord slow to confirm one deferral THEN neither model call starts before both deferrals are confirmed', async () => {
    // The first deferral Discord receives is confirmed half a second late; the other at once.
    herald.discord.injectFault({ method: 'POST', path: /\/callback$/ }, { kind: 'delay', ms: 500 });
    let asked: InteractionRecord[] = [];
    const deferredWhenCalled: number[] = [];
    herald.openai.setDefault(async () => {
      deferredWhenCalled.push(asked.filter((interaction) => herald.discord.interaction(interaction.id).callbacks.length > 0).length);
      return 'Deferred first, then asked.';
    });
    try {
      asked = [
        herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'long', language: 'pl' }),
        herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'long', language: 'pl' }),
      ];
      for (const interaction of asked) expect((await herald.done(interaction.id)).outcome).toBe('ok');
    } finally {
      herald.openai.setDefault('This is a fake completion.');
    }
    // Each summary asks the model at least once (a translated title may be a second call).
    expect(deferredWhenCalled.length).toBeGreaterThanOrEqual(2);
    expect(deferredWhenCalled.filter((deferred) => deferred < 2)).toEqual([]);
    for (const interaction of asked) expect(callbackTypes(herald.discord.interaction(interaction.id))).toEqual([DEFERRED]);
  });
});

describe('answering at once without a model', () => {
  let herald: HeraldInProcess;

  beforeAll(async () => {
    herald = await startHeraldInProcess({ offline: true, bot: { responder: { deferAfterMs: NEVER } } });
  });

  afterAll(async () => {
    await herald?.stop();
  });

  it('GIVEN no model THEN the offline summary is the first callback, and the fake model is never asked', async () => {
    const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'long', language: 'de' });
    await herald.done(interaction.id);
    expect(callbackTypes(herald.discord.interaction(interaction.id))).toEqual([REPLY]);
    expect(embedsOf(herald.messagesOf(interaction.id))[0]?.footer?.text).toContain('offline');
    expect(herald.openai.callCount).toBe(0);
    herald.discord.assertNoViolations();
  });
});

describe('refusals come before any deferral', () => {
  let herald: HeraldInProcess;
  let refuse = false;
  const usageKeyv = createKeyv('memory://', { namespace: 'usage', logger: silentLogger });
  const usage = new UsageTracker(usageKeyv, { dailyBudget: 10 });

  beforeAll(async () => {
    herald = await startHeraldInProcess({
      bot: { responder: { deferAfterMs: NEVER } },
      briefing: {
        usage,
        admit: () => {
          if (refuse) throw cooldownError(20_000);
        },
      },
    });
  });

  afterAll(async () => {
    await herald?.stop();
    await usageKeyv.disconnect();
  });

  afterEach(() => {
    herald.discord.assertNoViolations();
    herald.openai.reset();
    herald.discord.clearRecords();
  });

  it('GIVEN a user over their cooldown THEN the refusal is an ephemeral reply, not a "thinking…" that turns into one', async () => {
    refuse = true;
    try {
      const interaction = herald.discord.sendCommand('summarize', { article: 'ford-xiaomi', length: 'medium' });
      expect((await herald.done(interaction.id)).outcome).toBe('user_error');
      const record = herald.discord.interaction(interaction.id);
      expect(callbackTypes(record)).toEqual([REPLY]);
      expect((record.original?.message.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(record.original?.message.content).toContain('20 seconds');
      expect(herald.openai.callCount).toBe(0);
    } finally {
      refuse = false;
    }
  });

  it('GIVEN the daily budget is spent THEN the refusal is an ephemeral reply, not a "thinking…" that turns into one', async () => {
    await usage.record({ promptTokens: 10, completionTokens: 10, totalTokens: 20 });
    const interaction = herald.discord.sendCommand('translate', { article: 'ford-xiaomi', language: 'sv' });
    expect((await herald.done(interaction.id)).outcome).toBe('user_error');
    const record = herald.discord.interaction(interaction.id);
    expect(callbackTypes(record)).toEqual([REPLY]);
    expect((record.original?.message.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(herald.openai.callCount).toBe(0);
  });
});
