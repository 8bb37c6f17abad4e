import { DEFAULT_LENGTH } from '../src/briefing/types.js';
import type { Command } from '../src/discord/command.js';
import { messageMenuCommand } from '../src/discord/message-menu.js';

/** Message menu "Summarize message": a summary of the message's text (or of the page it links) in the user's language, only for them. */
export default messageMenuCommand({
  name: 'menu_summarize',
  kind: 'summarize',
  brief: (text, language, ctx, progress) =>
    ctx.services.briefing.summarizeText(text, { length: DEFAULT_LENGTH, ...(language ? { language } : {}) }, ctx.requester, progress),
  briefPage: (url, language, ctx, progress) =>
    ctx.services.briefing.summarize(url, { length: DEFAULT_LENGTH, ...(language ? { language } : {}) }, ctx.requester, progress),
}) satisfies Command;
