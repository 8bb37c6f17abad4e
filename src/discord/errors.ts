import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/**
 * Errors that mean "this interaction can no longer be answered": its token expired (10062) or it was
 * already answered (40060). Logged, never retried, never crash anything.
 */
export function isGoneInteraction(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged ||
      error.code === RESTJSONErrorCodes.UnknownWebhook ||
      // The interaction token expired (15 min) or the message it would edit is gone.
      error.code === RESTJSONErrorCodes.InvalidWebhookToken ||
      error.code === RESTJSONErrorCodes.UnknownMessage)
  );
}
