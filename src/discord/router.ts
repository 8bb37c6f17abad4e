import {
  ApplicationCommandType,
  MessageFlags,
  type AutocompleteInteraction,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import { UserError } from '../errors.js';
import { describeFailure } from '../failures.js';
import { failureText } from '../i18n/failure-texts.js';
import { translator, type Translator } from '../i18n/index.js';
import { requestLogger, withRequestContext, type Logger } from '../log.js';
import { answerAutocomplete } from './autocomplete.js';
import { sendPauseNotices } from './briefing/notice.js';
import type { Command, CommandContext, InteractionEvent, Rendered } from './command.js';
import type { BotHerald } from '../herald.js';
import { DeferralsInFlight } from './deferrals-in-flight.js';
import { isGoneInteraction } from './errors.js';
import { discordFormat } from './failure-format.js';
import { commandKey, type LoadedCommand } from './loader.js';
import { renderPlain } from './render.js';
import { createResponder, toMessageOptions, type ResponderOptions, type ResponseState } from './respond.js';
import { settleWithin } from '../ops/settle-within.js';
import { DRAIN_MS } from '../ops/shutdown.js';

/** What the router needs. */
export interface RouterOptions {
  commands: readonly LoadedCommand[];
  services: BotHerald;
  logger: Logger;
  responder?: ResponderOptions;
  /** Called once per answered interaction (not autocomplete), for metrics. */
  onInteraction?: (event: InteractionEvent) => void;
}

/**
 * The one place interactions enter: slash commands, context menus, autocomplete and buttons.
 * Every interaction gets an answer; user mistakes become ephemeral explanations, anything else an
 * apology with an error id that is also logged. handle() never rejects.
 */
export class InteractionRouter {
  private readonly byKey = new Map<string, Command>();
  private readonly byName = new Map<string, Command>();
  private readonly running = new Set<Promise<void>>();
  private readonly deferrals = new DeferralsInFlight();
  private closing = false;

  constructor(private readonly options: RouterOptions) {
    for (const loaded of options.commands) {
      this.byKey.set(commandKey(loaded.type, loaded.json.name), loaded.command);
      if (loaded.type === ApplicationCommandType.ChatInput) this.byName.set(loaded.json.name, loaded.command);
    }
  }

  /** Interactions still being answered. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Answers one interaction. Never rejects. */
  handle(interaction: Interaction): Promise<void> {
    const context = { command: describe(interaction), guildId: interaction.guildId, userId: interaction.user.id, requestId: interaction.id };
    const run = withRequestContext(context, () => this.dispatch(interaction)).catch((error: unknown) => {
      // dispatch catches everything; this is the last guard so no rejection ever escapes.
      this.options.logger.error({ err: error, interaction: interaction.id }, 'interaction handler crashed');
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  /**
   * Stops taking new work: later interactions are told Herald is restarting. Resolves when the
   * interactions in flight are answered, or after `timeoutMs`.
   */
  async close(timeoutMs = DRAIN_MS): Promise<void> {
    this.closing = true;
    await settleWithin([...this.running], timeoutMs);
  }


  private async dispatch(interaction: Interaction): Promise<void> {
    const t = translator(interaction.locale);
    const name = describe(interaction);
    const logger = requestLogger(this.options.logger, {
      command: name,
      guildId: interaction.guildId,
      userId: interaction.user.id,
      requestId: interaction.id,
    });
    if (interaction.isAutocomplete()) return this.autocomplete(interaction, t, logger);
    if (!interaction.isRepliable()) return;

    const state: ResponseState = { phase: 'none', update: false, ephemeral: false };
    const started = Date.now();
    let outcome: 'ok' | 'user_error' | 'error' = 'ok';
    try {
      if (this.closing) throw new UserError('shutting_down');
      const ctx = this.context(interaction, state, t, logger);
      if (interaction.isChatInputCommand() || interaction.isContextMenuCommand()) {
        const command = this.byKey.get(commandKey(interaction.commandType, interaction.commandName));
        if (!command) {
          logger.warn('interaction for an unknown command');
          await ctx.respond(() => unknownCommand(interaction.locale), { ephemeral: true });
          return;
        }
        await command.execute(interaction, ctx);
      } else if (interaction.isButton()) {
        const [commandName = '', ...args] = interaction.customId.split(':');
        const command = this.byName.get(commandName);
        if (!command?.button) {
          logger.warn({ customId: interaction.customId }, 'button for an unknown command');
          await ctx.respond(() => unknownCommand(interaction.locale), { ephemeral: true });
          return;
        }
        await command.button(interaction, ctx, args);
      } else {
        await ctx.respond(() => unknownCommand(interaction.locale), { ephemeral: true });
        return;
      }
      if (state.phase === 'none' && !interaction.replied && !interaction.deferred) {
        throw new Error(`command "${name}" finished without answering`);
      }
      await sendPauseNotices(interaction, this.options.services.digests.briefings, logger);
      logger.debug({ ms: Date.now() - started }, 'interaction answered');
    } catch (error) {
      outcome = await this.fail(interaction, state, error, logger);
    } finally {
      this.options.onInteraction?.({ id: interaction.id, command: name, outcome, seconds: (Date.now() - started) / 1000 });
    }
  }

  private context(
    interaction: RepliableInteraction,
    state: ResponseState,
    t: Translator,
    logger: Logger,
  ): CommandContext {
    return {
      services: this.options.services,
      logger,
      locale: interaction.locale,
      t,
      requester: {
        userId: interaction.user.id,
        ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      },
      respond: createResponder(interaction, state, logger, { ...this.options.responder, deferrals: this.deferrals }, () => renderPlain(t('error_took_too_long')).messages[0]),
    };
  }

  private async autocomplete(interaction: AutocompleteInteraction, t: Translator, logger: Logger): Promise<void> {
    try {
      if (this.closing) {
        await interaction.respond([]);
        return;
      }
      const command = this.byName.get(interaction.commandName);
      if (command?.autocomplete) {
        // Autocomplete can only be answered with choices; ctx.respond is a guard against misuse.
        const ctx: CommandContext = {
          services: this.options.services,
          logger,
          locale: interaction.locale,
          t,
          requester: { userId: interaction.user.id, ...(interaction.guildId ? { guildId: interaction.guildId } : {}) },
          respond: () => Promise.reject(new Error('autocomplete interactions cannot be answered with ctx.respond')),
        };
        await command.autocomplete(interaction, ctx);
      } else {
        await answerAutocomplete(interaction, this.options.services.articles.in(interaction.guildId ?? undefined));
      }
    } catch (error) {
      if (isGoneInteraction(error)) {
        logger.debug({ err: error }, 'autocomplete expired before it was answered');
        return;
      }
      logger.warn({ err: error }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  /** Answers an error in whatever state the interaction is in, and never throws; says whose fault it was. */
  private async fail(interaction: RepliableInteraction, state: ResponseState, error: unknown, logger: Logger): Promise<'user_error' | 'error'> {
    if (isGoneInteraction(error)) {
      logger.warn({ code: (error as { code?: unknown }).code }, 'interaction expired or was already answered');
      return 'error';
    }
    const locale = interaction.locale;
    const answer = describeFailure(error, { locale, format: discordFormat(locale, this.options.services.articles.in(interaction.guildId ?? undefined)), logger, failed: 'interaction failed' });
    const rendered: Rendered = renderPlain(answer.text);
    const ephemeral = { flags: MessageFlags.Ephemeral as const };
    const [first = {}, ...rest] = rendered.messages;
    try {
      const deferred = state.phase === 'deferred' || (interaction.deferred && !interaction.replied);
      if (deferred && !state.update && state.ephemeral) {
        await interaction.editReply(toMessageOptions(first));
      } else if (deferred && !state.update) {
        // A public "thinking…" must not turn into a public error: remove it and answer privately.
        await interaction.deleteReply().catch(() => undefined);
        await interaction.followUp({ ...toMessageOptions(first), ...ephemeral });
      } else if (interaction.replied || interaction.deferred || state.phase !== 'none') {
        await interaction.followUp({ ...toMessageOptions(first), ...ephemeral });
      } else {
        await interaction.reply({ ...toMessageOptions(first), ...ephemeral });
      }
      for (const message of rest) await interaction.followUp({ ...toMessageOptions(message), ...ephemeral });
    } catch (answerError) {
      if (isGoneInteraction(answerError)) logger.warn('could not report an error: the interaction expired');
      else logger.error({ err: answerError }, 'could not report an error to the user');
    }
    return answer.outcome;
  }
}

/** The answer to a command, subcommand or button Herald no longer has. */
function unknownCommand(locale: string): Rendered {
  return renderPlain(failureText('unknown_command', {}, locale, discordFormat(locale)));
}

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isMessageComponent()) return `component:${interaction.customId.split(':')[0] ?? ''}`;
  return `type:${interaction.type}`;
}
