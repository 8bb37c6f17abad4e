import { PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction, type Guild } from 'discord.js';
import { type DigestPreview, type DigestService, type RunResult, type SubscribeInput, type SubscriptionStatus } from '../../digests/service.js';
import type { Subscription } from '../../digests/subscriptions.js';
import { UserError } from '../../errors.js';
import { nextSlot, parseTimeOfDay } from '../../time/slots.js';
import type { CommandContext } from '../command.js';
import { digestChannelProblem } from './permissions.js';

/** What `/digest subscribe` reads from its options; the guild and the admin come from the interaction. */
export type DigestSubscribeOptions = Omit<SubscribeInput, 'guildId' | 'createdBy'>;

/** A new subscription and when its first digest is due. */
export interface DigestSubscribed {
  subscription: Subscription;
  /** The first slot after the subscription was created. */
  firstRunAt: Date;
}

/** One subscription's part of `/digest run`: refused before running (channel problem), or run. */
export type DigestRunItem =
  | { kind: 'refused'; subscription: Subscription; problem: UserError }
  | { kind: 'ran'; result: RunResult };

/**
 * The digest service seen from one guild's `/digest` command: each method is the one call a
 * subcommand makes. It adds what only Discord knows: whether Herald may post in a channel, checked
 * before subscribing and before a manual run (the service's scheduler checks again at every post).
 */
export class GuildDigests {
  constructor(
    private readonly service: DigestService,
    /** The guild the command was used in. */
    readonly guild: Guild,
    /** The admin using the command. */
    private readonly userId: string,
  ) {}

  /** Checks the channel, then subscribes. UserError('invalid_channel') when Herald cannot post there. */
  async subscribe(options: DigestSubscribeOptions): Promise<DigestSubscribed> {
    const problem = await digestChannelProblem(this.guild, options.channelId);
    if (problem) throw problem;
    const subscription = await this.service.subscribe({ ...options, guildId: this.guild.id, createdBy: this.userId });
    // The service computes next runs only for list(); the first one is the next slot after creation.
    return { subscription, firstRunAt: nextSlot(parseTimeOfDay(subscription.time), subscription.timezone, new Date(subscription.createdAt)).at };
  }

  /** The guild's subscriptions with their next run. */
  list(): Promise<SubscriptionStatus[]> {
    return this.service.list(this.guild.id);
  }

  /** Removes a subscription by id. */
  remove(id: string): Promise<Subscription> {
    return this.service.remove(this.guild.id, id);
  }

  /** The next digest of one subscription (or of a first one) without posting it. */
  preview(options: { id?: string; language: string }): Promise<DigestPreview> {
    return this.service.preview(this.guild.id, options);
  }

  /**
   * Posts now: the named subscription, or all of the guild's. Subscriptions whose channel Herald
   * cannot post in are refused with the reason instead of being run (a run would pause them).
   */
  async run(id?: string): Promise<DigestRunItem[]> {
    const wanted = id?.trim().toLowerCase();
    const targets = (await this.service.list(this.guild.id)).map((s) => s.subscription).filter((s) => !wanted || s.id === wanted);
    // Nothing to run: runNow reports an unknown id or an empty guild as subscription_not_found.
    if (targets.length === 0) return ran(await this.service.runNow(this.guild.id, id));
    const items: DigestRunItem[] = [];
    for (const subscription of targets) {
      const problem = await digestChannelProblem(this.guild, subscription.channelId);
      if (problem) items.push({ kind: 'refused', subscription, problem });
      else items.push(...ran(await this.service.runNow(this.guild.id, subscription.id)));
    }
    return items;
  }
}

function ran(results: RunResult[]): DigestRunItem[] {
  return results.map((result) => ({ kind: 'ran', result }));
}

/**
 * The guild's digests for a `/digest` subcommand, after the checks every subcommand needs: used in a
 * server, by a member with Manage Server, with the digest service configured.
 */
export async function guildDigests(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<GuildDigests> {
  if (!interaction.inGuild()) {
    throw new UserError('guild_only', { command: '/digest' });
  }
  // default_member_permissions only hides the command; server admins can grant it to anyone.
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('missing_permission', { permission: 'Manage Server' });
  }
  const service = ctx.services.digests;
  const guild = interaction.guild ?? (await interaction.client.guilds.fetch(interaction.guildId));
  return new GuildDigests(service, guild, interaction.user.id);
}

/** The guild's subscriptions for the `id` autocomplete; none outside servers or without Manage Server. */
export async function subscriptionsForAutocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<Subscription[]> {
  const service = ctx.services.digests;
  const allowed = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;
  if (!interaction.guildId || !allowed) return [];
  return (await service.list(interaction.guildId)).map((s) => s.subscription);
}
