/** Fixtures for briefing tests: article folders, a fake OpenAI server, and a wired service. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Keyv } from 'keyv';
import { afterEach } from 'vitest';
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService, type BriefingServiceDeps } from '../../src/briefing/service.js';
import { UsageTracker } from '../../src/briefing/usage.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createOpenAIModel } from '../../src/llm/openai.js';
import type { LanguageModel } from '../../src/llm/types.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeRequest } from '../fakes/fake-openai.js';
import { anArticleText } from '../support/articles.js';
import { aTempDir } from '../support/temp-dir.js';

export const ENGLISH_ID = 'council-budget';
export const ENGLISH_HEADLINE = 'Council approves budget after long debate';
export const ENGLISH_PARAGRAPHS = [
  'The city council approved the new budget on Tuesday after a long debate about public transport and housing.',
  '"We have waited far too long for these repairs," said Mayor Anna Berg. She added that the first new buses would arrive in March.',
  'Officials said the plan would add more buses to the busiest routes and repair several bridges before winter.',
  'Critics argued that the spending was too high, while supporters said the investment was overdue and necessary.',
];

export const GERMAN_ID = 'stadtrat-haushalt';
export const GERMAN_HEADLINE = 'Stadtrat beschließt Haushalt nach langer Debatte';
export const GERMAN_PARAGRAPHS = [
  'Der Stadtrat hat am Dienstag nach einer langen Debatte über den Nahverkehr und den Wohnungsbau den neuen Haushalt beschlossen.',
  '„Wir haben viel zu lange auf diese Reparaturen gewartet“, sagte Bürgermeisterin Anna Berg. Die ersten neuen Busse sollen im März kommen.',
  'Nach Angaben der Verwaltung sollen auf den stärksten Linien mehr Busse fahren und vor dem Winter mehrere Brücken saniert werden.',
  'Kritiker hielten die Ausgaben für zu hoch, während die Befürworter die Investitionen für überfällig und notwendig erklärten.',
];

/** The article (without headline) as the prompts delimit it: between <article> and </article>. */
export function articleInPrompt(request: FakeRequest): string[] {
  const user = request.messages.find((message) => message.role === 'user')?.content ?? '';
  const match = /<article>\n([\s\S]*?)\n<\/article>/.exec(user);
  return (match?.[1] ?? '').split('\n\n').filter(Boolean);
}

/** A fake translator: answers every translation request with its paragraphs prefixed by "[xx] ". */
export function aPrefixTranslator(prefix: string): (request: FakeRequest) => string {
  return (request) => articleInPrompt(request).map((paragraph) => `${prefix} ${paragraph}`).join('\n\n');
}

export interface World {
  dir: string;
  articles: ArticleStore;
  fake: FakeOpenAI | undefined;
  model: LanguageModel | undefined;
  keyv: Keyv;
  cache: ResultCache;
  usage: UsageTracker;
  service: BriefingService;
  storeUrl: string;
  /** Rewrites an article file and rescans the folder. */
  editArticle(id: string, headline: string, paragraphs: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Without a model the service runs offline. Default true. */
  withModel?: boolean;
  /** Default: a sqlite file in the world's folder. */
  keyv?: Keyv;
  logger?: Logger;
  dailyBudget?: number;
  contextTokens?: number;
  timeoutMs?: number;
  /** ResultCache's in-process layer; default 256 like production. */
  memoryEntries?: number;
  /** The service's per-caller admission hook (production: the per-user cooldown). */
  admit?: BriefingServiceDeps['admit'];
}

/** A function that makes a world per call; every world is closed after each test. */
export function useWorlds(): (options?: WorldOptions) => Promise<World> {
  const worlds: World[] = [];
  afterEach(async () => {
    await Promise.all(worlds.splice(0).map((world) => world.close()));
  });
  return async (options) => {
    const created = await aWorld(options);
    worlds.push(created);
    return created;
  };
}

/** Articles in a temp folder, a fake OpenAI server, a sqlite cache and the service on top. */
export async function aWorld(options: WorldOptions = {}): Promise<World> {
  const { dir, cleanup } = await aTempDir('herald-briefing-');
  const seeds = join(dir, 'seeds');
  await mkdir(seeds);
  await writeFile(join(seeds, `${ENGLISH_ID}.txt`), anArticleText(ENGLISH_HEADLINE, ENGLISH_PARAGRAPHS));
  await writeFile(join(seeds, `${GERMAN_ID}.txt`), anArticleText(GERMAN_HEADLINE, GERMAN_PARAGRAPHS));
  const logger = options.logger ?? silentLogger;
  const articles = await ArticleStore.open({ dir: seeds, logger, watch: false });
  const fake = options.withModel === false ? undefined : await startFakeOpenAI();
  const model = fake
    ? createOpenAIModel({ baseURL: fake.url, model: 'fake-model', timeoutMs: options.timeoutMs ?? 5_000, maxRetries: 0, logger })
    : undefined;
  const storeUrl = `sqlite://${join(dir, 'cache.sqlite')}`;
  const keyv = options.keyv ?? createKeyv(storeUrl, { namespace: 'cache', logger, ttlMs: 3_600_000 });
  const usageKeyv = createKeyv('memory://', { namespace: 'usage', logger });
  const cache = new ResultCache(keyv, logger, { memoryEntries: options.memoryEntries ?? 256 });
  const usage = new UsageTracker(usageKeyv, options.dailyBudget === undefined ? {} : { dailyBudget: options.dailyBudget });
  const service = new BriefingService({
    articles,
    ...(model ? { model } : {}),
    cache,
    usage,
    logger,
    ...(options.contextTokens === undefined ? {} : { contextTokens: options.contextTokens }),
    ...(options.admit ? { admit: options.admit } : {}),
  });
  return {
    dir,
    articles,
    fake,
    model,
    keyv,
    cache,
    usage,
    service,
    storeUrl,
    async editArticle(id, headline, paragraphs) {
      await writeFile(join(seeds, `${id}.txt`), anArticleText(headline, paragraphs));
      await articles.refresh();
    },
    async close() {
      articles.close();
      await fake?.close();
      await keyv.disconnect();
      await usageKeyv.disconnect();
      await cleanup();
    },
  };
}

/** Every passage is verbatim in one of the paragraphs. */
export function allVerbatim(passages: readonly string[], paragraphs: readonly string[]): boolean {
  return passages.every((passage) => paragraphs.some((paragraph) => paragraph.includes(passage)));
}
