import { afterEach, describe, expect, it } from 'vitest';
import { answerText } from '../digests/bot-harness.js';
import { startHeraldInProcess } from '../support/herald-in-process.js';
import { aTestServer, closeTestServers } from './fetch/helpers.js';

afterEach(closeTestServers);

describe('/feed add with private networks refused', () => {
  it('GIVEN ALLOW_PRIVATE_NETWORKS=false THEN a feed on 127.0.0.1 is refused as a private address, never requested, nothing stored', async () => {
    const strict = await startHeraldInProcess({ offline: true, env: { FEED_INTERVAL_MINUTES: '60' } });
    const local = await aTestServer((_req, res) => res.end('never'));
    try {
      const interaction = strict.discord.sendCommand('feed add', { url: local.url('/rss.xml') }, { userId: strict.discord.people.admin.id });
      await strict.done(interaction.id);
      expect(answerText(strict.messagesOf(interaction.id))).toContain('private network address');
      expect(local.seen).toHaveLength(0);
      expect(strict.herald.feeds.store.list()).toEqual([]);
    } finally {
      await strict.stop();
    }
  });
});
