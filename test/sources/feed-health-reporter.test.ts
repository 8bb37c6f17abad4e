/**
 * FeedHealthReporter on a real FeedStore: an outlet that cannot tell yet (Discord not connected,
 * another shard's guild) leaves the outage unreported for the next poll; a told outage is never told
 * again; a failing outlet is logged, never thrown into the poller.
 */
import { describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/cache/keyv.js';
import { silentLogger } from '../../src/log.js';
import { FeedHealthReporter, OUTAGE_REPORT_MS, type FeedHealthNotice, type FeedHealthOutlet } from '../../src/sources/feed-health.js';
import { FeedStore } from '../../src/sources/feed-store/store.js';
import { aRecordingLogger } from '../support/logger.js';

const GUILD = '123456789012345678';
const URL = 'https://news.example/rss.xml';

async function aFailingFeed(failingSince: number) {
  const store = await FeedStore.open(createKeyv('memory://', { namespace: 'feeds', logger: silentLogger }), silentLogger);
  const record = await store.add(GUILD, URL, 0);
  await store.update({ ...record, failures: 5, lastError: 'timeout', failingSince });
  return store;
}

/** An outlet that records what it was asked to tell and can be switched on. */
function anOutlet(ready: { now: boolean }, failing = false) {
  const told: FeedHealthNotice[] = [];
  const outlet: FeedHealthOutlet = {
    canTell: () => ready.now,
    tell: async (_guild, notice) => {
      if (failing) throw new Error('outlet broke');
      told.push(notice);
    },
  };
  return { outlet, told };
}

describe('FeedHealthReporter', () => {
  it('GIVEN an outlet that cannot tell yet THEN the outage stays unreported until it can, then it is told once', async () => {
    const store = await aFailingFeed(0);
    const reporter = new FeedHealthReporter({ store, logger: silentLogger, now: () => OUTAGE_REPORT_MS + 5 });
    const ready = { now: false };
    const { outlet, told } = anOutlet(ready);
    reporter.tellGuildsThrough(outlet);
    await reporter.check(GUILD, URL);
    expect(told).toEqual([]);
    expect(store.get(GUILD, URL)?.reportedDown).toBeUndefined();

    ready.now = true;
    await reporter.check(GUILD, URL);
    await reporter.check(GUILD, URL);
    expect(told).toEqual([expect.objectContaining({ change: 'down', hours: 24 })]);
    expect(store.get(GUILD, URL)?.reportedDown).toBe(OUTAGE_REPORT_MS + 5);
  });

  it('GIVEN an outlet that throws THEN check logs it and resolves', async () => {
    const store = await aFailingFeed(0);
    const recording = aRecordingLogger();
    const reporter = new FeedHealthReporter({ store, logger: recording.logger, now: () => OUTAGE_REPORT_MS });
    reporter.tellGuildsThrough(anOutlet({ now: true }, true).outlet);
    await expect(reporter.check(GUILD, URL)).resolves.toBeUndefined();
    expect(recording.lines.some((line) => line.level >= 50)).toBe(true);
  });

  it('GIVEN a feed removed meanwhile THEN nothing is told', async () => {
    const store = await aFailingFeed(0);
    const reporter = new FeedHealthReporter({ store, logger: silentLogger, now: () => OUTAGE_REPORT_MS });
    const { outlet, told } = anOutlet({ now: true });
    reporter.tellGuildsThrough(outlet);
    await store.remove(GUILD, URL);
    await reporter.check(GUILD, URL);
    expect(told).toEqual([]);
  });
});
