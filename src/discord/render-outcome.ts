import type { Translator } from '../i18n/index.js';
import type { RequestOutcome } from '../requests/execute.js';
import type { Rendered } from './command.js';
import { asPlainText } from './plain-text.js';
import { renderArticles, renderBriefing, renderHelp } from './render.js';
import { renderAsk } from './render-ask.js';
import { truncate } from './split.js';

/** Turns what a request produced into messages, the same for slash commands, buttons and DMs. */
export function renderOutcome(outcome: RequestOutcome, t: Translator, locale: string): Rendered {
  switch (outcome.kind) {
    case 'briefing':
      return renderBriefing(outcome.result, { t, locale });
    case 'ask':
      return renderAsk(outcome.result, { locale });
    case 'articles':
      return renderArticles(outcome.articles, { t, locale, page: Math.max(0, (outcome.page ?? 1) - 1), ...(outcome.query ? { query: outcome.query } : {}) });
    case 'help':
      return renderHelp(
        t,
        // The reader's own words echoed back, shown as typed.
        outcome.unrecognized ? t('dm_unrecognized', { text: truncate(asPlainText(outcome.unrecognized.replace(/\s+/g, ' ')), 80) }) : undefined,
      );
  }
}
