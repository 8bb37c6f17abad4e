import { foldText } from '../text/fold.js';

// UN M49 areas people name in news ("Europe", "Asia", "Lateinamerika"), next to the ISO 3166 countries.
const AREAS = ['001', '002', '009', '019', '021', '142', '150', '419', 'EU', 'UN'];
const LOCALES = ['en', 'de'];

let places: ReadonlySet<string> | undefined;

/**
 * Whether `text` names a country or world region in English or German ("germany", "Europa",
 * "the United States"). A trailing "in europe" is then part of what the user asks about, not the
 * language of the answer.
 */
export function isPlaceName(text: string): boolean {
  places ??= placeNames();
  return places.has(foldText(text).replace(/^the\s+/u, '').trim());
}

function placeNames(): ReadonlySet<string> {
  const names = new Set<string>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [...letters].flatMap((a) => [...letters].map((b) => a + b)).concat(AREAS);
  for (const locale of LOCALES) {
    const display = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const name = display.of(code);
      if (name) names.add(foldText(name));
    }
  }
  return names;
}
