import type { ArticleLookup, ScopedArticles } from '../articles/lookup.js';
import type { Article } from '../articles/types.js';
import type { BriefingProgress, BriefingService } from '../briefing/service.js';
import type { BriefingRequest, BriefingResult, Requester } from '../briefing/types.js';
import type { AskService } from '../ask/service.js';
import type { AskResult } from '../ask/types.js';

/** What answering one request produced; renderers (console, Discord) turn it into text. */
export type RequestOutcome =
  | { kind: 'briefing'; result: BriefingResult }
  | { kind: 'ask'; result: AskResult }
  | { kind: 'articles'; articles: Article[]; query?: string; /** 1-based page asked for. */ page?: number }
  | { kind: 'help'; topic?: string; unrecognized?: string };

/** Search results shown at most; beyond this, better words beat more pages. */
const MAX_ARTICLE_RESULTS = 100;

/**
 * The articles an `articles [query]` request lists: matches of the query, best first, or every
 * article. /articles, DMs and the console page through the same list.
 */
export function findArticles(articles: Pick<ArticleLookup, 'list' | 'search'>, query: string | undefined): Article[] {
  return query ? articles.search(query, MAX_ARTICLE_RESULTS).map((match) => match.article) : articles.list();
}

/**
 * Answers any request, however it was asked (slash command, DM words, console). User mistakes
 * surface as UserError from the services; callers render them. `progress` hears when a model
 * call starts (so Discord can defer at once) and sees a summary or translation while it is written.
 */
export async function executeRequest(
  request: BriefingRequest,
  services: { articles: ScopedArticles; briefing: BriefingService; ask: AskService },
  who?: Requester,
  progress?: BriefingProgress,
): Promise<RequestOutcome> {
  switch (request.kind) {
    case 'help':
      return { kind: 'help', ...(request.topic ? { topic: request.topic } : {}), ...(request.unrecognized ? { unrecognized: request.unrecognized } : {}) };
    case 'articles':
      return {
        kind: 'articles',
        ...(request.query ? { query: request.query } : {}),
        ...(request.page === undefined ? {} : { page: request.page }),
        articles: findArticles(services.articles.in(who?.guildId), request.query),
      };
    case 'mistake':
      throw request.error;
    case 'summarize':
      return {
        kind: 'briefing',
        result: await services.briefing.summarize(
          request.article,
          { length: request.length, ...(request.language ? { language: request.language } : {}) },
          who,
          progress,
        ),
      };
    case 'ask':
      return {
        kind: 'ask',
        result: await services.ask.ask(
          request.question,
          {
            ...(request.article ? { article: request.article } : {}),
            ...(request.about ? { about: request.about } : {}),
            ...(request.context ? { context: request.context } : {}),
            ...(request.locale ? { locale: request.locale } : {}),
          },
          who,
          progress,
        ),
      };
    case 'translate':
      return { kind: 'briefing', result: await services.briefing.translate(request.article, request.language, who, progress) };
    case 'quote':
      return {
        kind: 'briefing',
        result: await services.briefing.quote(
          request.article,
          { count: request.count, ...(request.language ? { language: request.language } : {}) },
          who,
          progress,
        ),
      };
  }
}
