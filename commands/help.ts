import { answerRequest } from '../src/discord/answer-request.js';
import type { Command } from '../src/discord/command.js';
import { publicCommand } from '../src/discord/command-builders.js';

/** /help: every command with an example, in the user's language. */
export default {
  data: publicCommand('help'),

  async execute(_interaction, ctx) {
    await answerRequest({ kind: 'help' }, ctx, { ephemeral: true });
  },
} satisfies Command;
