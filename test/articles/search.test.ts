import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../src/articles/store.js';
import { GERMAN_BODY, REPO_SEED_ID, REPO_SEEDS, writeArticle } from '../support/articles.js';
import { aTempDir } from '../support/temp-dir.js';

describe('ArticleStore.search on the real seed', () => {
  let store: ArticleStore;
  beforeAll(async () => {
    store = await ArticleStore.open({ dir: REPO_SEEDS, watch: false });
  });
  afterAll(() => store.close());

  const ids = (query: string): string[] => store.search(query).map((match) => match.article.id);

  it.each(['fuhrte', 'führte', 'FÜHRTE', 'Fuehrte'])('GIVEN %j THEN finds the article that says "führte"', (query) => {
    expect(ids(query)).toEqual([REPO_SEED_ID]);
  });

  it.each(['xiaomi ford', 'Ford Xiaomi', 'FORD  xiaomi!'])('GIVEN %j THEN finds the seed', (query) => {
    expect(ids(query)).toEqual([REPO_SEED_ID]);
  });

  it('GIVEN the start of a word THEN finds it by prefix', () => {
    expect(ids('xiao')).toEqual([REPO_SEED_ID]);
    expect(ids('partnersch')).toEqual([REPO_SEED_ID]);
  });

  it('GIVEN a small typo THEN still finds it', () => {
    expect(ids('xiaomy')).toEqual([REPO_SEED_ID]);
    expect(ids('Gesprache Partnershaft')).toEqual([REPO_SEED_ID]);
  });

  it('GIVEN words the article does not contain THEN finds nothing', () => {
    expect(ids('tesla cybertruck')).toEqual([]);
  });

  it('GIVEN a blank query or a zero limit THEN returns no matches', () => {
    expect(store.search('   ')).toEqual([]);
    expect(store.search('ford', 0)).toEqual([]);
  });

  it('GIVEN a hit THEN carries the article and a positive score', () => {
    const [match] = store.search('ford');
    expect(match?.article.id).toBe(REPO_SEED_ID);
    expect(match?.score).toBeGreaterThan(0);
  });
});

describe('ArticleStore.search over several articles', () => {
  let store: ArticleStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await aTempDir();
    cleanup = temp.cleanup;
    await writeArticle(temp.dir, 'ford-recall.txt', 'Ford recalls pickups over faulty brakes', ['The carmaker said the brakes could fail in cold weather.']);
    await writeArticle(temp.dir, 'mueller.txt', 'Müller übernimmt Führung bei Straßenbau AG', GERMAN_BODY);
    await writeArticle(temp.dir, 'weather.txt', 'Storm brings snow to the north', ['Ford dealers closed early as the storm arrived.']);
    store = await ArticleStore.open({ dir: temp.dir, watch: false });
  });
  afterAll(async () => {
    store.close();
    await cleanup();
  });

  const ids = (query: string, limit?: number): string[] => store.search(query, limit).map((match) => match.article.id);

  it('GIVEN a word in one headline and another body THEN ranks the headline first', () => {
    expect(ids('ford')).toEqual(['ford-recall', 'weather']);
  });

  it('GIVEN unaccented spellings of a German headline THEN finds it, and accented queries find plain text too', () => {
    expect(ids('muller strassenbau')).toEqual(['mueller']);
    expect(ids('MÜLLER Straßenbau')).toEqual(['mueller']);
    expect(ids('muell')).toEqual(['mueller']);
    expect(ids('wëather')).toEqual(['weather', 'ford-recall']);
  });

  it('GIVEN words that no article has all of THEN falls back to articles with any of them', () => {
    expect(ids('ford tesla')).toEqual(['ford-recall', 'weather']);
  });

  it('GIVEN a limit THEN returns at most that many', () => {
    expect(ids('ford', 1)).toEqual(['ford-recall']);
  });
});
