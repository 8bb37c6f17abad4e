import type { ArticleStore } from '../articles/store.js';
import type { Article } from '../articles/types.js';
import type { BriefingService } from '../briefing/service.js';
import type { BriefingRequest, BriefingResult, Requester } from '../briefing/types.js';

/** What answering one request produced; renderers (console, Discord) turn it into text. */
export type RequestOutcome =
  | { kind: 'briefing'; result: BriefingResult }
  | { kind: 'articles'; articles: Article[]; query?: string }
  | { kind: 'help'; topic?: string; unrecognized?: string };

/** The services a request needs. */
export interface RequestServices {
  articles: ArticleStore;
  briefing: BriefingService;
}

/**
 * Answers any request, however it was asked (DM words, console, slash syntax).
 * User mistakes surface as UserError from the services; callers render them.
 */
export async function executeRequest(
  request: BriefingRequest,
  services: RequestServices,
  who?: Requester,
): Promise<RequestOutcome> {
  switch (request.kind) {
    case 'help':
      return { kind: 'help', ...(request.topic ? { topic: request.topic } : {}), ...(request.unrecognized ? { unrecognized: request.unrecognized } : {}) };
    case 'articles':
      return request.query
        ? { kind: 'articles', query: request.query, articles: services.articles.search(request.query, 25).map((m) => m.article) }
        : { kind: 'articles', articles: services.articles.list() };
    case 'summarize':
      return {
        kind: 'briefing',
        result: await services.briefing.summarize(
          request.article,
          { length: request.length, ...(request.language ? { language: request.language } : {}) },
          who,
        ),
      };
    case 'translate':
      return { kind: 'briefing', result: await services.briefing.translate(request.article, request.language, who) };
    case 'quote':
      return {
        kind: 'briefing',
        result: await services.briefing.quote(
          request.article,
          { count: request.count, ...(request.language ? { language: request.language } : {}) },
          who,
        ),
      };
  }
}
