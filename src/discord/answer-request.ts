import type { BriefingProgress } from '../briefing/service.js';
import type { BriefingRequest } from '../briefing/types.js';
import { executeRequest } from '../requests/execute.js';
import type { CommandContext, ResponseProgress, RespondOptions } from './command.js';
import { streamInto } from './options.js';
import { renderOutcome } from './render-outcome.js';

/**
 * Answers a slash command (or button) the way DMs and the console answer: its request runs through
 * executeRequest and the shared renderer, so an option means the same on every surface. Summaries
 * and translations stream into the deferred reply while the model writes; a mistake request is
 * thrown there and answered by the router like any UserError.
 */
export async function answerRequest(request: BriefingRequest, ctx: CommandContext, options?: RespondOptions): Promise<void> {
  await ctx.respond(async (progress) => {
    const outcome = await executeRequest(request, ctx.services, ctx.requester, streaming(request, progress, ctx));
    return renderOutcome(outcome, ctx.t, ctx.locale);
  }, options);
}

function streaming(request: BriefingRequest, progress: ResponseProgress, ctx: CommandContext): BriefingProgress {
  if (request.kind === 'summarize' || request.kind === 'translate') return streamInto(progress, request.kind, ctx);
  // Quotes are not streamed, but a model call still means "thinking…" at once.
  return { onModelCall: () => progress.defer() };
}
