/**
 * REST routes of the fake Discord that do not create messages: gateway discovery, the bot user and
 * application, application commands (global and guild), guilds, channels, members, DM creation.
 */
import { PermissionFlagsBits } from 'discord.js';
import { discordError, type Reply, type RestRouter } from './discord-http.js';
import type { DiscordModel } from './discord-model.js';
import { guildCreatePayload, textOf, type Json } from './discord-payloads.js';

/** What the routes need beyond the model. */
export interface RouteSettings {
  gatewayUrl(): string;
  recommendedShards: number;
}

/** 10003 for a missing channel; in guilds 50001 without View Channel and 50013 without `needed`. */
export function channelProblem(model: DiscordModel, channelId: string, needed: bigint): Reply | undefined {
  const channel = model.findChannel(channelId);
  if (!channel) return discordError(10003);
  if (!channel.guild_id) return undefined;
  const perms = model.botPermissions(channelId);
  if (!(perms & PermissionFlagsBits.ViewChannel)) return discordError(50001);
  if (!(perms & needed)) return discordError(50013);
  return undefined;
}

function applicationPayload(model: DiscordModel): Json {
  return {
    id: model.applicationId,
    name: model.people.bot.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: model.people.admin,
    team: null,
    bot: model.people.bot,
    approximate_guild_count: model.guilds.length,
    integration_types_config: { 0: {} },
  };
}

export function defineRoutes(router: RestRouter, model: DiscordModel, settings: RouteSettings): void {
  router.on('GET', '/gateway', () => ({ status: 200, body: { url: settings.gatewayUrl() } }), true);
  router.on('GET', '/gateway/bot', () => ({
    status: 200,
    body: {
      url: settings.gatewayUrl(),
      shards: settings.recommendedShards,
      // Concurrency 16 as for large bots, so shards of a test identify without 5 s waits.
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 16 },
    },
  }));
  router.on('GET', '/users/@me', () => ({ status: 200, body: { ...model.botAuthor(), verified: true, flags: 0 } }));
  router.on('GET', '/users/:userId', ({ params }) =>
    model.knowsUser(params.userId ?? '') ? { status: 200, body: model.user(params.userId ?? '') } : discordError(10013, 404, 'Unknown User'),
  );
  router.on('POST', '/users/@me/channels', ({ body }) => {
    const id = textOf(body.recipient_id);
    if (!/^\d+$/.test(id)) return discordError(50035, 400, 'Invalid Form Body');
    return { status: 200, body: model.dmChannel(id) };
  });
  router.on('GET', '/applications/@me', () => ({ status: 200, body: applicationPayload(model) }));
  router.on('GET', '/oauth2/applications/@me', () => ({ status: 200, body: applicationPayload(model) }));
  defineCommandRoutes(router, model);
  defineGuildRoutes(router, model);
}

function defineCommandRoutes(router: RestRouter, model: DiscordModel): void {
  const { commands } = model;
  for (const scope of ['', '/guilds/:guildId'] as const) {
    const base = `/applications/:appId${scope}/commands`;
    const check = (params: Record<string, string>): Reply | undefined => {
      if (params.appId !== model.applicationId) return discordError(50035, 400, 'Invalid Form Body');
      if (scope && !model.findGuild(params.guildId ?? '')) return discordError(50001);
      return undefined;
    };
    router.on('GET', base, ({ params, query }) => {
      const withLocalizations = query.get('with_localizations') === 'true';
      return check(params) ?? { status: 200, body: commands.list(params.guildId).map((c) => commands.view(c, withLocalizations)) };
    });
    router.on('GET', `${base}/:commandId`, ({ params }) => {
      const command = commands.list(params.guildId).find((c) => c.id === params.commandId);
      return check(params) ?? (command ? { status: 200, body: commands.view(command, true) } : discordError(10063));
    });
    router.on('PUT', base, ({ params, rawBody, request }) => {
      const bad = check(params);
      if (bad) return bad;
      const result = commands.bulkOverwrite(params.guildId, rawBody);
      return result.ok ? { status: 200, body: result.value } : router.reject(request, 'invalid_command', result.problems);
    });
    router.on('POST', base, ({ params, body, request }) => {
      const bad = check(params);
      if (bad) return bad;
      const result = commands.upsert(params.guildId, body);
      if (!result.ok) return router.reject(request, 'invalid_command', result.problems);
      return { status: result.value.created ? 201 : 200, body: result.value.command };
    });
    router.on('PATCH', `${base}/:commandId`, ({ params, body, request }) => {
      const bad = check(params);
      if (bad) return bad;
      const result = commands.edit(params.guildId, params.commandId ?? '', body);
      if (!result) return discordError(10063);
      return result.ok ? { status: 200, body: result.value } : router.reject(request, 'invalid_command', result.problems);
    });
    router.on('DELETE', `${base}/:commandId`, ({ params }) => {
      const bad = check(params);
      if (bad) return bad;
      return commands.delete(params.guildId, params.commandId ?? '') ? { status: 204 } : discordError(10063);
    });
  }
}

function defineGuildRoutes(router: RestRouter, model: DiscordModel): void {
  router.on('GET', '/guilds/:guildId', ({ params }) => {
    const guild = model.findGuild(params.guildId ?? '');
    if (!guild) return discordError(10004);
    const { channels: _channels, members: _members, ...rest } = guildCreatePayload(guild);
    return { status: 200, body: rest };
  });
  router.on('GET', '/guilds/:guildId/channels', ({ params }) => {
    const guild = model.findGuild(params.guildId ?? '');
    return guild ? { status: 200, body: guild.channels } : discordError(10004);
  });
  router.on('GET', '/guilds/:guildId/roles', ({ params }) => {
    const guild = model.findGuild(params.guildId ?? '');
    return guild ? { status: 200, body: guild.roles } : discordError(10004);
  });
  router.on('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
    const guild = model.findGuild(params.guildId ?? '');
    if (!guild) return discordError(10004);
    const member = guild.members.find((m) => m.user.id === params.userId);
    return member ? { status: 200, body: member } : discordError(10007, 404, 'Unknown Member');
  });
  router.on('GET', '/channels/:channelId', ({ params }) => {
    const channel = model.findChannel(params.channelId ?? '');
    return channel ? { status: 200, body: channel } : discordError(10003);
  });
  router.on('POST', '/channels/:channelId/typing', ({ params }) => channelProblem(model, params.channelId ?? '', PermissionFlagsBits.SendMessages) ?? { status: 204 });
}
