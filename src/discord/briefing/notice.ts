import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { MemberBriefings } from '../../digests/member-briefings.js';
import type { Logger } from '../../log.js';
import { pauseNoticeText } from './render.js';

/**
 * Tells a member, once and only them, that their personal briefing paused because Herald cannot
 * DM them: an ephemeral follow-up to whatever they just used Herald for (a DM would not arrive).
 * Never fails the interaction it rides on.
 */
export async function sendPauseNotices(interaction: RepliableInteraction, briefings: MemberBriefings, logger: Logger): Promise<void> {
  if (!interaction.replied && !interaction.deferred) return;
  try {
    const paused = await briefings.takePauseNotices(interaction.user.id);
    if (paused.length === 0) return;
    await interaction.followUp({ content: pauseNoticeText(paused), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  } catch (error) {
    logger.warn({ err: error }, 'could not show a paused-briefing notice (/briefing list still shows the pause)');
  }
}
