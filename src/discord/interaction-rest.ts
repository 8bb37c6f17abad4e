import { REST, RESTEvents, type InternalRequest, type RESTOptions, type ResponseLike } from 'discord.js';

/** The routes answered with an interaction's token: its callback and its webhook (edits, follow-ups). */
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const WEBHOOK = /^\/webhooks\/(\d+)\/[^/]+(\/|$)/;

/**
 * discord.js's REST with interaction requests sent by a second REST that has no global limit.
 *
 * Why: @discordjs/rest counts every request against one 50/s global budget, so of 100 answers
 * finished at once the 51st onwards wait for the next second. Discord does not count them: "Interaction
 * endpoints are not bound to the bot's Global Rate Limit"
 * (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit). Per-route buckets and
 * 429s still apply, and the second REST keeps both; everything else (channel posts: digests) stays
 * under the global limit. Interaction requests carry no bot token (discord.js sends them with
 * `auth: false`), so the second REST never gets one: an authorised request always goes the normal way.
 * Only the bot's own application's webhooks count as interaction webhooks.
 */
export class InteractionRest extends REST {
  private readonly interactions: REST;

  constructor(
    options: Partial<RESTOptions>,
    private readonly applicationId: () => string | undefined,
  ) {
    super(options);
    // Same api (DISCORD_API_URL), version, user agent and retries; only the global budget differs.
    this.interactions = new REST({ ...options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
    // Listeners on client.rest (rate limits, debug) hear the interaction requests too.
    this.interactions.on(RESTEvents.RateLimited, (info) => this.emit(RESTEvents.RateLimited, info));
    this.interactions.on(RESTEvents.InvalidRequestWarning, (info) => this.emit(RESTEvents.InvalidRequestWarning, info));
    this.interactions.on(RESTEvents.Response, (request, response) => this.emit(RESTEvents.Response, request, response));
    this.interactions.on(RESTEvents.Debug, (info) => this.emit(RESTEvents.Debug, info));
  }

  /** Whether Discord exempts this request from the global limit. */
  isInteractionRequest(request: Pick<InternalRequest, 'fullRoute' | 'auth'>): boolean {
    if (request.auth !== false) return false;
    if (CALLBACK.test(request.fullRoute)) return true;
    const webhookId = WEBHOOK.exec(request.fullRoute)?.[1];
    return webhookId !== undefined && webhookId === this.applicationId();
  }

  override queueRequest(request: InternalRequest): Promise<ResponseLike> {
    return this.isInteractionRequest(request) ? this.interactions.queueRequest(request) : super.queueRequest(request);
  }

  override setAgent(agent: Parameters<REST['setAgent']>[0]): this {
    super.setAgent(agent);
    this.interactions.setAgent(agent);
    return this;
  }

  override clearHashSweeper(): void {
    super.clearHashSweeper();
    this.interactions.clearHashSweeper();
  }

  override clearHandlerSweeper(): void {
    super.clearHandlerSweeper();
    this.interactions.clearHandlerSweeper();
  }
}
