import {
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type APIEmbed,
  type AutocompleteInteraction,
  type ChannelType,
  type ChatInputCommandInteraction,
  type Guild,
  type GuildBasedChannel,
  type SlashCommandStringOption,
} from 'discord.js';
import type { SummaryLength } from '../src/briefing/types.js';
import { DIGEST_COLOR } from '../src/digests/discord-messages.js';
import { DIGEST_CHANNEL_TYPES, missingInChannel } from '../src/digests/discord-permissions.js';
import { isDigestService, type DigestService, type RunResult, type SubscriptionStatus } from '../src/digests/service.js';
import type { Subscription } from '../src/digests/subscriptions.js';
import { formatLocalDateTime, nextSlot, parseTimeOfDay } from '../src/digests/time.js';
import { answerAutocomplete } from '../src/discord/autocomplete.js';
import type { Command, CommandContext, Rendered } from '../src/discord/command.js';
import { GUILD_INSTALL } from '../src/discord/options.js';
import { renderPlain } from '../src/discord/render.js';
import { LIMITS, truncate } from '../src/discord/split.js';
import { UserError } from '../src/errors.js';
import { describe, localized } from '../src/i18n/commands.js';
import { pick } from '../src/i18n/index.js';
import { languageFromLocale, languageName } from '../src/llm/languages.js';

const LENGTHS = ['short', 'medium', 'long'] as const satisfies readonly SummaryLength[];

/** English text with its German localization, for the command picker. */
const text = {
  digest: { en: 'Daily news digests in a channel (Manage Server)', de: 'Tägliche Nachrichtenübersicht in einem Kanal (Server verwalten)' },
  subscribe: { en: 'Post a daily digest in a channel', de: 'Eine tägliche Übersicht in einem Kanal posten' },
  list: { en: 'Show this server’s digests, next and last runs', de: 'Die Übersichten dieses Servers mit nächstem und letztem Lauf' },
  remove: { en: 'Stop a digest', de: 'Eine Übersicht beenden' },
  preview: { en: 'Show the next digest without posting it', de: 'Die nächste Übersicht zeigen, ohne sie zu posten' },
  run: { en: 'Post the digest now', de: 'Die Übersicht jetzt posten' },
  channel: { en: 'Text or announcement channel', de: 'Text- oder Ankündigungskanal' },
  time: { en: 'Local time, e.g. 08:00, 8am, 20:30', de: 'Ortszeit, z. B. 08:00, 8am, 20:30' },
  timezone: { en: 'IANA time zone, e.g. Europe/Berlin', de: 'IANA-Zeitzone, z. B. Europe/Berlin' },
  language: { en: 'Language of the summaries (default: the server’s)', de: 'Sprache der Zusammenfassungen (Standard: die des Servers)' },
  length: { en: 'Summary length per article (default short)', de: 'Länge je Artikel (Standard kurz)' },
  id: { en: 'Subscription id (see /digest list)', de: 'ID der Übersicht (siehe /digest list)' },
  idOptional: { en: 'Subscription id (default: all / the first)', de: 'ID der Übersicht (Standard: alle / die erste)' },
} as const;

type Text = (typeof text)[keyof typeof text];

function idOption(required: boolean, t: Text) {
  return (option: SlashCommandStringOption) =>
    option.setName('id').setDescription(t.en).setDescriptionLocalizations({ de: t.de }).setRequired(required).setAutocomplete(true).setMaxLength(20);
}

const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription(text.digest.en)
  .setDescriptionLocalizations({ de: text.digest.de })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(...GUILD_INSTALL)
  .addSubcommand((sub) =>
    sub
      .setName('subscribe')
      .setDescription(text.subscribe.en)
      .setDescriptionLocalizations({ de: text.subscribe.de })
      .addChannelOption((o) =>
        o.setName('channel').setDescription(text.channel.en).setDescriptionLocalizations({ de: text.channel.de }).setRequired(true).addChannelTypes(...DIGEST_CHANNEL_TYPES),
      )
      .addStringOption((o) => o.setName('time').setDescription(text.time.en).setDescriptionLocalizations({ de: text.time.de }).setRequired(true).setMaxLength(20))
      .addStringOption((o) =>
        o.setName('timezone').setDescription(text.timezone.en).setDescriptionLocalizations({ de: text.timezone.de }).setRequired(true).setAutocomplete(true).setMaxLength(64),
      )
      .addStringOption((o) =>
        o.setName('language').setDescription(text.language.en).setDescriptionLocalizations({ de: text.language.de }).setAutocomplete(true).setMaxLength(60),
      )
      .addStringOption((o) =>
        o
          .setName('length')
          .setDescription(text.length.en)
          .setDescriptionLocalizations({ de: text.length.de })
          .addChoices(...LENGTHS.map((length) => ({ name: describe(`choice_${length}`), name_localizations: localized(`choice_${length}`), value: length }))),
      ),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription(text.list.en).setDescriptionLocalizations({ de: text.list.de }))
  .addSubcommand((sub) => sub.setName('remove').setDescription(text.remove.en).setDescriptionLocalizations({ de: text.remove.de }).addStringOption(idOption(true, text.id)))
  .addSubcommand((sub) => sub.setName('preview').setDescription(text.preview.en).setDescriptionLocalizations({ de: text.preview.de }).addStringOption(idOption(false, text.idOptional)))
  .addSubcommand((sub) => sub.setName('run').setDescription(text.run.en).setDescriptionLocalizations({ de: text.run.de }).addStringOption(idOption(false, text.idOptional)));

/**
 * /digest subscribe | list | remove | preview | run. Hidden from members without Manage Server
 * (default_member_permissions) and checked again here, since server admins can override that default.
 */
export default {
  data,

  async execute(interaction: ChatInputCommandInteraction, ctx) {
    const { guild, digests } = await prepare(interaction, ctx);
    const locale = ctx.locale;
    const sub = interaction.options.getSubcommand(true);
    switch (sub) {
      case 'subscribe': {
        const channel = interaction.options.getChannel('channel', true);
        const time = interaction.options.getString('time', true);
        const timezone = interaction.options.getString('timezone', true);
        const language = interaction.options.getString('language') ?? languageFromLocale(interaction.guildLocale ?? locale)?.code ?? 'en';
        const length = (interaction.options.getString('length') ?? 'short') as SummaryLength;
        await ctx.respond(async () => {
          await checkChannel(guild, channel.id, locale);
          const created = await digests.subscribe({ guildId: guild.id, channelId: channel.id, time, timezone, language, length, createdBy: interaction.user.id });
          return renderSubscribed(created, locale);
        }, { ephemeral: true });
        return;
      }
      case 'list':
        await ctx.respond(async () => renderList(await digests.list(guild.id), locale), { ephemeral: true });
        return;
      case 'remove': {
        const id = interaction.options.getString('id', true);
        await ctx.respond(async () => {
          const removed = await digests.remove(guild.id, id);
          return renderPlain(pick(locale, { en: `Removed digest \`${removed.id}\` (<#${removed.channelId}>, ${removed.time} ${removed.timezone}).`, de: `Übersicht \`${removed.id}\` (<#${removed.channelId}>, ${removed.time} ${removed.timezone}) entfernt.` }));
        }, { ephemeral: true });
        return;
      }
      case 'preview': {
        const id = interaction.options.getString('id') ?? undefined;
        const language = languageFromLocale(interaction.guildLocale ?? locale)?.code ?? 'en';
        await ctx.respond(async () => {
          const preview = await digests.preview(guild.id, { ...(id ? { id } : {}), language });
          if (!preview.digest) {
            return renderPlain(pick(locale, { en: 'Nothing new since the last digest: the next one will not be posted unless articles are added or changed.', de: 'Nichts Neues seit der letzten Übersicht: Die nächste wird nur gepostet, wenn Artikel hinzukommen oder sich ändern.' }));
          }
          const note = preview.subscription
            ? pick(locale, { en: `Preview of \`${preview.subscription.id}\` (not posted):`, de: `Vorschau von \`${preview.subscription.id}\` (nicht gepostet):` })
            : pick(locale, { en: 'Preview of a first digest (not posted):', de: 'Vorschau einer ersten Übersicht (nicht gepostet):' });
          const messages = preview.messages.map((body) => ({ embeds: body.embeds ?? [] }));
          const first = messages[0];
          if (first) Object.assign(first, { content: note });
          return { messages };
        }, { ephemeral: true });
        return;
      }
      case 'run': {
        const id = interaction.options.getString('id') ?? undefined;
        await ctx.respond(async () => {
          // A named id that does not exist is reported by runNow (subscription_not_found).
          const wanted = id?.trim().toLowerCase();
          const targets = (await digests.list(guild.id)).map((s) => s.subscription).filter((s) => !wanted || s.id === wanted);
          if (targets.length === 0) return renderPlain(runLine((await digests.runNow(guild.id, id))[0], locale));
          const lines: string[] = [];
          for (const target of targets) {
            const missing = await missingFor(guild, target.channelId, locale);
            if (missing) lines.push(`⛔ \`${target.id}\`: ${missing}`);
            else for (const result of await digests.runNow(guild.id, target.id)) lines.push(runLine(result, locale));
          }
          return renderPlain(lines.join('\n'));
        }, { ephemeral: true });
        return;
      }
      default:
        throw new UserError('invalid_option', `Unknown subcommand ${sub}.`);
    }
  },

  async autocomplete(interaction: AutocompleteInteraction, ctx) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'id') return answerAutocomplete(interaction, ctx.services.articles);
    const digests = ctx.services.digests;
    const allowed = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;
    if (!interaction.guildId || !allowed || !isDigestService(digests)) return interaction.respond([]);
    const query = String(focused.value ?? '').trim().toLowerCase();
    const subs = (await digests.list(interaction.guildId)).map((s) => s.subscription);
    const choices = subs
      .filter((s) => !query || s.id.includes(query) || channelName(interaction.guild, s.channelId).toLowerCase().includes(query))
      .slice(0, LIMITS.choices)
      .map((s) => ({ name: truncate(`${s.id} · #${channelName(interaction.guild, s.channelId)} · ${s.time} ${s.timezone} · ${s.language}`, LIMITS.choiceName), value: s.id }));
    await interaction.respond(choices);
  },
} satisfies Command;

/** Guild, service and the Manage Server check every subcommand needs. */
async function prepare(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<{ guild: Guild; digests: DigestService }> {
  if (!interaction.inGuild()) {
    throw new UserError('invalid_option', pick(ctx.locale, { en: '/digest works in servers only.', de: '/digest funktioniert nur auf Servern.' }));
  }
  // default_member_permissions only hides the command; server admins can grant it to anyone.
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('missing_permission', 'You need the Manage Server permission to use /digest.', { permission: 'Manage Server' });
  }
  const digests = ctx.services.digests;
  if (!isDigestService(digests)) throw new Error('the digest service is not configured');
  const guild = interaction.guild ?? (await interaction.client.guilds.fetch(interaction.guildId));
  return { guild, digests };
}

async function fetchChannel(guild: Guild, channelId: string): Promise<GuildBasedChannel | undefined> {
  return guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null)) ?? undefined;
}

/** Why Herald cannot post digests in a channel, or undefined when it can. */
async function missingFor(guild: Guild, channelId: string, locale = 'en'): Promise<string | undefined> {
  const channel = await fetchChannel(guild, channelId);
  if (!channel) return pick(locale, { en: `Herald cannot see <#${channelId}> (deleted, or no View Channel).`, de: `Herald sieht <#${channelId}> nicht (gelöscht oder ohne „Kanal ansehen“).` });
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const missing = missingInChannel(channel, me);
  if (missing.length === 0) return undefined;
  return pick(locale, {
    en: `Herald is missing ${missing.map((m) => `**${m}**`).join(', ')} in <#${channelId}>. Give Herald's role that permission in the channel settings, then try again.`,
    de: `Herald fehlt ${missing.map((m) => `**${m}**`).join(', ')} in <#${channelId}>. Gib Heralds Rolle diese Berechtigung in den Kanaleinstellungen und versuche es erneut.`,
  });
}

/** The subscribe-time channel check: type, then Herald's own permissions there. */
async function checkChannel(guild: Guild, channelId: string, locale: string): Promise<void> {
  const channel = await fetchChannel(guild, channelId);
  if (channel && !(DIGEST_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    throw new UserError('invalid_channel', pick(locale, { en: 'Digests can go to text or announcement channels only.', de: 'Übersichten gehen nur in Text- oder Ankündigungskanäle.' }), { channel: channelId });
  }
  const problem = await missingFor(guild, channelId, locale);
  if (problem) throw new UserError('invalid_channel', problem, { channel: channelId });
}

function channelName(guild: Guild | null, channelId: string): string {
  const channel = guild?.channels.cache.get(channelId);
  return channel && 'name' in channel ? channel.name : channelId;
}

function when(instant: Date, timezone: string, locale: string): string {
  return `${formatLocalDateTime(instant, timezone, locale)} (<t:${Math.floor(instant.getTime() / 1000)}:R>)`;
}

function lengthName(length: SummaryLength, locale: string): string {
  return pick(locale, { en: describe(`choice_${length}`), de: localized(`choice_${length}`).de });
}

function renderSubscribed(sub: Subscription, locale: string): Rendered {
  const next = nextSlot(parseTimeOfDay(sub.time), sub.timezone, new Date(sub.createdAt));
  const language = languageName(sub.language, locale);
  return renderPlain(
    pick(locale, {
      en: `Subscribed <#${sub.channelId}> to a daily digest at **${sub.time} ${sub.timezone}** in ${language} (${lengthName(sub.length, locale)}). Id: \`${sub.id}\`.\nFirst digest: ${when(next.at, sub.timezone, locale)}. Try \`/digest preview\` to see it now.`,
      de: `<#${sub.channelId}> bekommt täglich um **${sub.time} ${sub.timezone}** eine Übersicht auf ${language} (${lengthName(sub.length, locale)}). ID: \`${sub.id}\`.\nErste Übersicht: ${when(next.at, sub.timezone, locale)}. Mit \`/digest preview\` siehst du sie schon jetzt.`,
    }),
  );
}

function outcomeText(sub: Subscription, locale: string): string {
  const o = sub.lastOutcome;
  if (!o) return pick(locale, { en: 'Last run: none yet', de: 'Letzter Lauf: noch keiner' });
  const at = formatLocalDateTime(new Date(o.at), sub.timezone, locale);
  const detail = o.detail ? ` (${o.detail})` : '';
  switch (o.status) {
    case 'posted':
      return pick(locale, { en: `Last run: ${at}, posted ${o.articles ?? 0} articles in ${o.messages ?? 0} messages`, de: `Letzter Lauf: ${at}, ${o.articles ?? 0} Artikel in ${o.messages ?? 0} Nachrichten gepostet` });
    case 'nothing_new':
      return pick(locale, { en: `Last run: ${at}, nothing new, nothing posted`, de: `Letzter Lauf: ${at}, nichts Neues, nichts gepostet` });
    case 'retrying':
      return pick(locale, { en: `Last run: ${at}, failed, retrying automatically${detail}`, de: `Letzter Lauf: ${at}, fehlgeschlagen, wird automatisch wiederholt${detail}` });
    case 'failed':
      return pick(locale, { en: `Last run: ${at}, failed${detail}`, de: `Letzter Lauf: ${at}, fehlgeschlagen${detail}` });
    case 'paused':
      return pick(locale, { en: `Last run: ${at}, refused by Discord${detail}`, de: `Letzter Lauf: ${at}, von Discord abgelehnt${detail}` });
    case 'missed':
      return pick(locale, { en: `Last run: skipped, Herald was offline at ${o.slot.replace('T', ' ')} (over 2 h)`, de: `Letzter Lauf: ausgelassen, Herald war um ${o.slot.replace('T', ' ')} offline (über 2 h)` });
  }
}

function renderList(statuses: SubscriptionStatus[], locale: string): Rendered {
  if (statuses.length === 0) {
    return renderPlain(pick(locale, { en: 'No digests in this server yet. Create one with `/digest subscribe`.', de: 'Noch keine Übersichten auf diesem Server. Lege eine mit `/digest subscribe` an.' }));
  }
  const fields = statuses.slice(0, LIMITS.fields).map(({ subscription: s, nextRunAt }) => {
    const lines = [`<#${s.channelId}> · ${languageName(s.language, locale)} · ${lengthName(s.length, locale)}`];
    if (s.pausedReason) {
      lines.push(pick(locale, { en: `⏸️ Paused: ${s.pausedReason}. Fix it, then \`/digest run id:${s.id}\`.`, de: `⏸️ Pausiert: ${s.pausedReason}. Beheben, dann \`/digest run id:${s.id}\`.` }));
    } else if (nextRunAt) {
      lines.push(pick(locale, { en: `Next run: ${when(nextRunAt, s.timezone, locale)}`, de: `Nächster Lauf: ${when(nextRunAt, s.timezone, locale)}` }));
    }
    lines.push(outcomeText(s, locale));
    return { name: truncate(`${s.id} · ${s.time} ${s.timezone}`, LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  const embed: APIEmbed = {
    title: pick(locale, { en: `Digests (${statuses.length}/25)`, de: `Übersichten (${statuses.length}/25)` }),
    color: DIGEST_COLOR,
    fields,
  };
  return { messages: [{ embeds: [embed] }] };
}

function runLine(result: RunResult | undefined, locale: string): string {
  if (!result) return pick(locale, { en: 'No digest to run.', de: 'Keine Übersicht auszuführen.' });
  const s = result.subscription;
  const o = result.outcome;
  switch (result.status) {
    case 'posted':
      return pick(locale, { en: `✅ \`${s.id}\`: posted ${o?.articles ?? 0} articles in ${o?.messages ?? 0} messages to <#${s.channelId}>.`, de: `✅ \`${s.id}\`: ${o?.articles ?? 0} Artikel in ${o?.messages ?? 0} Nachrichten in <#${s.channelId}> gepostet.` });
    case 'nothing_new':
      return pick(locale, { en: `➖ \`${s.id}\`: nothing new since the last digest, nothing posted.`, de: `➖ \`${s.id}\`: nichts Neues seit der letzten Übersicht, nichts gepostet.` });
    case 'paused':
      return pick(locale, { en: `⏸️ \`${s.id}\`: paused, ${o?.detail ?? 'Discord refused the channel'}.`, de: `⏸️ \`${s.id}\`: pausiert, ${o?.detail ?? 'Discord hat den Kanal abgelehnt'}.` });
    case 'retrying':
      return pick(locale, { en: `⏳ \`${s.id}\`: not delivered yet (${o?.detail ?? 'error'}); Herald retries automatically.`, de: `⏳ \`${s.id}\`: noch nicht zugestellt (${o?.detail ?? 'Fehler'}); Herald versucht es automatisch erneut.` });
    default:
      return pick(locale, { en: `➖ \`${s.id}\`: nothing to do (${result.status}).`, de: `➖ \`${s.id}\`: nichts zu tun (${result.status}).` });
  }
}
