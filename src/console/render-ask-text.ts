import { ASK_NOTICE_KEYS } from '../ask/notice-keys.js';
import type { AskArticle, AskResult } from '../ask/types.js';
import { translator } from '../i18n/index.js';

/** An answer to a question as plain text: the console answers in the question's language where it has the words. */
export function renderAskText(result: AskResult): string {
  const t = translator(result.language);
  const lines: string[] = [];
  if (!result.answered) lines.push(t('ask_refused', { question: result.question }));
  else if (result.claims.length > 0) {
    for (const claim of result.claims) lines.push(`${claim.text} ${claim.citations.map((i) => `[${i + 1}]`).join('')}`, '');
    lines.push(`${t('ask_sources')}:`);
    result.citations.forEach((citation, i) => {
      const article = result.articles[citation.article];
      lines.push(`[${i + 1}] ${article ? sourceName(article) : ''}`, `    ${citation.text}`);
      if (citation.translation) lines.push(`    → ${citation.translation}`);
    });
  } else {
    result.articles.forEach((article, index) => {
      lines.push(t('ask_according_to', { source: sourceName(article) }));
      for (const citation of result.citations.filter((c) => c.article === index)) lines.push(`  ${citation.text}`);
      lines.push('');
    });
  }
  for (const notice of result.notices) lines.push('', `Note: ${t(ASK_NOTICE_KEYS[notice])}`);
  const ids = result.articles.map((article) => article.id).join(', ');
  lines.push('', `[${[ids, result.language, result.model, result.cached ? 'cache' : 'fresh'].filter(Boolean).join(' · ')}]`);
  return lines.join('\n').replace(/\n{3,}/gu, '\n\n');
}

function sourceName(article: AskArticle): string {
  const site = article.source ? ` (${article.source.site ?? article.source.url})` : '';
  return `“${article.headline || article.id}”${site}`;
}
