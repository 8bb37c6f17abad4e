import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '../../src/errors.js';
import { userErrorText } from '../../src/failures.js';
import { plainFormat } from '../../src/i18n/failure-texts.js';
import { ArticleStore } from '../../src/articles/store.js';
import { REPO_SEED_ID, REPO_SEEDS, writeArticle } from '../support/articles.js';
import { aTempDir } from '../support/temp-dir.js';

function errorOf(action: () => unknown): UserError {
  try {
    action();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

/** The refusal as the console shows it: suggestions with their headlines. */
function shown(error: UserError, store: ArticleStore): string {
  return userErrorText(error, 'en', plainFormat('en', store));
}

describe('ArticleStore.resolve on the real seed', () => {
  let store: ArticleStore;
  beforeAll(async () => {
    store = await ArticleStore.open({ dir: REPO_SEEDS, watch: false });
  });
  afterAll(() => store.close());

  it.each([REPO_SEED_ID, REPO_SEED_ID.toUpperCase(), `  ${REPO_SEED_ID}  `, `${REPO_SEED_ID}.txt`])('GIVEN the id %j THEN returns the article', (ref) => {
    expect(store.resolve(ref).id).toBe(REPO_SEED_ID);
  });

  it.each(['xiaomi ford', 'ford', 'Führte Gespräche', 'fuhrte gesprache'])('GIVEN the headline words %j THEN returns the article', (ref) => {
    expect(store.resolve(ref).id).toBe(REPO_SEED_ID);
  });

  it('GIVEN a typo in a headline word THEN still returns the article', () => {
    expect(store.resolve('xiomi').id).toBe(REPO_SEED_ID);
  });

  it('GIVEN words of no article THEN says not found, politely and without suggestions', () => {
    const error = errorOf(() => store.resolve('quantum computing'));
    expect(error.code).toBe('article_not_found');
    expect(error.params).toEqual({ query: 'quantum computing', suggestions: [] });
    expect(shown(error, store)).toBe('I could not find an article matching “quantum computing”.\nUse `/articles` to see what I have.');
  });

  it('GIVEN one known and one unknown word THEN says not found and suggests the article', () => {
    const error = errorOf(() => store.resolve('ford tesla'));
    expect(error.code).toBe('article_not_found');
    expect(error.params).toEqual({ query: 'ford tesla', suggestions: [REPO_SEED_ID] });
    expect(shown(error, store)).toBe(`I could not find an article matching “ford tesla”.\nDid you mean: ${REPO_SEED_ID} (Ford führte Gespräche mit Chinas Xiaomi über EV-Partnerschaft)`);
  });

  it('GIVEN an id with a typo THEN still returns the article', () => {
    expect(store.resolve('000_c6212945af6057c3').id).toBe(REPO_SEED_ID);
  });

  it('GIVEN a word too misspelled to match THEN suggests the closest article', () => {
    const error = errorOf(() => store.resolve('xaiomi'));
    expect(error.code).toBe('article_not_found');
    expect(isUserError(error, 'article_not_found') && error.params.suggestions).toEqual([REPO_SEED_ID]);
    expect(shown(error, store)).toMatch(/^I could not find an article matching “xaiomi”\.\nDid you mean: 000_c6212945af6057c2 \(Ford führte/);
  });

  it('GIVEN a short word one letter away from an article word THEN does not guess', () => {
    expect(errorOf(() => store.resolve('fort')).code).toBe('article_not_found');
  });

  it('GIVEN an empty reference THEN asks for an article', () => {
    const error = errorOf(() => store.resolve('  '));
    expect(error.code).toBe('article_not_found');
    expect(error.message).toBe('Please name an article: its id or some words from its headline.');
  });
});

describe('ArticleStore.resolve among similar articles', () => {
  let store: ArticleStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const temp = await aTempDir();
    cleanup = temp.cleanup;
    await writeArticle(temp.dir, 'ford-xiaomi.txt', 'Ford held talks with Xiaomi about electric cars');
    await writeArticle(temp.dir, 'ford-recall.txt', 'Ford recalls pickups over faulty brakes');
    await writeArticle(temp.dir, 'ford-profit.txt', 'Ford profit rises');
    await writeArticle(temp.dir, 'ford-profit-q2.txt', 'Ford profit rises again');
    await writeArticle(temp.dir, 'storm.txt', 'Storm brings snow to the north', ['Ford dealers closed early as the storm arrived.']);
    await writeArticle(temp.dir, 'Markets.txt', 'Stocks close higher');
    store = await ArticleStore.open({ dir: temp.dir, watch: false });
  });
  afterAll(async () => {
    store.close();
    await cleanup();
  });

  it('GIVEN a word in several headlines THEN says ambiguous and lists those articles', () => {
    const error = errorOf(() => store.resolve('ford'));
    expect(error.code).toBe('article_ambiguous');
    expect(isUserError(error, 'article_ambiguous') && [...error.params.candidates].sort()).toEqual(['ford-profit', 'ford-profit-q2', 'ford-recall', 'ford-xiaomi']);
    expect(shown(error, store)).toMatch(/^“ford” matches more than one article\. Please pick one: .*ford-recall \(Ford recalls pickups over faulty brakes\)/);
  });

  it('GIVEN words that only one headline has all of THEN returns that article', () => {
    expect(store.resolve('ford xiaomi').id).toBe('ford-xiaomi');
    expect(store.resolve('recall').id).toBe('ford-recall');
    expect(store.resolve('pickups brakes').id).toBe('ford-recall');
  });

  it('GIVEN a whole headline contained in a longer one THEN returns the exact one', () => {
    expect(store.resolve('Ford profit rises').id).toBe('ford-profit');
    expect(store.resolve('ford profit rises again').id).toBe('ford-profit-q2');
  });

  it('GIVEN words only in a body THEN returns the article they occur in', () => {
    expect(store.resolve('dealers').id).toBe('storm');
  });

  it('GIVEN an id in another case THEN returns the article', () => {
    expect(store.resolve('markets').id).toBe('Markets');
    expect(store.get('MARKETS')?.id).toBe('Markets');
  });

  it('GIVEN a misspelled word THEN suggests the closest articles', () => {
    const error = errorOf(() => store.resolve('strom snowfall'));
    expect(error.code).toBe('article_not_found');
    expect(isUserError(error, 'article_not_found') && error.params.suggestions).toContain('storm');
    expect(shown(error, store)).toMatch(/^I could not find an article matching “strom snowfall”\.\nDid you mean: .*storm \(Storm brings snow to the north\)/);
  });
});
