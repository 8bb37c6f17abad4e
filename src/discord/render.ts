import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import type { Article } from '../articles/types.js';
import type { BriefingNotice, BriefingResult } from '../briefing/types.js';
import { UNDETERMINED } from '../articles/language.js';
import { translator, usesEnglish, type MessageKey, type Translator } from '../i18n/index.js';
import { catalogNotice } from '../i18n/notices.js';
import { languageName } from '../languages/index.js';
import { buttonId, type OutgoingMessage, type Rendered } from './command.js';
import { asPlainText } from './plain-text.js';
import { LIMITS, takeChunk, truncate } from './split.js';

/** Embed colours by kind, so a channel's answers are recognizable at a glance. */
export const COLORS = {
  summarize: 0x5865f2,
  translate: 0x2ecc71,
  quote: 0xf1c40f,
  info: 0x95a5a6,
} as const;

/** Everything a long text needs to become one or more messages of embeds. */
export interface LongTextOptions {
  /** Shown as the first embed's title (cut to 256). */
  title?: string;
  /** Makes the title a link. */
  url?: string;
  /** A small line above the title (the kind of answer). */
  author?: string;
  /** Shown under each message's last embed (article id, language, model, cache). */
  footer?: string;
  color?: number;
  /** Plain lines in the first message's content (notices); cut to 2,000. */
  content?: string;
  /** Text for the embed when `text` is empty. */
  empty?: string;
}

/**
 * Lays a text of any length out as messages of embeds: each description ≤ 4,096, each message ≤ 10
 * embeds and ≤ 6,000 characters over its embeds, split at paragraph → sentence → word boundaries.
 * Title and author go on the very first embed, the footer on each message's last; nothing is cut off.
 * `text` and `title` are shown as markdown: callers pass article and model text through asPlainText.
 */
export function renderLongText(text: string, options: LongTextOptions = {}): Rendered {
  const title = options.title === undefined ? undefined : truncate(options.title, LIMITS.title);
  const author = options.author === undefined ? undefined : truncate(options.author, LIMITS.fieldName);
  const footer = options.footer === undefined ? undefined : truncate(options.footer, LIMITS.footer);
  const head = (title?.length ?? 0) + (author?.length ?? 0);
  const reserve = footer?.length ?? 0;
  // A continuation embed smaller than this is not worth a new embed; start a new message instead.
  const minRoom = 200;

  let rest = text.trim() || options.empty || '\u200b';
  const messages: OutgoingMessage[] = [];
  let first = true;
  while (rest.length > 0) {
    const embeds: APIEmbed[] = [];
    let used = 0;
    while (rest.length > 0 && embeds.length < LIMITS.embedsPerMessage) {
      const headHere = first ? head : 0;
      const room = Math.min(LIMITS.description, LIMITS.embedTotal - used - reserve - headHere);
      if (embeds.length > 0 && room < minRoom) break;
      const { head: chunk, tail } = takeChunk(rest, room);
      const embed: APIEmbed = { description: chunk };
      if (options.color !== undefined) embed.color = options.color;
      if (first) {
        if (title) embed.title = title;
        if (options.url) embed.url = options.url;
        if (author) embed.author = { name: author };
        first = false;
      }
      used += chunk.length + headHere;
      embeds.push(embed);
      rest = tail;
    }
    messages.push({ embeds });
  }
  // Every message carries the footer (room for it was kept in each): it names the article(s), and a
  // reply to any one message of a long answer must find them there (reply-context.ts).
  for (const message of messages) {
    const lastEmbed = message.embeds?.[message.embeds.length - 1];
    if (lastEmbed && footer) lastEmbed.footer = { text: footer };
  }
  const firstMessage = messages[0];
  if (firstMessage && options.content) firstMessage.content = truncate(options.content, LIMITS.content);
  return { messages };
}

/** Per-answer details the renderer cannot know from the result alone. */
export interface BriefingRenderOptions {
  t: Translator;
  /** The reader's locale, for language names. */
  locale: string;
  /** Overrides the headline (message menus have none). */
  title?: string;
  /** Link for the title (message menus link to the message). */
  url?: string;
  /** Overrides the author line (default: the kind of answer). */
  author?: string;
  /** Leaves the article id out of the footer (message menus work on no article). */
  hideArticleId?: boolean;
}

const KIND_KEYS: Record<BriefingResult['kind'], MessageKey> = {
  summarize: 'kind_summarize',
  translate: 'kind_translate',
  quote: 'kind_quote',
};

/** A summary, translation or quote list as embeds: headline title, text, footer with provenance. */
export function renderBriefing(result: BriefingResult, options: BriefingRenderOptions): Rendered {
  const { t } = options;
  // Escaped before splitting, so the splitter keeps every escape whole.
  const text = result.kind === 'quote' ? quoteText(result) : asPlainText(result.paragraphs.join('\n\n'));
  return renderLongText(text, {
    // A translation carries its headline translated; the original stays in article.headline.
    title: options.title ?? asPlainText(result.headline || result.article.headline),
    ...(linkOf(result, options) ? { url: linkOf(result, options) } : {}),
    author: options.author ?? t(KIND_KEYS[result.kind]),
    footer: footerText(result, options),
    color: COLORS[result.kind],
    content: result.notices.map((notice) => `ℹ️ ${noticeText(notice, t, options.locale)}`).join('\n'),
    empty: t('result_empty'),
  });
}

/** A preview of text still being generated: one embed, cut to fit, replaced by the final answer. */
export function renderPartial(
  kind: BriefingResult['kind'],
  text: string,
  options: { t: Translator; title?: string; articleId?: string },
): Rendered {
  const description = truncate(asPlainText(text.trim()) || options.t('working'), LIMITS.description - 2) + ' ▍';
  const embed: APIEmbed = { description, color: COLORS[kind], author: { name: options.t(KIND_KEYS[kind]) } };
  if (options.title) embed.title = truncate(options.title, LIMITS.title);
  // Named as in the finished answer's footer: a reply to the preview is about this article too.
  if (options.articleId) embed.footer = { text: truncate(options.articleId, LIMITS.footer) };
  return { messages: [{ embeds: [embed] }] };
}

/**
 * Each quote as it stands in the article, as a block quote (no quotation marks added: the passage
 * carries its own), its translation, if any, below it.
 */
function quoteText(result: BriefingResult): string {
  return result.paragraphs
    .map((paragraph, index) => {
      const original = result.originals?.[index];
      const quoted = blockquote(original ?? paragraph);
      return original !== undefined && original !== paragraph ? `${quoted}\n${asPlainText(paragraph)}` : quoted;
    })
    .join('\n\n');
}

/** Herald's own "> " before each line; the line itself is article text, so plain. */
function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${asPlainText(line)}`)
    .join('\n');
}

/** The title's link: the caller's (a message), else a fetched article's own page. */
function linkOf(result: BriefingResult, options: BriefingRenderOptions): string | undefined {
  const link = options.url ?? result.article.source?.url;
  return link !== undefined && /^https?:\/\//i.test(link) ? link : undefined;
}

function footerText(result: BriefingResult, options: BriefingRenderOptions): string {
  const parts = [
    // The site a fetched article comes from; the footer is never markdown, so its name shows as written.
    ...(result.article.source?.site ? [result.article.source.site] : []),
    ...(options.hideArticleId ? [] : [result.article.id]),
    displayLanguage(result.language, options.locale),
    result.model,
    options.t(result.cached ? 'footer_cached' : 'footer_fresh'),
  ];
  return parts.join(' · ');
}

/** The service writes notices in English (with set-up hints for the operator); other locales get the catalog's wording. */
function noticeText(notice: BriefingNotice, t: Translator, locale: string): string {
  return usesEnglish(locale) ? notice.message : catalogNotice(notice, t);
}

/** A language code's name in the reader's locale; "language unknown" in their words when detection could not tell ("und"). */
export function displayLanguage(code: string, locale: string): string {
  if (!code || code === UNDETERMINED) return translator(locale)('language_unknown');
  try {
    return languageName(code, locale);
  } catch {
    return code;
  }
}

/** One page of /articles: a line per article, with Previous/Next buttons when there are more pages. */
export interface ArticlesRenderOptions {
  t: Translator;
  locale: string;
  /** 0-based page; clamped into range. */
  page: number;
  query?: string;
  /** Articles per page. */
  pageSize?: number;
}

/** Articles per page of /articles: ten lines stay readable on a phone. */
export const ARTICLES_PAGE_SIZE = 10;

/** The /articles listing. Buttons carry `articles:<page>:<query>` ids back to commands/articles.ts. */
export function renderArticles(articles: readonly Article[], options: ArticlesRenderOptions): Rendered {
  const { t, locale, query } = options;
  const pageSize = options.pageSize ?? ARTICLES_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(articles.length / pageSize));
  const page = Math.min(Math.max(0, Math.trunc(options.page)), pages - 1);
  // The query is the reader's own words, echoed: shown as typed, like headlines.
  const shownQuery = query ? truncate(asPlainText(query), 100) : '';
  const title = query ? t('articles_title_query', { query: shownQuery }) : t('articles_title');
  if (articles.length === 0) {
    const none = query ? t('articles_none_query', { query: shownQuery }) : t('articles_none');
    return { messages: [{ embeds: [{ title: truncate(title, LIMITS.title), description: none, color: COLORS.info }] }] };
  }
  const lines = articles.slice(page * pageSize, (page + 1) * pageSize).map((article) => {
    const meta = t('articles_line', {
      id: article.id,
      language: displayLanguage(article.language, locale),
      words: article.wordCount.toLocaleString(locale),
    });
    // Headlines are data: their "**", "||", backticks or links must not become formatting.
    return `**${truncate(asPlainText(article.headline), 200)}**\n${meta}`;
  });
  const embed: APIEmbed = {
    title: truncate(title, LIMITS.title),
    description: truncate(lines.join('\n\n'), LIMITS.description),
    color: COLORS.info,
    footer: { text: t('articles_page', { page: page + 1, pages, total: articles.length }) },
  };
  const message: OutgoingMessage = { embeds: [embed] };
  if (pages > 1) {
    // Custom ids are capped at 100 characters; a long query is shortened, which only widens the search.
    const shortQuery = (query ?? '').slice(0, 60);
    message.components = [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: t('articles_previous'),
            custom_id: buttonId('articles', Math.max(0, page - 1), 'prev', shortQuery),
            disabled: page === 0,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: t('articles_next'),
            custom_id: buttonId('articles', Math.min(pages - 1, page + 1), 'next', shortQuery),
            disabled: page >= pages - 1,
          },
        ],
      },
    ];
  }
  return { messages: [message] };
}

/** /help: every command with an example, and the direct-message words. */
export function renderHelp(t: Translator, lead?: string): Rendered {
  const sections = [
    t('help_intro'),
    t('help_summarize'),
    t('help_translate'),
    t('help_quote'),
    t('help_articles'),
    t('help_ask'),
    t('help_digest'),
    t('help_briefing'),
    t('help_feed'),
    t('help_menus'),
    `**${t('help_dm_title')}**\n${t('help_dm')}`,
  ];
  const embed: APIEmbed = { title: t('help_title'), description: sections.join('\n\n'), color: COLORS.info };
  return { messages: [{ ...(lead ? { content: truncate(lead, LIMITS.content) } : {}), embeds: [embed] }] };
}

/** A plain message (errors, notices), split into several when over 2,000 characters. */
export function renderPlain(text: string): Rendered {
  const messages: OutgoingMessage[] = [];
  let rest = text.trim() || '\u200b';
  while (rest.length > 0) {
    const { head, tail } = takeChunk(rest, LIMITS.content);
    messages.push({ content: head });
    rest = tail;
  }
  return { messages };
}
