import Keyv from 'keyv';
import type { APIEmbed } from 'discord.js';
import type { ArticleLookup } from '../articles/lookup.js';
import type { StoryGrouper } from '../stories/story.js';
import type { BriefingService } from '../briefing/service.js';
import type { Logger } from '../log.js';
import type { DigestPreviewRequest } from '../requests/parse-digest.js';
import { asShownByDiscord } from '../discord/plain-text.js';

/** The guild id the console previews for: it has no subscriptions, so its next digest is a first one. */
const CONSOLE_GUILD = 'console';

/**
 * What the next digest would post from the console's articles, as text: the scheduler's own
 * selection, composition and message packing (src/digests), so an admin sees the real thing
 * before inviting the bot. Nothing is posted or remembered.
 * @throws UserError language_unknown (and the briefing's refusals)
 */
export async function previewDigest(
  request: DigestPreviewRequest,
  services: { articles: Pick<ArticleLookup, 'list'>; briefing: BriefingService; stories?: StoryGrouper },
  logger: Logger,
): Promise<string> {
  // Loaded on first use: the digest code is not needed to answer anything else.
  const [{ createDigestService }, { discordDigestChannel }, { digestEmbeds, packEmbeds }] = await Promise.all([
    import('../digests/service.js'),
    import('../discord/digest/channel.js'),
    import('../discord/digest/messages.js'),
  ]);
  const digests = createDigestService({
    store: new Keyv(),
    articles: services.articles,
    briefing: services.briefing,
    channel: discordDigestChannel({
      rest: () => {
        throw new Error('a digest preview posts nothing');
      },
    }),
    logger,
    ...(services.stories ? { grouper: services.stories } : {}),
  });
  const preview = await digests.preview(CONSOLE_GUILD, { language: request.language ?? 'en', length: request.length ?? 'short' });
  if (!preview.digest) return 'There are no articles yet, so a digest would post nothing.';
  const packed = packEmbeds(digestEmbeds(preview.digest));
  const messages = packed.map((embeds, index) => {
    const heading = packed.length > 1 ? [`--- message ${index + 1} of ${packed.length} ---`] : [];
    return [...heading, ...embeds.map(embedText)].join('\n\n');
  });
  const { language, length } = preview.digest;
  return [`Preview of the next digest (${language}, ${length}; not posted):`, ...messages].join('\n\n');
}

/** An embed as lines: title, text, footer in brackets, as the reader sees them in Discord. */
function embedText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(`# ${asShownByDiscord(embed.title)}`);
  if (embed.description) lines.push(asShownByDiscord(embed.description));
  if (embed.footer) lines.push(`[${asShownByDiscord(embed.footer.text)}]`);
  return lines.join('\n');
}
