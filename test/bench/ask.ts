/**
 * /ask on the dev set: test/devset/questions.jsonl holds questions about test/devset/news.jsonl
 * articles with the sentence(s) that answer them (verbatim, whole or a part), and questions no
 * article answers. Reports, offline and with the fake model:
 * - recall@k: answerable questions whose gold sentence is among the top k retrieved passages
 *   (k = 8 is what the model sees);
 * - answered: answerable questions that got an answer rather than a refusal;
 * - citation precision: cited sentences that are gold sentences, over answered answerable questions
 *   (strict: another sentence may support the answer too);
 * - refused: unanswerable questions refused.
 * The fake model (test/fakes/fake-openai.ts, on 127.0.0.1) hands a question to translate back as it
 * is, and always answers, citing passage [1]
 * verbatim and one sentence that is in no article: its figures show what Herald's checks do with
 * an answer (fabrications dropped), not how good any model is.
 * - recall@k again with the articles held as feed articles are: searched by headline only, without
 *   and with the recent feed bodies' word keys (src/articles/recent-bodies.ts).
 * Run: npm run bench -- ask   (a few seconds)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Keyv from 'keyv';
import { ArticleCollection } from '../../src/articles/collection.js';
import { lookupAcross } from '../../src/articles/lookup.js';
import { parseArticle } from '../../src/articles/parse.js';
import { matchBodies, RecentBodies, type BodySearch } from '../../src/articles/recent-bodies.js';
import type { Article } from '../../src/articles/types.js';
import { AskService } from '../../src/ask/service.js';
import { MAX_PASSAGES, retrieve } from '../../src/ask/retrieve.js';
import { overlaps } from '../../src/briefing/verbatim.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createOpenAIModel } from '../../src/llm/openai.js';
import type { LanguageModel } from '../../src/llm/types.js';
import { silentLogger } from '../../src/log.js';
import { startFakeOpenAI, type FakeRequest } from '../fakes/fake-openai.js';

interface DevItem {
  id: string;
  language: string;
  headline: string;
  text: string;
}
interface Question {
  question: string;
  /** The article that answers it; null for a question no article answers. */
  article: string | null;
  /** Verbatim sentences (or parts of one) that answer it. */
  gold: string[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const readJsonl = <T>(file: string): T[] =>
  readFileSync(`${root}${file}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);

const articles: Article[] = readJsonl<DevItem>('test/devset/news.jsonl').map((item) => {
  const parsed = parseArticle(item.id, new TextEncoder().encode(`${item.headline}\n\n${item.text}`), 0);
  if (!parsed.ok) throw new Error(`dev-set article ${item.id} does not parse`);
  return parsed.article;
});
const collection = new ArticleCollection();
collection.replace(articles);
const lookup = lookupAcross([collection]);
const questions = readJsonl<Question>('test/devset/questions.jsonl');
const answerable = questions.filter((q) => q.article !== null);
const unanswerable = questions.filter((q) => q.article === null);

// A gold sentence that is not in its article would make every figure wrong.
for (const q of answerable) {
  const article = articles.find((a) => a.id === q.article);
  const body = article?.paragraphs.join('\n') ?? '';
  for (const gold of q.gold) if (!body.includes(gold)) throw new Error(`gold not verbatim in ${q.article}: ${gold}`);
}

const isGold = (sentence: string, q: Question): boolean => q.gold.some((gold) => overlaps(sentence, gold));
const pct = (n: number, of: number): string => `${((100 * n) / Math.max(1, of)).toFixed(1)}% (${n}/${of})`;

function recallAt(k: number, over: { lookup: typeof lookup; bodies?: BodySearch } = { lookup }): string {
  const hits = answerable.filter((q) => retrieve(q.question, over.lookup, undefined, over.bodies).passages.slice(0, k).some((p) => isGold(p.text, q))).length;
  return pct(hits, answerable.length);
}

// The same articles as feed articles: the index holds their headlines only (issue 14's memory goal).
const feedCollection = new ArticleCollection({ bodyWords: 0, idWords: false });
feedCollection.replace(articles);
const feedLookup = lookupAcross([feedCollection]);
const recentBodies = new RecentBodies();
recentBodies.update(feedCollection.list());
const feedBodies: BodySearch = { match: (words, limit) => matchBodies([recentBodies], words, limit) };

async function evaluate(label: string, model: LanguageModel | undefined, over: { lookup: typeof lookup; bodies?: BodySearch } = { lookup }): Promise<void> {
  const bodies = over.bodies;
  const service = new AskService({
    articles: { in: () => over.lookup },
    ...(bodies ? { bodies: { bodiesIn: () => bodies } } : {}),
    ...(model ? { model } : {}),
    cache: new ResultCache(new Keyv(), silentLogger),
    logger: silentLogger,
  });
  let answered = 0;
  let cited = 0;
  let citedGold = 0;
  let refused = 0;
  let dropped = 0;
  for (const q of answerable) {
    const result = await service.ask(q.question);
    if (!result.answered) continue;
    answered++;
    cited += result.citations.length;
    citedGold += result.citations.filter((c) => isGold(c.text, q)).length;
    if (result.notices.includes('citations_dropped')) dropped++;
  }
  for (const q of unanswerable) if (!(await service.ask(q.question)).answered) refused++;
  console.log(`\n${label}`);
  console.log(`  answered (answerable questions)    ${pct(answered, answerable.length)}`);
  console.log(`  citation precision                 ${pct(citedGold, cited)}`);
  console.log(`  unanswerable refused               ${pct(refused, unanswerable.length)}`);
  if (model) console.log(`  answers whose fabricated citation was dropped  ${pct(dropped, answered)}`);
}

/** The fake model: passage [1] verbatim, and a sentence no article has. */
function fakeAnswer(request: FakeRequest): string {
  // A question to search again in English: the fake cannot translate, so it hands it back.
  if (request.text.includes('Translate the article into English')) return /<article>\n([\s\S]*?)\n<\/article>/u.exec(request.text)?.[1] ?? '';
  const first = /^\[1\] (.+)$/mu.exec(request.text)?.[1] ?? '';
  return JSON.stringify({
    answer: [
      { statement: 'The first passage answers it.', quotes: [{ text: first }] },
      { statement: 'Something no article says.', quotes: [{ text: 'The committee confirmed the figures on Wednesday evening in a short statement.' }] },
    ],
  });
}

console.log(`questions: ${answerable.length} answerable (${answerable.filter((q) => q.article?.startsWith('de-')).length} German), ${unanswerable.length} unanswerable; ${articles.length} articles`);
console.log(`retrieval  recall@1 ${recallAt(1)}   recall@3 ${recallAt(3)}   recall@${MAX_PASSAGES} (what the model sees) ${recallAt(MAX_PASSAGES)}`);
console.log(`as feed articles, headline search only:        recall@1 ${recallAt(1, { lookup: feedLookup })}   recall@${MAX_PASSAGES} ${recallAt(MAX_PASSAGES, { lookup: feedLookup })}`);
console.log(
  `as feed articles, headline search + recent bodies: recall@1 ${recallAt(1, { lookup: feedLookup, bodies: feedBodies })}   recall@${MAX_PASSAGES} ${recallAt(MAX_PASSAGES, { lookup: feedLookup, bodies: feedBodies })}`,
);
await evaluate('offline (extractive)', undefined);
await evaluate('offline, as feed articles (headline search + recent bodies)', undefined, { lookup: feedLookup, bodies: feedBodies });
const fake = await startFakeOpenAI({ reply: fakeAnswer });
try {
  await evaluate('fake model (cites passage [1] + one fabricated sentence)', createOpenAIModel({ baseURL: fake.url, model: 'fake-model', timeoutMs: 10_000, maxRetries: 0 }));
} finally {
  await fake.close();
}
