import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArticleStore, type ArticleChange } from '../../src/articles/store.js';
import { GERMAN_BODY, aRecordingLogger, aTempDir, anArticleText, writeArticle } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let store: ArticleStore | undefined;

beforeEach(async () => {
  ({ dir, cleanup } = await aTempDir());
});

afterEach(async () => {
  store?.close();
  store = undefined;
  await cleanup();
});

const WAIT = { timeout: 10_000, interval: 50 };

async function openWatching(): Promise<{ store: ArticleStore; changes: ArticleChange[] }> {
  store = await ArticleStore.open({ dir });
  const changes: ArticleChange[] = [];
  store.onChange((change) => changes.push(change));
  return { store, changes };
}

describe('ArticleStore watching the folder', () => {
  it('GIVEN a running store WHEN a file is added THEN it becomes searchable and resolvable without a restart', async () => {
    await writeArticle(dir, 'first.txt', 'First headline');
    const { store, changes } = await openWatching();
    await writeArticle(dir, 'xiaomi.txt', 'Xiaomi plant eigene Elektroautos', GERMAN_BODY);
    await vi.waitFor(() => expect(store.get('xiaomi')).toBeDefined(), WAIT);
    expect(store.resolve('xiaomi elektroautos').id).toBe('xiaomi');
    expect(store.search('elektroauto').map((match) => match.article.id)).toEqual(['xiaomi']);
    expect(changes).toEqual([{ type: 'added', id: 'xiaomi' }]);
  });

  it('GIVEN a running store WHEN a file changes THEN the article gets the new text and a new hash', async () => {
    await writeArticle(dir, 'story.txt', 'Original headline', ['Original body about apples.']);
    const { store, changes } = await openWatching();
    const before = store.get('story');
    await writeArticle(dir, 'story.txt', 'Updated headline', ['Updated body about oranges.']);
    await vi.waitFor(() => expect(store.get('story')?.headline).toBe('Updated headline'), WAIT);
    expect(store.get('story')?.hash).not.toBe(before?.hash);
    expect(store.search('oranges').map((match) => match.article.id)).toEqual(['story']);
    expect(store.search('apples')).toEqual([]);
    expect(changes).toEqual([{ type: 'changed', id: 'story' }]);
  });

  it('GIVEN a running store WHEN a file is removed THEN the article disappears', async () => {
    await writeArticle(dir, 'keep.txt', 'Keep this one');
    await writeArticle(dir, 'gone.txt', 'Remove this one');
    const { store, changes } = await openWatching();
    await rm(join(dir, 'gone.txt'));
    await vi.waitFor(() => expect(store.get('gone')).toBeUndefined(), WAIT);
    expect(store.list().map((article) => article.id)).toEqual(['keep']);
    expect(store.search('remove')).toEqual([]);
    expect(() => store.resolve('gone')).toThrowError(expect.objectContaining({ code: 'article_not_found' }));
    expect(changes).toEqual([{ type: 'removed', id: 'gone' }]);
  });

  it('GIVEN a running store WHEN a file is renamed THEN the old id is removed and the new one added', async () => {
    await writeArticle(dir, 'old-name.txt', 'Renamed story');
    const { store, changes } = await openWatching();
    await rename(join(dir, 'old-name.txt'), join(dir, 'new-name.txt'));
    await vi.waitFor(() => expect(store.get('new-name')).toBeDefined(), WAIT);
    expect(store.get('old-name')).toBeUndefined();
    expect(changes).toEqual(expect.arrayContaining([{ type: 'removed', id: 'old-name' }, { type: 'added', id: 'new-name' }]));
  });

  it('GIVEN a running store WHEN a binary file appears THEN it is skipped with a warning and nothing crashes', async () => {
    const { logger, warnings } = aRecordingLogger();
    store = await ArticleStore.open({ dir, logger });
    await writeFile(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    await vi.waitFor(() => expect(warnings()).toMatchObject([{ file: 'blob.bin', reason: 'binary' }]), WAIT);
    expect(store.list()).toEqual([]);
  });
});

describe('ArticleStore.refresh', () => {
  it('GIVEN watching is off WHEN files change THEN refresh() picks the changes up', async () => {
    await writeArticle(dir, 'a.txt', 'Alpha');
    store = await ArticleStore.open({ dir, watch: false });
    await writeArticle(dir, 'b.txt', 'Beta');
    await rm(join(dir, 'a.txt'));
    expect(store.get('b')).toBeUndefined();
    await store.refresh();
    expect(store.list().map((article) => article.id)).toEqual(['b']);
  });

  it('GIVEN unchanged files THEN refresh() keeps the very same article objects and emits nothing', async () => {
    await writeArticle(dir, 'a.txt', 'Alpha');
    store = await ArticleStore.open({ dir, watch: false });
    const changes: ArticleChange[] = [];
    store.onChange((change) => changes.push(change));
    const before = store.get('a');
    await store.refresh();
    expect(store.get('a')).toBe(before);
    expect(changes).toEqual([]);
  });

  it('GIVEN a file rewritten with the same text THEN refresh() emits no change and keeps the hash', async () => {
    await writeArticle(dir, 'a.txt', 'Alpha');
    store = await ArticleStore.open({ dir, watch: false });
    const changes: ArticleChange[] = [];
    store.onChange((change) => changes.push(change));
    const hash = store.get('a')?.hash;
    await writeFile(join(dir, 'a.txt'), anArticleText('Alpha').replace(/\n/g, '\r\n'));
    await store.refresh();
    expect(store.get('a')?.hash).toBe(hash);
    expect(changes).toEqual([]);
  });

  it('GIVEN a skipped file THEN it is warned about once, not on every refresh', async () => {
    const { logger, warnings } = aRecordingLogger();
    await writeFile(join(dir, 'empty.txt'), '');
    store = await ArticleStore.open({ dir, logger, watch: false });
    await store.refresh();
    await store.refresh();
    expect(warnings()).toHaveLength(1);
  });

  it('GIVEN a file that became empty THEN its article is removed', async () => {
    await writeArticle(dir, 'a.txt', 'Alpha');
    store = await ArticleStore.open({ dir, watch: false });
    await writeFile(join(dir, 'a.txt'), '');
    await store.refresh();
    expect(store.get('a')).toBeUndefined();
  });

  it('GIVEN several refresh() calls at once THEN all resolve and the store is consistent', async () => {
    store = await ArticleStore.open({ dir, watch: false });
    await writeArticle(dir, 'a.txt', 'Alpha');
    const current = store;
    await Promise.all([current.refresh(), current.refresh(), current.refresh()]);
    expect(current.list().map((article) => article.id)).toEqual(['a']);
  });

  it('GIVEN the folder vanished THEN refresh() keeps the loaded articles and warns', async () => {
    const { logger, warnings } = aRecordingLogger();
    await writeArticle(dir, 'a.txt', 'Alpha');
    store = await ArticleStore.open({ dir, logger, watch: false });
    await cleanup();
    await expect(store.refresh()).resolves.toBeUndefined();
    await store.refresh();
    expect(store.get('a')?.headline).toBe('Alpha');
    expect(warnings()).toMatchObject([{ code: 'ENOENT' }]);
  });

  it('GIVEN a listener that throws THEN other listeners still hear the change', async () => {
    store = await ArticleStore.open({ dir, watch: false });
    const heard: string[] = [];
    store.onChange(() => {
      throw new Error('listener bug');
    });
    store.onChange((change) => heard.push(change.id));
    await writeArticle(dir, 'a.txt', 'Alpha');
    await store.refresh();
    expect(heard).toEqual(['a']);
  });

  it('GIVEN an unsubscribed listener THEN it hears nothing more', async () => {
    store = await ArticleStore.open({ dir, watch: false });
    const heard: string[] = [];
    const off = store.onChange((change) => heard.push(change.id));
    off();
    await writeArticle(dir, 'a.txt', 'Alpha');
    await store.refresh();
    expect(heard).toEqual([]);
  });

  it('GIVEN a closed store THEN file changes are no longer picked up, and loaded articles stay readable', async () => {
    await writeArticle(dir, 'a.txt', 'Alpha');
    store = await ArticleStore.open({ dir });
    store.close();
    await writeArticle(dir, 'b.txt', 'Beta');
    await store.refresh();
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.headline).toBe('Alpha');
  });
});
