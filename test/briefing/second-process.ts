/**
 * A second Herald process for the "cache survives the process" test: opens the same articles and
 * sqlite store, asks for one summary and prints the result as JSON on stdout.
 *
 *   node --import tsx test/briefing/second-process.ts <seedsDir> <storeUrl> <openaiBaseUrl> <article> <length> [language]
 */
import { ArticleStore } from '../../src/articles/store.js';
import { BriefingService } from '../../src/briefing/service.js';
import type { SummaryLength } from '../../src/briefing/types.js';
import { createKeyv } from '../../src/cache/keyv.js';
import { ResultCache } from '../../src/cache/result-cache.js';
import { createOpenAIModel } from '../../src/llm/openai.js';
import { silentLogger } from '../../src/log.js';

const [seeds = '', storeUrl = '', baseURL = '', article = '', length = 'short', language] = process.argv.slice(2);
const articles = await ArticleStore.open({ dir: seeds, logger: silentLogger, watch: false });
const keyv = createKeyv(storeUrl, { namespace: 'cache', logger: silentLogger, ttlMs: 3_600_000 });
const model = createOpenAIModel({ baseURL, model: 'fake-model', timeoutMs: 5_000, maxRetries: 0 });
const service = new BriefingService({ articles, model, cache: new ResultCache(keyv, silentLogger), logger: silentLogger });
const result = await service.summarize(article, { length: length as SummaryLength, ...(language ? { language } : {}) });
process.stdout.write(`${JSON.stringify(result)}\n`);
articles.close();
await keyv.disconnect();
