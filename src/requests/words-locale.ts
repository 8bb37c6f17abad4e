/** The first words that mark a German request in plain words; the answer then comes in German. */
const GERMAN_VERBS = new Set([
  'hilfe', 'artikel', 'liste', 'suche', 'zusammenfassen', 'zusammenfassung', 'fasse', 'übersetze', 'übersetzen',
  'übersetzung', 'uebersetze', 'zitat', 'zitate', 'zitiere', 'frage', 'fragen',
]);

/**
 * The locale a request in plain words is answered in where nothing else tells it (DMs carry no
 * Discord locale, the console has none): its first word decides, German or English.
 */
export function localeOfWords(text: string): string {
  const first = text.trim().toLowerCase().split(/\s+/)[0]?.replace(/^[/!]+/, '') ?? '';
  return GERMAN_VERBS.has(first) ? 'de' : 'en';
}
