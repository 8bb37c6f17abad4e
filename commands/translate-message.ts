import type { Command } from '../src/discord/command.js';
import { messageMenuCommand } from '../src/discord/message-menu.js';

/** Message menu "Translate message": the message's text (or the page it links) in the user's language, only for them. */
export default messageMenuCommand({
  name: 'menu_translate',
  kind: 'translate',
  brief: (text, language, ctx, progress) => ctx.services.briefing.translateText(text, language ?? 'en', ctx.requester, progress),
  briefPage: (url, language, ctx, progress) => ctx.services.briefing.translate(url, language ?? 'en', ctx.requester, progress),
}) satisfies Command;
