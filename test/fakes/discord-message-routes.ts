/**
 * REST routes of the fake Discord that create or change messages: channel messages, interaction
 * callbacks and the interaction webhook (original response and follow-ups). Every payload is
 * checked against Discord's limits; interaction rules (3 s to acknowledge, one callback, 15 min
 * tokens) are enforced and broken ones recorded as violations.
 */
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { discordError, type RecordedRequest, type Reply, type RestRouter, type RouteContext } from './discord-http.js';
import { checkChoices, checkMessageBody } from './discord-limits.js';
import type { DiscordModel, InteractionRecord, PostedMessage, RecordedFile } from './discord-model.js';
import { aMessage, type FakeMessage, type Json } from './discord-payloads.js';
import { channelProblem } from './discord-routes.js';

const EPHEMERAL = 1 << 6;
/** The "thinking…" state of a deferred reply, cleared by the first edit. */
const LOADING = 1 << 7;
const TOKEN_TTL_MS = 15 * 60_000;

/** What the message routes need beyond the model. */
export interface MessageRouteSettings {
  /** How long an interaction may go unacknowledged. */
  interactionTimeoutMs: number;
  /** Called when an interaction record changes. */
  changed(): void;
}

export function defineMessageRoutes(router: RestRouter, model: DiscordModel, settings: MessageRouteSettings): void {
  const edit = (posted: PostedMessage, body: Json, files: RecordedFile[], request: RecordedRequest): Reply => {
    const problems = checkMessageBody(body, { requireContent: false, hasFiles: files.length > 0 });
    if (problems.length > 0) return router.reject(request, 'limits', problems);
    const guild = posted.message.guild_id ? model.findGuild(posted.message.guild_id) : undefined;
    const fields = model.messageFields(body, guild, files);
    const flags = (posted.message.flags & ~LOADING) | (fields.flags !== undefined ? fields.flags & ~LOADING : 0);
    Object.assign(posted.message, fields, { flags, edited_timestamp: new Date().toISOString() });
    posted.edits.push({ at: performance.now(), body });
    return { status: 200, body: posted.message };
  };

  defineChannelMessageRoutes(router, model, edit);

  const callback = ({ params, query, body, request }: RouteContext): Reply => {
    const record = model.interactions.get(params.interactionId ?? '');
    if (!record || record.token !== params.token) return discordError(10062);
    const type = Number(body.type);
    const data = body.data && typeof body.data === 'object' ? (body.data as Json) : undefined;
    const entry = { type, data, at: performance.now(), status: 0 };
    record.callbacks.push(entry);
    const answer = (reply: Reply): Reply => {
      entry.status = reply.status;
      settings.changed();
      return reply;
    };
    const refuse = (reply: Reply): Reply => {
      // A refused callback leaves the interaction unacknowledged, as on Discord.
      record.callbacks.pop();
      settings.changed();
      return reply;
    };
    if (record.callbacks.length > 1) {
      router.violate(request, 'already_acknowledged', `callback type ${type} after type ${record.callbacks[0]?.type}`);
      return answer(discordError(40060));
    }
    if (entry.at - record.dispatchedAt > settings.interactionTimeoutMs) {
      router.violate(request, 'interaction_timeout', `first callback after ${Math.round(entry.at - record.dispatchedAt)} ms`);
      return answer(discordError(10062));
    }
    let message: FakeMessage | undefined;
    switch (type) {
      case 4:
      case 5: {
        const problems = type === 4 ? checkMessageBody(data ?? {}, { requireContent: true }) : [];
        if (problems.length > 0) return refuse(router.reject(request, 'limits', problems, 'data.'));
        const channel = model.findChannel(record.channelId) ?? model.dmChannel(record.userId);
        const guild = record.guildId ? model.findGuild(record.guildId) : undefined;
        const fields = type === 4 ? model.messageFields(data ?? {}, guild, []) : { flags: (Number(data?.flags ?? 0) & EPHEMERAL) | LOADING };
        message = aMessage(channel, model.botAuthor(), {
          ...fields,
          webhook_id: model.applicationId,
          application_id: model.applicationId,
          type: record.kind === 'command' || record.kind === 'messageCommand' ? 20 : 19,
          interaction_metadata: interactionMetadata(model, record),
        });
        record.original = model.store(message, 'interaction', record.id);
        break;
      }
      case 6:
      case 7: {
        const componentMessage = (record.payload.message as FakeMessage | undefined)?.id;
        if (record.kind !== 'button' || !componentMessage) return refuse(discordError(50035, 400, 'Invalid Form Body'));
        const posted = model.messagesById.get(componentMessage);
        if (posted) {
          if (type === 7) {
            const result = edit(posted, data ?? {}, [], request);
            if (result.status !== 200) return refuse(result);
          }
          record.original = posted;
          message = posted.message;
        }
        break;
      }
      case 8: {
        const problems = checkChoices(data ?? {});
        if (problems.length > 0) return refuse(router.reject(request, 'limits', problems));
        break;
      }
      case 9:
        break;
      default:
        return refuse(discordError(50035, 400, 'Invalid Form Body'));
    }
    if (query.get('with_response') !== 'true') return answer({ status: 204 });
    return answer({
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.payload.type,
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: ((message?.flags ?? 0) & EPHEMERAL) !== 0,
        },
        resource: { type, ...(message ? { message } : {}) },
      },
    });
  };

  /** The interaction behind a webhook route, or the reply that explains why there is none. */
  const webhookInteraction = (params: Record<string, string>, request: RecordedRequest, what: 'followup' | 'original'): InteractionRecord | Reply => {
    const record = params.appId === model.applicationId ? model.interactionsByToken.get(params.token ?? '') : undefined;
    if (!record) return discordError(10015);
    if (performance.now() - record.dispatchedAt > TOKEN_TTL_MS) {
      router.violate(request, 'token_expired', 'interaction tokens live 15 minutes');
      return discordError(50027, 401, 'Invalid Webhook Token');
    }
    if (!record.callbacks.some((c) => c.status > 0 && c.status < 300)) {
      router.violate(request, 'not_acknowledged', `${what} before the interaction was acknowledged`);
      return discordError(what === 'followup' ? 10015 : 10008);
    }
    return record;
  };

  const followup = ({ params, query, body, files, request }: RouteContext): Reply => {
    const record = webhookInteraction(params, request, 'followup');
    if (!('token' in record)) return record;
    const problems = checkMessageBody(body, { requireContent: true, hasFiles: files.length > 0 });
    if (problems.length > 0) return router.reject(request, 'limits', problems);
    const channel = model.findChannel(record.channelId) ?? model.dmChannel(record.userId);
    const guild = record.guildId ? model.findGuild(record.guildId) : undefined;
    const fields = model.messageFields(body, guild, files);
    const message = aMessage(channel, model.botAuthor(), {
      ...fields,
      flags: (fields.flags ?? 0) & EPHEMERAL,
      webhook_id: model.applicationId,
      application_id: model.applicationId,
      type: 0,
      interaction_metadata: {
        ...interactionMetadata(model, record),
        ...(record.original ? { original_response_message_id: record.original.message.id } : {}),
      },
    });
    const posted = model.store(message, 'followup', record.id);
    record.followups.push(posted);
    settings.changed();
    return query.get('wait') === 'true' ? { status: 200, body: message } : { status: 204 };
  };

  const webhookMessage = (method: 'GET' | 'PATCH' | 'DELETE') => ({ params, body, files, request }: RouteContext): Reply => {
    // Routes are matched on the decoded path, so `@original` and `%40original` both land here.
    const isOriginal = params.messageId === '@original';
    const record = webhookInteraction(params, request, isOriginal ? 'original' : 'followup');
    if (!('token' in record)) return record;
    const posted = isOriginal ? record.original : record.followups.find((f) => f.message.id === params.messageId);
    if (!posted || posted.deletedAt !== undefined) return discordError(10008);
    switch (method) {
      case 'GET':
        return { status: 200, body: posted.message };
      case 'DELETE':
        posted.deletedAt = performance.now();
        return { status: 204 };
      case 'PATCH':
        return edit(posted, body, files, request);
    }
  };

  router.on('POST', '/interactions/:interactionId/:token/callback', callback, true);
  router.on('POST', '/webhooks/:appId/:token', followup, true);
  router.on('GET', '/webhooks/:appId/:token/messages/:messageId', webhookMessage('GET'), true);
  router.on('PATCH', '/webhooks/:appId/:token/messages/:messageId', webhookMessage('PATCH'), true);
  router.on('DELETE', '/webhooks/:appId/:token/messages/:messageId', webhookMessage('DELETE'), true);
}

function interactionMetadata(model: DiscordModel, record: InteractionRecord): Json {
  return {
    id: record.id,
    type: record.payload.type,
    user: model.user(record.userId),
    authorizing_integration_owners: record.payload.authorizing_integration_owners,
  };
}

/** The nonce of a create body that asks Discord to enforce it (`enforce_nonce: true`). */
function enforcedNonce(body: Json): string | undefined {
  if (body.enforce_nonce !== true) return undefined;
  return typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : undefined;
}

type Edit = (posted: PostedMessage, body: Json, files: RecordedFile[], request: RecordedRequest) => Reply;

function defineChannelMessageRoutes(router: RestRouter, model: DiscordModel, edit: Edit): void {
  const live = (channelId: string | undefined, messageId: string | undefined): PostedMessage | undefined => {
    const posted = model.messagesById.get(messageId ?? '');
    return posted && posted.deletedAt === undefined && posted.message.channel_id === channelId ? posted : undefined;
  };
  router.on('GET', '/channels/:channelId/messages', ({ params, query }) => {
    const problem = channelProblem(model, params.channelId ?? '', PermissionFlagsBits.ReadMessageHistory);
    if (problem) return problem;
    const limit = Math.min(100, Number(query.get('limit') ?? 50));
    const messages = model.channelMessages(params.channelId ?? '').filter((p) => p.deletedAt === undefined);
    return { status: 200, body: messages.slice(-limit).reverse().map((p) => p.message) };
  });
  router.on('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const problem = channelProblem(model, params.channelId ?? '', PermissionFlagsBits.ReadMessageHistory);
    const posted = live(params.channelId, params.messageId);
    return problem ?? (posted ? { status: 200, body: posted.message } : discordError(10008));
  });
  router.on('POST', '/channels/:channelId/messages', ({ params, body, files, request }) => {
    const channelId = params.channelId ?? '';
    const problem = channelProblem(model, channelId, PermissionFlagsBits.SendMessages);
    if (problem) return problem;
    const channel = model.findChannel(channelId);
    if (!channel) return discordError(10003);
    if (channel.type === ChannelType.GuildCategory) return discordError(50008, 400, 'Cannot send messages in a non-text channel');
    const problems = checkMessageBody(body, { requireContent: true, hasFiles: files.length > 0 });
    if (problems.length > 0) return router.reject(request, 'limits', problems);
    const nonce = enforcedNonce(body);
    const earlier = nonce === undefined ? undefined : model.messageWithNonce(model.people.bot.id, nonce);
    // Discord answers a repeated enforced nonce with the message it created the first time.
    if (earlier) return { status: 200, body: earlier.message };
    const guild = channel.guild_id ? model.findGuild(channel.guild_id) : undefined;
    const fields = model.messageFields(body, guild, files);
    if (guild && (fields.embeds?.length ?? 0) > 0 && !(model.botPermissions(channelId) & PermissionFlagsBits.EmbedLinks)) {
      // Discord posts the message but drops the embeds of a bot without Embed Links.
      router.violate(request, 'embeds_suppressed', 'the bot lacks Embed Links here; Discord drops the embeds');
      fields.embeds = [];
    }
    const posted = model.store(aMessage(channel, model.botAuthor(), fields), 'channel');
    if (nonce !== undefined) model.rememberNonce(posted, nonce);
    return { status: 200, body: posted.message };
  });
  router.on('PATCH', '/channels/:channelId/messages/:messageId', ({ params, body, files, request }) => {
    const problem = channelProblem(model, params.channelId ?? '', PermissionFlagsBits.ViewChannel);
    if (problem) return problem;
    const posted = live(params.channelId, params.messageId);
    if (!posted) return discordError(10008);
    if (posted.message.author.id !== model.people.bot.id) return discordError(50005, 403, 'Cannot edit a message authored by another user');
    return edit(posted, body, files, request);
  });
  router.on('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const posted = live(params.channelId, params.messageId);
    if (!posted) return discordError(10008);
    posted.deletedAt = performance.now();
    return { status: 204 };
  });
}
