import { UNDETERMINED } from '../articles/language.js';
import type { BriefingResult } from '../briefing/types.js';
import type { RequestOutcome } from '../requests/execute.js';
import { renderAskText } from './render-ask-text.js';
import { CONSOLE_HELP, CONSOLE_HELP_DE, HELP_TOPICS, HELP_TOPICS_DE } from './help-text.js';

/** Plain-text rendering of an outcome, for a terminal or a pipe. */
export function renderOutcome(outcome: RequestOutcome, locale = 'en'): string {
  switch (outcome.kind) {
    case 'briefing':
      return renderBriefing(outcome.result);
    case 'ask':
      return renderAskText(outcome.result);
    case 'articles':
      return renderArticles(outcome);
    case 'help': {
      const german = locale === 'de';
      const topic = outcome.topic ? (german ? HELP_TOPICS_DE : HELP_TOPICS)[outcome.topic] : undefined;
      const said = outcome.unrecognized?.trim().slice(0, 80);
      const intro = said === undefined ? '' : german ? `Ich habe „${said}“ nicht verstanden.\n\n` : `I did not understand “${said}”.\n\n`;
      return intro + (topic ?? (german ? CONSOLE_HELP_DE : CONSOLE_HELP));
    }
  }
}

function renderBriefing(result: BriefingResult): string {
  const lines = [`# ${result.headline ?? result.article.headline}`, ''];
  if (result.kind === 'quote') {
    // A quote is printed as it stands in the article: it carries its own quotation marks, so adding
    // ours would double them. The original comes first, as on Discord; a translation goes under it.
    result.paragraphs.forEach((text, index) => {
      const original = result.originals?.[index];
      lines.push(`${index + 1}. ${original ?? text}`);
      if (original !== undefined && original !== text) lines.push(`   → ${text}`);
    });
  } else {
    lines.push(result.paragraphs.join('\n\n'));
  }
  for (const notice of result.notices) lines.push('', `Note: ${notice.message}`);
  const link = result.article.source;
  if (link) lines.push('', `Source: ${link.url}${link.site ? ` (${link.site})` : ''}`);
  const source = result.cached ? 'cache' : 'fresh';
  lines.push('', `[${result.article.id} · ${languageLabel(result.language)} · ${result.model} · ${source}]`);
  return lines.join('\n');
}

/** Articles per console page: a screenful. */
export const CONSOLE_PAGE_SIZE = 20;

function renderArticles(outcome: Extract<RequestOutcome, { kind: 'articles' }>): string {
  if (outcome.articles.length === 0) {
    return outcome.query ? `No article matches “${outcome.query}”.` : 'There are no articles yet.';
  }
  const total = outcome.articles.length;
  const pages = Math.ceil(total / CONSOLE_PAGE_SIZE);
  const page = outcome.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > pages) {
    return `There ${pages === 1 ? 'is 1 page' : `are ${pages} pages`} of ${total} articles; ask for one from 1 to ${pages}, e.g. “articles page ${pages}”.`;
  }
  const title = outcome.query ? `Articles matching “${outcome.query}”:` : `${total} article(s):`;
  const rows = outcome.articles
    .slice((page - 1) * CONSOLE_PAGE_SIZE, page * CONSOLE_PAGE_SIZE)
    .map((article) => `- ${article.id}  [${languageLabel(article.language)}, ${article.wordCount} words]  ${article.headline}`);
  const lines = [title, ...rows];
  if (pages > 1) {
    const query = outcome.query ? ` ${outcome.query}` : '';
    lines.push('', `Page ${page} of ${pages} · ${total} articles.${page < pages ? ` Next: articles${query} page ${page + 1}` : ''}`);
  }
  return lines.join('\n');
}

/** The code as the console shows it ("de"), or words when detection could not tell ("und"). */
function languageLabel(code: string): string {
  return code === UNDETERMINED ? 'language unknown' : code;
}
