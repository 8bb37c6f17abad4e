import { describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/cache/keyv.js';
import { aRecordingLogger } from '../support/logger.js';

describe('store outages across namespaces', () => {
  it('GIVEN two namespaces of one unreachable Redis THEN requests get misses and the outage is logged once', async () => {
    const { logger, warnings } = aRecordingLogger();
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const url = 'redis://127.0.0.1:1';
    const cache = createKeyv(url, { namespace: 'cache', logger, connectTimeoutMs: 300, operationTimeoutMs: 500 });
    const usage = createKeyv(url, { namespace: 'usage', logger, connectTimeoutMs: 300, operationTimeoutMs: 500 });
    try {
      expect(await cache.get('a')).toBeUndefined();
      expect(await usage.get('b')).toBeUndefined();
      expect(await cache.set('a', 1)).toBe(false);
      expect(warnings().filter((line) => String(line.msg).startsWith('Cache store is failing'))).toHaveLength(1);
    } finally {
      await Promise.allSettled([cache.disconnect(), usage.disconnect()]);
    }
  });
});
