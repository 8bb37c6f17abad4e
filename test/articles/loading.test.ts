import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleStore } from '../../src/articles/store.js';
import { aFolderPerTest } from './helpers.js';
import { anArticleText, ENGLISH_BODY, GERMAN_BODY, REPO_SEED_ID, REPO_SEEDS, writeArticle } from '../support/articles.js';
import { aRecordingLogger } from '../support/logger.js';
import { aTempDir } from '../support/temp-dir.js';

const folder = aFolderPerTest();

async function openStore(options: { maxBytes?: number } = {}): Promise<{ store: ArticleStore; warnings: ReturnType<typeof aRecordingLogger>['warnings'] }> {
  const { logger, warnings } = aRecordingLogger();
  const store = await folder.open({ logger, watch: false, ...options });
  return { store, warnings };
}

describe('ArticleStore loading', () => {
  it('GIVEN the real seed folder THEN loads the Ford/Xiaomi article with all its fields', async () => {
    const store = await folder.open({ dir: REPO_SEEDS, watch: false });
    const article = store.get(REPO_SEED_ID);
    expect(article).toBeDefined();
    expect(article?.headline).toBe('Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft');
    expect(article?.paragraphs).toHaveLength(7);
    expect(article?.language).toBe('de');
    expect(article?.wordCount).toBeGreaterThan(250);
    expect(article?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(article?.updatedAt).toBeGreaterThan(0);
  });

  it('GIVEN German and English articles THEN detects de and en', async () => {
    await writeArticle(folder.dir, 'haushalt.txt', 'Stadtrat beschließt Haushalt', GERMAN_BODY);
    await writeArticle(folder.dir, 'budget.txt', 'City council approves budget', ENGLISH_BODY);
    const { store } = await openStore();
    expect(store.get('haushalt')?.language).toBe('de');
    expect(store.get('budget')?.language).toBe('en');
  });

  it('GIVEN files of several ages THEN lists the newest first, then by id', async () => {
    const { utimes } = await import('node:fs/promises');
    for (const [name, age] of [['old', 3000], ['b-new', 1000], ['a-new', 1000]] as const) {
      const path = await writeArticle(folder.dir, `${name}.txt`, `Headline ${name}`);
      const when = new Date(Date.UTC(2025, 0, 1) - age * 1000);
      await utimes(path, when, when);
    }
    const { store } = await openStore();
    expect(store.list().map((article) => article.id)).toEqual(['a-new', 'b-new', 'old']);
  });

  it('GIVEN an empty file and a whitespace-only file THEN skips both with a warning', async () => {
    await writeFile(join(folder.dir, 'empty.txt'), '');
    await writeFile(join(folder.dir, 'blank.txt'), '\n  \n\t\n');
    await writeArticle(folder.dir, 'good.txt', 'A good article');
    const { store, warnings } = await openStore();
    expect(store.list().map((article) => article.id)).toEqual(['good']);
    expect(warnings().map((line) => [line.file, line.reason]).sort()).toEqual([
      ['blank.txt', 'empty'],
      ['empty.txt', 'empty'],
    ]);
  });

  it('GIVEN a binary file THEN skips it with a warning and loads the rest', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await writeFile(join(folder.dir, 'picture.txt'), png);
    await writeArticle(folder.dir, 'good.txt', 'A good article');
    const { store, warnings } = await openStore();
    expect(store.get('picture')).toBeUndefined();
    expect(store.get('good')).toBeDefined();
    expect(warnings()).toMatchObject([{ file: 'picture.txt', reason: 'binary' }]);
  });

  it('GIVEN a file over maxBytes THEN skips it with a warning without reading it', async () => {
    await writeArticle(folder.dir, 'huge.txt', 'Huge', ['x '.repeat(600)]);
    await writeArticle(folder.dir, 'small.txt', 'Small', ['Short body.']);
    const { store, warnings } = await openStore({ maxBytes: 1000 });
    expect(store.get('huge')).toBeUndefined();
    expect(store.get('small')).toBeDefined();
    expect(warnings()).toMatchObject([{ file: 'huge.txt', reason: 'too_large' }]);
  });

  it('GIVEN a folder named like an article and a broken symlink THEN skips both as unreadable with warnings', async () => {
    await mkdir(join(folder.dir, 'folder.txt'));
    await symlink(join(folder.dir, 'missing.txt'), join(folder.dir, 'dangling.txt'));
    await writeArticle(folder.dir, 'good.txt', 'A good article');
    const { store, warnings } = await openStore();
    expect(store.list().map((article) => article.id)).toEqual(['good']);
    expect(warnings().map((line) => [line.file, line.reason]).sort()).toEqual([
      ['dangling.txt', 'unreadable'],
      ['folder.txt', 'not_a_file'],
    ]);
  });

  it('GIVEN a symlink to a file outside the folder THEN does not follow it', async () => {
    const outside = await aTempDir();
    try {
      const secret = await writeArticle(outside.dir, 'secret.txt', 'Secret outside the articles folder');
      await symlink(secret, join(folder.dir, 'leak.txt'));
      await symlink('/etc/passwd', join(folder.dir, 'passwd.txt'));
      const { store, warnings } = await openStore();
      expect(store.list()).toEqual([]);
      expect(store.get('leak')).toBeUndefined();
      expect(store.search('secret')).toEqual([]);
      expect(warnings().map((line) => [line.file, line.reason]).sort()).toEqual([
        ['leak.txt', 'outside_dir'],
        ['passwd.txt', 'outside_dir'],
      ]);
    } finally {
      await outside.cleanup();
    }
  });

  it('GIVEN a symlink to another file inside the folder THEN loads it under its own id', async () => {
    await writeArticle(folder.dir, 'original.txt', 'Original headline');
    await symlink('original.txt', join(folder.dir, 'alias.txt'));
    const { store } = await openStore();
    expect(store.get('alias')?.headline).toBe('Original headline');
  });

  it('GIVEN dotfiles, editor backups and a plain subfolder THEN ignores them without warnings', async () => {
    await writeArticle(folder.dir, '.hidden.txt', 'Hidden');
    await writeArticle(folder.dir, 'draft.txt~', 'Backup');
    await writeArticle(folder.dir, 'draft.txt.swp', 'Swap');
    await mkdir(join(folder.dir, 'archive'));
    await writeArticle(folder.dir, 'draft.txt', 'Draft');
    const { store, warnings } = await openStore();
    expect(store.list().map((article) => article.id)).toEqual(['draft']);
    expect(warnings()).toEqual([]);
  });

  it('GIVEN two files with the same id THEN keeps one and warns about the other', async () => {
    await writeArticle(folder.dir, 'ford.md', 'From markdown');
    await writeArticle(folder.dir, 'ford.txt', 'From text');
    const { store, warnings } = await openStore();
    expect(store.list()).toHaveLength(1);
    expect(store.get('ford')?.headline).toBe('From markdown');
    expect(warnings()).toMatchObject([{ file: 'ford.txt', reason: 'duplicate_id' }]);
  });

  it('GIVEN a FIFO named like an article THEN skips it without blocking the scan', async () => {
    execFileSync('mkfifo', [join(folder.dir, 'pipe.txt')]);
    await writeArticle(folder.dir, 'good.txt', 'A good article');
    const { store, warnings } = await openStore();
    expect(store.list().map((article) => article.id)).toEqual(['good']);
    expect(warnings()).toMatchObject([{ file: 'pipe.txt', reason: 'not_a_file' }]);
  });

  it('GIVEN a file name that cannot be an id (a newline, a backslash) THEN skips it with a warning', async () => {
    await writeArticle(folder.dir, 'line\nbreak.txt', 'Bad name');
    await writeArticle(folder.dir, 'back\\slash.txt', 'Bad name too');
    await writeArticle(folder.dir, 'good.txt', 'A good article');
    const { store, warnings } = await openStore();
    expect(store.list().map((article) => article.id)).toEqual(['good']);
    expect(warnings().map((line) => line.reason)).toEqual(['bad_name', 'bad_name']);
  });

  it('GIVEN the articles folder is itself a symlink THEN loads the articles it points to', async () => {
    const real = join(folder.dir, 'real');
    await mkdir(real);
    await writeArticle(real, 'story.txt', 'Story behind a link');
    await symlink(real, join(folder.dir, 'linked'));
    const store = await folder.open({ dir: join(folder.dir, 'linked'), watch: false });
    expect(store.get('story')?.headline).toBe('Story behind a link');
  });

  it('GIVEN a loaded article WHEN a second file with its id appears THEN the first keeps the id and the newcomer is warned about', async () => {
    await writeArticle(folder.dir, 'ford.txt', 'From text');
    const { store, warnings } = await openStore();
    await writeArticle(folder.dir, 'ford.md', 'From markdown');
    await store.refresh();
    expect(store.get('ford')?.headline).toBe('From text');
    expect(warnings()).toMatchObject([{ file: 'ford.md', reason: 'duplicate_id' }]);
  });

  it('GIVEN a folder that does not exist THEN open rejects with a clear message', async () => {
    await expect(ArticleStore.open({ dir: join(folder.dir, 'nope'), watch: false })).rejects.toThrow(/Cannot read the articles folder .*nope \(ENOENT\)/);
  });

  it('GIVEN an empty folder THEN opens with no articles', async () => {
    const { store } = await openStore();
    expect(store.list()).toEqual([]);
    expect(store.search('anything')).toEqual([]);
  });
});

describe('ArticleStore removes invisible controls when loading', () => {
  // Right-to-left overrides and isolates, C0 and C1 controls: they reorder or hide what a reader
  // sees (a "Trojan Source" headline), and are never part of the news.
  const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
  const C0_C1 = ['\u0000', '\u0007', '\u0008', '\u001B', '\u007F', '\u0085', '\u009B'];

  it('GIVEN bidi overrides and isolates in headline and body THEN the article holds none, and reads as the clean file does', async () => {
    const dirty = [`City ${BIDI.slice(0, 5).join('')}council approves budget${BIDI.slice(5).join('')}`, '', `The council\u202Eapproved the budget. ${ENGLISH_BODY[1]}`, ENGLISH_BODY[2]].join('\n');
    const clean = ['City council approves budget', '', `The councilapproved the budget. ${ENGLISH_BODY[1]}`, ENGLISH_BODY[2]].join('\n');
    await writeFile(join(folder.dir, 'dirty.txt'), dirty);
    await writeFile(join(folder.dir, 'clean.txt'), clean);
    const { store } = await openStore();
    const article = store.get('dirty');
    expect(article?.headline).toBe('City council approves budget');
    expect(article?.paragraphs).toEqual(store.get('clean')?.paragraphs);
    // Same text, same cache entries; an answer cached before the controls were removed is never reused.
    expect(article?.hash).toBe(store.get('clean')?.hash);
  });

  it('GIVEN C0 and C1 controls (an ANSI colour, a bell, DEL, NEL, CSI) THEN they are removed, tabs and line breaks kept', async () => {
    const controls = C0_C1.filter((char) => char !== '\u0000').join('');
    // A few controls among prose: many would make the file look binary (and be skipped).
    const text = `Storm${controls} warning\u001B[31m issued\n\nWinds\tof 120 km/h are expected tonight.\u0007 Schools stay closed on Friday.\n${ENGLISH_BODY.join('\n')}\n`;
    await writeFile(join(folder.dir, 'storm.txt'), text);
    const { store } = await openStore();
    const article = store.get('storm');
    expect(article?.headline).toBe('Storm warning[31m issued');
    expect(article?.paragraphs).toEqual(['Winds\tof 120 km/h are expected tonight. Schools stay closed on Friday.', ...ENGLISH_BODY]);
  });

  it('GIVEN a headline made only of controls and a body THEN the first real line becomes the headline', async () => {
    await writeFile(join(folder.dir, 'hidden.txt'), `\u202E\u2066\n${anArticleText('Harbour reopens after repairs')}`);
    const { store } = await openStore();
    expect(store.get('hidden')?.headline).toBe('Harbour reopens after repairs');
  });
});

describe('ArticleStore ids never leave the folder', () => {
  it.each(['../../etc/passwd', '/etc/passwd', '..', '.', 'sub/../good', 'good/../../x', '..\\..\\windows', 'a\0b', ''])(
    'GIVEN the id %j THEN get returns undefined and resolve says not found',
    async (id) => {
      await writeArticle(folder.dir, 'good.txt', 'A good article');
      const { store } = await openStore();
      expect(store.get(id)).toBeUndefined();
      expect(() => store.resolve(id)).toThrowError(expect.objectContaining({ code: 'article_not_found' }));
    },
  );

  it('GIVEN an absolute path to a real article file THEN resolve refuses it', async () => {
    const path = await writeArticle(folder.dir, 'good.txt', 'A good article');
    const { store } = await openStore();
    expect(store.get(path)).toBeUndefined();
    expect(() => store.resolve(path)).toThrowError(expect.objectContaining({ code: 'article_not_found', params: { query: path, suggestions: [] } }));
  });
});

describe('ArticleStore references of any length', () => {
  it('GIVEN a 100,000-character reference THEN resolve says not found, search and suggestions answer, nothing blows up', async () => {
    await writeArticle(folder.dir, 'budget.txt', 'City council approves budget');
    const { store } = await openStore();
    const long = 'budgetx'.repeat(15_000);
    expect(() => store.resolve(long)).toThrowError(expect.objectContaining({ code: 'article_not_found' }));
    expect(store.search(long)).toEqual([]);
    expect(store.search(`budget ${'y'.repeat(100_000)}`).map((match) => match.article.id)).toEqual(['budget']);
  });
});
