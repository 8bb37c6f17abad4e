import { InteractionResponseType, MessageFlags, Routes, type RepliableInteraction } from 'discord.js';
import type { OutgoingMessage } from './command.js';

/**
 * Herald's two most frequent answers, the reply with a whole message and the edit of a deferred
 * reply, posted as the API JSON Herald's messages already are (render.ts builds API embeds and rows).
 *
 * Why not interaction.reply()/editReply(): both first resolve any form discord.js accepts (strings,
 * builders, files: two module look-ups and a snake-casing pass per message), and editReply() then
 * builds a Message object from Discord's answer that nobody reads. With 100 answers in flight that
 * was about a tenth of the CPU spent before each reply (profiled on Node 20), and each reply of a
 * burst waits for the work before it. Same routes, same `auth: false`, so interaction-rest.ts sends
 * them outside the global limit as before; the interaction's state is updated as discord.js does.
 */
export async function replyWith(interaction: RepliableInteraction, message: OutgoingMessage, ephemeral: boolean): Promise<void> {
  if (interaction.deferred || interaction.replied) throw new Error('the interaction was already answered');
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: { type: InteractionResponseType.ChannelMessageWithSource, data: apiMessage(message, ephemeral) },
    auth: false,
  });
  interaction.replied = true;
  interaction.ephemeral = ephemeral;
}

/** Replaces the deferred (or sent) reply's message. */
export async function editReplyWith(interaction: RepliableInteraction, message: OutgoingMessage): Promise<void> {
  if (!interaction.deferred && !interaction.replied) throw new Error('the interaction has no reply to edit yet');
  await interaction.client.rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), {
    body: apiMessage(message, false),
    auth: false,
  });
}

/** A message as Discord's API takes it; mentions never ping (article text and model output are data). */
function apiMessage(message: OutgoingMessage, ephemeral: boolean) {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowed_mentions: { parse: [], replied_user: false },
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
