import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import type { ArticleLookup } from '../articles/lookup.js';
import { languageName, searchLanguages } from '../languages/index.js';
import { foldText } from '../text/fold.js';
import { searchTimeZones } from '../time/timezones.js';
import { LIMITS, truncate } from './split.js';

/** An autocomplete choice; values are strings for every option Herald autocompletes. */
export type Choice = ApplicationCommandOptionChoiceData<string>;

/** Article choices: headline as name (cut to 100), id as value. Empty query → newest articles. */
export function articleChoices(articles: Pick<ArticleLookup, 'list' | 'search'>, query: string): Choice[] {
  const typed = query.trim();
  const found =
    typed.length === 0
      ? articles.list().slice(0, LIMITS.choices)
      : typed.length === 1
        ? startingWith(articles.list(), typed)
        : articles.search(query, LIMITS.choices).map((match) => match.article);
  return found
    .filter((article) => article.id.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((article) => ({ name: choiceName(article.headline || article.id), value: article.id }));
}

/**
 * One letter typed: the search index matches prefixes from two letters on, so take the articles
 * whose id or a headline word starts with it, newest first.
 */
function startingWith<T extends { id: string; headline: string }>(articles: readonly T[], letter: string): T[] {
  const wanted = foldText(letter);
  return articles.filter((article) => [article.id, ...article.headline.split(/\s+/u)].some((word) => foldText(word).startsWith(wanted))).slice(0, LIMITS.choices);
}

/** Language choices named in the user's locale ("Englisch" for de), value = ISO code. */
export function languageChoices(query: string, locale: string): Choice[] {
  return searchLanguages(query, locale, LIMITS.choices)
    .slice(0, LIMITS.choices)
    .map((language) => {
      const local = safeLanguageName(language.code, locale) ?? language.name;
      const name = local.toLowerCase() === language.name.toLowerCase() ? local : `${local} (${language.name})`;
      return { name: choiceName(`${name} · ${language.code}`), value: language.code };
    });
}

/** IANA time zone choices; "Berlin" → Europe/Berlin. */
export function timezoneChoices(query: string): Choice[] {
  return searchTimeZones(query, LIMITS.choices).map((zone) => ({ name: choiceName(zone), value: zone }));
}

/** Answers autocomplete for the focused option by its name (article, language, timezone); [] otherwise. */
export async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  articles: Pick<ArticleLookup, 'list' | 'search'>,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const query = String(focused.value ?? '');
  let choices: Choice[] = [];
  if (focused.name === 'article') choices = articleChoices(articles, query);
  else if (focused.name === 'language') choices = languageChoices(query, interaction.locale);
  else if (focused.name === 'timezone') choices = timezoneChoices(query);
  await interaction.respond(choices);
}

function choiceName(text: string): string {
  // Discord rejects names shorter than 1; collapse newlines that would break the picker's layout.
  return truncate(text.replace(/\s+/g, ' ').trim() || '?', LIMITS.choiceName);
}

function safeLanguageName(code: string, locale: string): string | undefined {
  try {
    return languageName(code, locale);
  } catch {
    return undefined;
  }
}
