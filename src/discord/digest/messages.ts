import { createHash } from 'node:crypto';
import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Digest } from '../../digests/compose.js';
import { groupWithin } from '../../grouping.js';
import { translator } from '../../i18n/index.js';
import { catalogNotice } from '../../i18n/notices.js';
import { asPlainText } from '../plain-text.js';
import { LIMITS, splitText, truncate } from '../split.js';

/** A digest message's body: always with its nonce (see digestMessages). */
export type DigestMessageBody = RESTPostAPIChannelMessageJSONBody & { nonce: string };

/** Digest embeds' colour. */
export const DIGEST_COLOR = 0xe67e22;

function embedSize(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** The embeds of a digest, in order: a dated header, then one (or, for a very long summary, more) per article. */
export function digestEmbeds(digest: Digest): APIEmbed[] {
  const t = translator(digest.language);
  // The catalog's words, in the digest's language: a public channel gets no set-up hints.
  const headerLines = [...new Set(digest.notices.map((notice) => `ℹ️ ${catalogNotice(notice, t)}`))];
  if (digest.more > 0) headerLines.push(t('digest_more', { count: digest.more }));
  const header: APIEmbed = {
    title: truncate(`📰 ${digest.date}`, LIMITS.title),
    color: DIGEST_COLOR,
    footer: { text: truncate(`Herald · ${digest.model}`, LIMITS.footer) },
  };
  if (headerLines.length > 0) header.description = truncate(headerLines.join('\n'), LIMITS.description);
  const embeds: APIEmbed[] = [header];
  for (const item of digest.items) {
    // Summaries are article or model text, and headlines article text: escaped before splitting.
    // A story's sources close its text: the item is the one place its links are.
    const sources = item.sources ? `\n\n${sourcesLine(item.sources, t)}` : '';
    const chunks = splitText(asPlainText(item.summary.join('\n\n')) + sources, LIMITS.description);
    const footer = { text: truncate(`${item.site && !item.sources ? `${item.site} · ` : ''}${item.articleId} · /summarize article:${item.articleId}`, LIMITS.footer) };
    const headline = asPlainText(item.headline || item.articleId);
    const first: APIEmbed = { title: truncate(item.update ? `${t('digest_update')}: ${headline}` : headline, LIMITS.title), color: DIGEST_COLOR };
    // A single-source story links its page from the headline; seed articles have none.
    if (!item.sources && item.url && isWebAddress(item.url)) first.url = item.url;
    if (chunks[0]) first.description = chunks[0];
    // Every part carries the footer while packing; packEmbeds keeps it under the item's last part in
    // each message, so a message holding any part names the article (a reply to it is about that article).
    const parts = [first, ...chunks.slice(1).map((description): APIEmbed => ({ description, color: DIGEST_COLOR }))];
    for (const part of parts) part.footer = { ...footer };
    embeds.push(...parts);
  }
  return embeds;
}

/** Sources a story item shows by name; the rest are counted ("+3 more"). */
export const VISIBLE_SOURCES = 5;

/** "Sources: [Site](page) · Site · +2 more": site names escaped, pages linked when they are web addresses. */
function sourcesLine(sources: readonly { site: string; url?: string }[], t: ReturnType<typeof translator>): string {
  const shown = sources.slice(0, VISIBLE_SOURCES).map(({ site, url }) => {
    // Brackets go before escaping: dropped after it, an escape's backslash would be left to escape what follows.
    const name = asPlainText(site.replace(/[[\]]/g, ''));
    return url && isWebAddress(url) ? `[${name}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : name;
  });
  const hidden = sources.length - shown.length;
  if (hidden > 0) shown.push(t('digest_sources_more', { count: hidden }));
  return t('digest_sources', { list: shown.join(' · ') });
}

function isWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/**
 * Packs embeds into as few messages as Discord's limits allow (≤ 10 embeds, ≤ 6,000 characters each), in
 * order. Consecutive parts of one item (the same footer) show that footer once per message, under the
 * last of them there.
 */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  return groupWithin(embeds, embedSize, { maxCount: LIMITS.embedsPerMessage, maxSize: LIMITS.embedTotal }).map((message) =>
    message.map((embed, index) => {
      const next = message[index + 1];
      if (!embed.footer || next?.footer?.text !== embed.footer.text) return embed;
      const { footer: _repeated, ...withoutFooter } = embed;
      return withoutFooter;
    }),
  );
}

/**
 * The message bodies of one subscription's digest for one slot. Each carries a nonce derived from
 * (subscription, slot, index) with `enforce_nonce`, so if Herald dies between Discord accepting a
 * message and Herald recording it, the re-sent message is recognised by Discord (for a few minutes)
 * instead of appearing twice. Mentions are never allowed: digest text is article and model output.
 */
export function digestMessages(digest: Digest, nonceSeed: string): DigestMessageBody[] {
  return packEmbeds(digestEmbeds(digest)).map((embeds, index) => ({
    embeds,
    allowed_mentions: { parse: [] },
    nonce: createHash('sha256').update(`${nonceSeed}|${index}`).digest('hex').slice(0, 25),
    enforce_nonce: true,
  }));
}
