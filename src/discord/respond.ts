import { MessageFlags, type BaseMessageOptions, type RepliableInteraction } from 'discord.js';
import { translator } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { OutgoingMessage, Rendered, RespondOptions, ResponseProgress } from './command.js';
import type { DeferralsInFlight } from './deferrals-in-flight.js';
import { renderPlain } from './render.js';
import { editReplyWith, replyWith } from './whole-message.js';

/**
 * Work that says it waits for the model defers at once (progress.defer); anything else that has not
 * settled by now defers anyway (a stalled store read), leaving Discord's 3 s a wide margin. Cached
 * and offline answers take milliseconds, so they never show "thinking…".
 */
export const DEFER_AFTER_MS = 1_000;
/**
 * Work that deferred waits this long at most for Discord to confirm the acknowledgement (its own and
 * those sent before it: deferrals-in-flight.ts) before it starts its model call: long enough for a
 * normal round trip, short enough that a stalled or rate-limited Discord never holds up the answer.
 * Starting the model call with the deferral instead (or one event-loop turn later) was measured
 * with 100 interactions in flight: final answers came ~25% sooner, but the model requests held back
 * the later deferrals and first-callback p99 doubled.
 */
export const ACK_WAIT_MS = 300;
/** Discord rate-limits message edits; streaming previews go out at most this often. */
export const EDIT_INTERVAL_MS = 1_000;

/** No mention in anything Herald sends may ping: article text and model output are data. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

/** Where an interaction's answer stands; the router reads it to answer an error the right way. */
export interface ResponseState {
  /** none: nothing sent yet; deferred: "thinking…" shown (or deferUpdate); answered: a message was sent. */
  phase: 'none' | 'deferred' | 'answered';
  /** The first response replaced the component's message (deferUpdate / update). */
  update: boolean;
  /** The first response was ephemeral. */
  ephemeral: boolean;
}

/** Turns one outgoing message into discord.js options, with mentions disabled. */
export function toMessageOptions(message: OutgoingMessage): BaseMessageOptions {
  return {
    ...(message.content !== undefined ? { content: message.content } : {}),
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * Discord accepts answers to an interaction for 15 minutes. Work still running after this long (a
 * long translation on a slow local model) gets a note instead of a reply that would be lost; its
 * result is cached, so asking again later is answered at once.
 */
export const TOKEN_NOTICE_AFTER_MS = 14 * 60_000;

/** Options of the responder; tests and the bench shorten the delays. */
export interface ResponderOptions {
  deferAfterMs?: number;
  ackWaitMs?: number;
  /** The deferrals of every interaction answered alongside (the router's); default: this one's alone. */
  deferrals?: DeferralsInFlight;
  editIntervalMs?: number;
  tokenNoticeAfterMs?: number;
}

/**
 * Builds ctx.respond for one interaction (see CommandContext.respond): answers directly when the work
 * is quick, defers first when it says it will wait or has not settled after deferAfterMs, streams
 * previews into the deferred reply at most once per EDIT_INTERVAL_MS, and sends extra messages as
 * follow-ups. `state` is updated as it goes.
 */
export function createResponder(
  interaction: RepliableInteraction,
  state: ResponseState,
  logger: Logger,
  options: ResponderOptions = {},
  /** The note sent when the answer is too late (rendered only then). */
  tooLong: () => OutgoingMessage | undefined = () => renderPlain(translator('en')('error_took_too_long')).messages[0],
): (work: (progress: ResponseProgress) => Rendered | Promise<Rendered>, respondOptions?: RespondOptions) => Promise<void> {
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const editIntervalMs = options.editIntervalMs ?? EDIT_INTERVAL_MS;
  const tokenNoticeAfterMs = options.tokenNoticeAfterMs ?? TOKEN_NOTICE_AFTER_MS;
  const ackWaitMs = options.ackWaitMs ?? ACK_WAIT_MS;

  return async (work, respondOptions = {}) => {
    if (state.phase !== 'none') throw new Error('ctx.respond may be called once per interaction');
    const ephemeral = respondOptions.ephemeral ?? false;
    const update = (respondOptions.update ?? false) && interaction.isMessageComponent();
    state.update = update;
    state.ephemeral = ephemeral;

    let deferral: Promise<void> | undefined;
    // Past Discord's window the answer could not be delivered: say so while the token still works.
    // Only a deferred answer can be that late, so only a deferral starts the clock: a cached answer,
    // sent at once, costs no timer (each has its own duration, so each costs Node a timer list).
    let expired = false;
    let expiry: NodeJS.Timeout | undefined;
    const watchExpiry = () => {
      expiry = setTimeout(
        () => {
          expired = true;
          void (async () => {
            await previews.stop();
            await deferral;
            await editReplyWith(interaction, tooLong() ?? {});
          })().catch((error: unknown) => logger.warn({ err: error }, 'could not say the answer is taking too long'));
        },
        Math.max(0, tokenNoticeAfterMs - (Date.now() - interaction.createdTimestamp)),
      );
    };
    const defer = (): Promise<void> => {
      if (deferral) return deferral;
      deferral = (async () => {
        state.phase = 'deferred';
        if (update && interaction.isMessageComponent()) await interaction.deferUpdate();
        else await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      })();
      options.deferrals?.track(deferral);
      watchExpiry();
      return deferral;
    };
    let earlyPreview: LazyMessage | undefined;
    let firstPartialAt: number | undefined;
    const deferNow = (): Promise<void> => {
      if (!deferral) {
        clearTimeout(timer);
        void defer();
        if (earlyPreview) previews.push(earlyPreview, firstPartialAt);
      }
      // A rejection is observed where the deferral is awaited below; callers only wait for it.
      const acknowledged = (deferral ?? Promise.resolve()).catch(() => undefined).then(() => options.deferrals?.sentSoFarSettled());
      let bound: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (bound = setTimeout(resolve, ackWaitMs)));
      return Promise.race([acknowledged, waited]).finally(() => clearTimeout(bound));
    };
    const timer = setTimeout(() => void deferNow(), deferAfterMs);
    const previews = new PreviewEditor(
      async (message) => {
        await defer();
        await editReplyWith(interaction, message);
      },
      editIntervalMs,
      logger,
    );

    let rendered: Rendered;
    try {
      rendered = await work({
        defer: deferNow,
        // Quick work is answered in one go; previews only start once the reply is deferred anyway.
        preview: (partial) => {
          const first = () => partial().messages[0];
          firstPartialAt ??= Date.now();
          if (deferral) previews.push(first, firstPartialAt);
          else earlyPreview = first;
        },
      });
    } catch (error) {
      clearTimeout(timer);
      clearTimeout(expiry);
      await previews.stop();
      if (expired) {
        // The note already told the user to ask again; the token is gone, so no error can follow it.
        state.phase = 'answered';
        logger.warn({ err: error }, 'work failed after Discord stopped accepting its answer');
        return;
      }
      // Let the router see a settled state: it answers a deferred interaction differently.
      if (deferral) await deferral.catch(() => undefined);
      throw error;
    }
    clearTimeout(timer);
    clearTimeout(expiry);
    await previews.stop();
    if (expired) {
      state.phase = 'answered';
      logger.info('answer ready after Discord stopped accepting it; it is cached for the next ask');
      return;
    }

    const [first = renderPlain('').messages[0] ?? {}, ...rest] = rendered.messages;
    const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    if (deferral) {
      await deferral;
      await editReplyWith(interaction, first);
    } else if (update && interaction.isMessageComponent()) {
      await interaction.update(toMessageOptions(first));
    } else {
      await replyWith(interaction, first, ephemeral);
    }
    state.phase = 'answered';
    for (const message of rest) await interaction.followUp({ ...toMessageOptions(message), ...flags });
  };
}

/** A preview rendered only when it is sent (undefined: nothing to show). */
type LazyMessage = () => OutgoingMessage | undefined;

/**
 * Sends the latest preview at most once per interval, the first one an interval after text began
 * to arrive; older previews that were never sent are dropped. stop() waits for an edit in flight and for the interval to pass, so the final answer
 * never lands less than an interval after a preview.
 */
class PreviewEditor {
  private pending: LazyMessage | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private inFlight: Promise<void> = Promise.resolve();
  /** When the last edit request started; spacing is measured between starts. */
  private lastEdit = 0;
  private lastSent: string | undefined;
  private since: number | undefined;
  private stopped = false;

  constructor(
    private readonly edit: (message: OutgoingMessage) => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Queues the latest preview. `since` is when text started to arrive: the first preview waits an
   * interval from then, so a generation that finishes within a second shows no preview and its
   * answer is not held back by the spacing of edits.
   */
  push(message: LazyMessage, since = Date.now()): void {
    if (this.stopped) return;
    this.pending = message;
    this.since ??= since;
    if (!this.busy) this.schedule();
  }

  private schedule(): void {
    this.busy = true;
    const wait = Math.max(0, Math.max(this.lastEdit, this.since ?? 0) + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.run(), wait);
  }

  private run(): void {
    this.timer = undefined;
    const message = this.pending?.();
    this.pending = undefined;
    const json = message ? JSON.stringify(message) : undefined;
    // A long text's preview stops changing once it fills an embed; an identical edit is only noise.
    if (this.stopped || !message || json === this.lastSent) {
      this.busy = false;
      return;
    }
    this.lastSent = json;
    this.lastEdit = Date.now();
    this.inFlight = this.edit(message)
      .catch((error: unknown) => this.logger.debug({ err: error }, 'preview edit failed'))
      .finally(() => {
        this.busy = false;
        if (this.pending && !this.stopped) this.schedule();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.lastEdit > 0) {
      const wait = this.lastEdit + this.intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
