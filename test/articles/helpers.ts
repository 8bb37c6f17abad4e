/** A temporary folder per test, with the article stores opened on it closed afterwards. */
import { afterEach, beforeEach } from 'vitest';
import { ArticleStore, type ArticleStoreOptions } from '../../src/articles/store.js';
import { aTempDir } from '../support/temp-dir.js';

/** What {@link aFolderPerTest} gives a test file. */
export interface FolderPerTest {
  /** The running test's temporary folder. */
  readonly dir: string;
  /** Opens a store on `dir` (unless `options.dir` says otherwise); it is closed after the test. */
  open(options?: Partial<ArticleStoreOptions>): Promise<ArticleStore>;
  /** Removes the folder while the test runs (it is removed after the test anyway). */
  remove(): Promise<void>;
}

/**
 * Gives each test of the calling file a fresh temporary folder; after the test, the stores it
 * opened there are closed and the folder is removed.
 */
export function aFolderPerTest(): FolderPerTest {
  let folder: { dir: string; cleanup: () => Promise<void> } | undefined;
  const stores: ArticleStore[] = [];
  beforeEach(async () => {
    folder = await aTempDir('herald-articles-');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    await folder?.cleanup();
    folder = undefined;
  });
  const current = () => {
    if (!folder) throw new Error('aFolderPerTest: there is a folder only while a test runs');
    return folder;
  };
  return {
    get dir() {
      return current().dir;
    },
    async open(options = {}) {
      const store = await ArticleStore.open({ dir: current().dir, ...options });
      stores.push(store);
      return store;
    },
    remove: () => current().cleanup(),
  };
}
