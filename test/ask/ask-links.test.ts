import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { renderOutcome } from '../../src/console/render-text.js';
import { createHerald, type Herald } from '../../src/herald.js';
import { silentLogger } from '../../src/log.js';
import { executeRequest } from '../../src/requests/execute.js';
import { REPO_SEEDS } from '../support/articles.js';
import { closeTestServers } from '../sources/fetch/helpers.js';
import { fixture } from '../sources/fixture.js';
import { aTestSite } from '../sources/feed-store/site.js';

const built: Herald[] = [];
afterEach(async () => {
  await Promise.all(built.splice(0).map((herald) => herald.close()));
  await closeTestServers();
});

describe('asking about a web page', () => {
  it('GIVEN /ask with a page link as the article THEN the answer quotes the page and names its site and address', async () => {
    const site = await aTestSite();
    site.routes.set('/lighthouse.html', { body: fixture('page-boilerplate.html'), type: 'text/html; charset=utf-8' });
    const config = loadConfig({ STORE_URL: 'memory://', SEEDS_DIR: REPO_SEEDS, LLM_PROVIDER: 'offline', ALLOW_PRIVATE_NETWORKS: 'true' });
    const herald = await createHerald(config, { logger: silentLogger, watchArticles: false });
    built.push(herald);
    const outcome = await executeRequest({ kind: 'ask', question: 'Where will the logbooks go?', article: site.url('/lighthouse.html') }, herald, { userId: 'console' });
    const text = renderOutcome(outcome);
    expect(text).toContain('His logbooks, 38 volumes in all, will go to the town museum.');
    expect(text).toContain('(Coastline Daily)');
    expect(outcome).toMatchObject({ kind: 'ask', result: { answered: true, articles: [{ source: { url: site.url('/lighthouse.html') } }] } });
  });
});
