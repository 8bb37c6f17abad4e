import { ASK_NOTICE_KEYS } from '../ask/notice-keys.js';
import type { AskArticle, AskResult } from '../ask/types.js';
import { translator, type Translator } from '../i18n/index.js';
import type { Rendered } from './command.js';
import { asPlainText } from './plain-text.js';
import { displayLanguage, renderLongText } from './render.js';
import { truncate } from './split.js';

const ASK_COLOR = 0x3498db;

/**
 * An answer to a question: the statements with numbered citations and the cited sentences under
 * them (model answers), or the sentences themselves under "According to …" (offline), or the
 * refusal. Question, statements, sentences and headlines are data: shown as plain text. The footer
 * names the articles by id: a reply to this message asks about the same ones (see reply-context.ts).
 */
export function renderAsk(result: AskResult, options: { locale: string }): Rendered {
  // The answer's own words come in the asker's language (a German question from an English client
  // gets a German answer), so its frame does too.
  const t = translator(result.language);
  const text = !result.answered
    ? t('ask_refused', { question: asPlainText(truncate(result.question, 300)) })
    : result.claims.length > 0
      ? modelAnswer(result, t)
      : extractiveAnswer(result, t);
  const only = result.articles.length === 1 ? result.articles[0]?.source?.url : undefined;
  return renderLongText(text, {
    title: asPlainText(result.question),
    ...(only && isLink(only) ? { url: only } : {}),
    author: t('kind_ask'),
    footer: footerText(result, options.locale, t),
    color: ASK_COLOR,
    content: result.notices.map((notice) => `ℹ️ ${t(ASK_NOTICE_KEYS[notice])}`).join('\n'),
  });
}

function modelAnswer(result: AskResult, t: Translator): string {
  const statements = result.claims.map((claim) => `${asPlainText(claim.text)} ${claim.citations.map((i) => `[${i + 1}]`).join('')}`);
  const sources = result.citations.map((citation, i) => {
    const article = result.articles[citation.article];
    const lines = [`**[${i + 1}]** ${article ? sourceName(article) : ''}`, blockquote(citation.text)];
    if (citation.translation) lines.push(`→ ${asPlainText(citation.translation)}`);
    return lines.join('\n');
  });
  return [statements.join('\n\n'), `**${t('ask_sources')}**`, sources.join('\n\n')].join('\n\n');
}

/** Offline: the sentences under the article they come from, exactly as written there. */
function extractiveAnswer(result: AskResult, t: Translator): string {
  return result.articles
    .map((article, index) => {
      const sentences = result.citations.filter((citation) => citation.article === index).map((citation) => blockquote(citation.text));
      return [t('ask_according_to', { source: sourceName(article) }), ...sentences].join('\n');
    })
    .join('\n\n');
}

/** “Headline” (site, linked to the article's page when it was fetched). */
function sourceName(article: AskArticle): string {
  const headline = `“${asPlainText(truncate(article.headline || article.id, 200))}”`;
  // Brackets dropped: the site's name stands inside Herald's own link text, where a `]` would close
  // it and let the name open a link of its own.
  const site = article.source?.site ? asPlainText(article.source.site.replace(/[[\]]/gu, '')) : undefined;
  const url = article.source?.url;
  if (url && isLink(url)) return `${headline} ([${site ?? asPlainText(new URL(url).hostname)}](${url}))`;
  return site ? `${headline} (${site})` : headline;
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${asPlainText(line)}`)
    .join('\n');
}

/** Links Herald shows are the articles' own pages, and only when nothing in them could break the markup. */
function isLink(url: string): boolean {
  return /^https?:\/\/[^\s()<>[\]]+$/iu.test(url);
}

function footerText(result: AskResult, locale: string, t: Translator): string {
  return [
    ...(result.articles.length > 0 ? [result.articles.map((article) => article.id).join(', ')] : []),
    displayLanguage(result.language, locale),
    result.model,
    t(result.cached ? 'footer_cached' : 'footer_fresh'),
  ].join(' · ');
}
