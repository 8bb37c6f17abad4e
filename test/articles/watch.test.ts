import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ArticleChange, ArticleStore } from '../../src/articles/store.js';
import { aFolderPerTest } from './helpers.js';
import { anArticleText, GERMAN_BODY, writeArticle } from '../support/articles.js';
import { aRecordingLogger } from '../support/logger.js';

const folder = aFolderPerTest();

const WAIT = { timeout: 10_000, interval: 50 };

async function openWatching(): Promise<{ store: ArticleStore; changes: ArticleChange[] }> {
  const store = await folder.open();
  const changes: ArticleChange[] = [];
  store.onChange((change) => changes.push(change));
  return { store, changes };
}

describe('ArticleStore watching the folder', () => {
  it('GIVEN a running store WHEN a file is added THEN it becomes searchable and resolvable without a restart', async () => {
    await writeArticle(folder.dir, 'first.txt', 'First headline');
    const { store, changes } = await openWatching();
    await writeArticle(folder.dir, 'xiaomi.txt', 'Xiaomi plant eigene Elektroautos', GERMAN_BODY);
    await vi.waitFor(() => expect(store.get('xiaomi')).toBeDefined(), WAIT);
    expect(store.resolve('xiaomi elektroautos').id).toBe('xiaomi');
    expect(store.search('elektroauto').map((match) => match.article.id)).toEqual(['xiaomi']);
    expect(changes).toEqual([{ type: 'added', id: 'xiaomi' }]);
  });

  it('GIVEN a running store WHEN a file changes THEN the article gets the new text and a new hash', async () => {
    await writeArticle(folder.dir, 'story.txt', 'Original headline', ['Original body about apples.']);
    const { store, changes } = await openWatching();
    const before = store.get('story');
    await writeArticle(folder.dir, 'story.txt', 'Updated headline', ['Updated body about oranges.']);
    await vi.waitFor(() => expect(store.get('story')?.headline).toBe('Updated headline'), WAIT);
    expect(store.get('story')?.hash).not.toBe(before?.hash);
    expect(store.search('oranges').map((match) => match.article.id)).toEqual(['story']);
    expect(store.search('apples')).toEqual([]);
    expect(changes).toEqual([{ type: 'changed', id: 'story' }]);
  });

  it('GIVEN a running store WHEN a file is removed THEN the article disappears', async () => {
    await writeArticle(folder.dir, 'keep.txt', 'Keep this one');
    await writeArticle(folder.dir, 'gone.txt', 'Remove this one');
    const { store, changes } = await openWatching();
    await rm(join(folder.dir, 'gone.txt'));
    await vi.waitFor(() => expect(store.get('gone')).toBeUndefined(), WAIT);
    expect(store.list().map((article) => article.id)).toEqual(['keep']);
    expect(store.search('remove')).toEqual([]);
    expect(() => store.resolve('gone')).toThrowError(expect.objectContaining({ code: 'article_not_found' }));
    expect(changes).toEqual([{ type: 'removed', id: 'gone' }]);
  });

  it('GIVEN a running store WHEN a file is renamed THEN the old id is removed and the new one added', async () => {
    await writeArticle(folder.dir, 'old-name.txt', 'Renamed story');
    const { store, changes } = await openWatching();
    await rename(join(folder.dir, 'old-name.txt'), join(folder.dir, 'new-name.txt'));
    await vi.waitFor(() => expect(store.get('new-name')).toBeDefined(), WAIT);
    expect(store.get('old-name')).toBeUndefined();
    expect(changes).toEqual(expect.arrayContaining([{ type: 'removed', id: 'old-name' }, { type: 'added', id: 'new-name' }]));
  });

  it('GIVEN a running store WHEN a binary file appears THEN it is skipped with a warning and nothing crashes', async () => {
    const { logger, warnings } = aRecordingLogger();
    const store = await folder.open({ logger });
    await writeFile(join(folder.dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    await vi.waitFor(() => expect(warnings()).toMatchObject([{ file: 'blob.bin', reason: 'binary' }]), WAIT);
    expect(store.list()).toEqual([]);
  });
});

describe('ArticleStore.refresh', () => {
  it('GIVEN watching is off WHEN files change THEN refresh() picks the changes up', async () => {
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const store = await folder.open({ watch: false });
    await writeArticle(folder.dir, 'b.txt', 'Beta');
    await rm(join(folder.dir, 'a.txt'));
    expect(store.get('b')).toBeUndefined();
    await store.refresh();
    expect(store.list().map((article) => article.id)).toEqual(['b']);
  });

  it('GIVEN unchanged files THEN refresh() keeps the very same article objects and emits nothing', async () => {
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const store = await folder.open({ watch: false });
    const changes: ArticleChange[] = [];
    store.onChange((change) => changes.push(change));
    const before = store.get('a');
    await store.refresh();
    expect(store.get('a')).toBe(before);
    expect(changes).toEqual([]);
  });

  it('GIVEN a file rewritten with the same text THEN refresh() emits no change and keeps the hash', async () => {
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const store = await folder.open({ watch: false });
    const changes: ArticleChange[] = [];
    store.onChange((change) => changes.push(change));
    const hash = store.get('a')?.hash;
    await writeFile(join(folder.dir, 'a.txt'), anArticleText('Alpha').replace(/\n/g, '\r\n'));
    await store.refresh();
    expect(store.get('a')?.hash).toBe(hash);
    expect(changes).toEqual([]);
  });

  it('GIVEN a skipped file THEN it is warned about once, not on every refresh', async () => {
    const { logger, warnings } = aRecordingLogger();
    await writeFile(join(folder.dir, 'empty.txt'), '');
    const store = await folder.open({ logger, watch: false });
    await store.refresh();
    await store.refresh();
    expect(warnings()).toHaveLength(1);
  });

  it('GIVEN a file that became empty THEN its article is removed', async () => {
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const store = await folder.open({ watch: false });
    await writeFile(join(folder.dir, 'a.txt'), '');
    await store.refresh();
    expect(store.get('a')).toBeUndefined();
  });

  it('GIVEN several refresh() calls at once THEN all resolve and the store is consistent', async () => {
    const store = await folder.open({ watch: false });
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const current = store;
    await Promise.all([current.refresh(), current.refresh(), current.refresh()]);
    expect(current.list().map((article) => article.id)).toEqual(['a']);
  });

  it('GIVEN the folder vanished THEN refresh() keeps the loaded articles and warns', async () => {
    const { logger, warnings } = aRecordingLogger();
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const store = await folder.open({ logger, watch: false });
    await folder.remove();
    await expect(store.refresh()).resolves.toBeUndefined();
    await store.refresh();
    expect(store.get('a')?.headline).toBe('Alpha');
    expect(warnings()).toMatchObject([{ code: 'ENOENT' }]);
  });

  it('GIVEN a listener that throws THEN other listeners still hear the change', async () => {
    const store = await folder.open({ watch: false });
    const heard: string[] = [];
    store.onChange(() => {
      throw new Error('listener bug');
    });
    store.onChange((change) => heard.push(change.id));
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    await store.refresh();
    expect(heard).toEqual(['a']);
  });

  it('GIVEN an unsubscribed listener THEN it hears nothing more', async () => {
    const store = await folder.open({ watch: false });
    const heard: string[] = [];
    const off = store.onChange((change) => heard.push(change.id));
    off();
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    await store.refresh();
    expect(heard).toEqual([]);
  });

  it('GIVEN a closed store THEN file changes are no longer picked up, and loaded articles stay readable', async () => {
    await writeArticle(folder.dir, 'a.txt', 'Alpha');
    const store = await folder.open();
    store.close();
    await writeArticle(folder.dir, 'b.txt', 'Beta');
    await store.refresh();
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.headline).toBe('Alpha');
  });
});
