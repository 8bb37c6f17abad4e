import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/articles/language.js';
import { ENGLISH_BODY, GERMAN_BODY } from '../support/articles.js';

/**
 * Short English news that tinyld alone reads as Polish: one 4-gram of "Wegovy" is unique to its
 * Polish profile, and a unique gram decides a whole chunk.
 */
const ENGLISH_READ_AS_POLISH =
  'Novo Nordisk posts record profit\nNovo Nordisk posts record profit as demand for Wegovy and Ozempic stays strong. Shares rose 5% in Copenhagen.';
/** English with Finnish place names, which tinyld alone reads as Finnish. */
const ENGLISH_READ_AS_FINNISH =
  'Ro-ro ferry Kalla docks at Vuosaari\nThe ro-ro ferry Kalla docked at Vuosaari at 06:40 with 120 trailers from Travemünde. Port staff said loading went well.';
/** English that tinyld cannot place: French and English score alike. */
const ENGLISH_UNDECIDED =
  'Council votes on budget\nThe council voted on the budget on Monday. Members debated taxes, parks and roads for two hours before a final vote.';
/** Short German that tinyld alone reads as Polish, for the same reason. */
const GERMAN_READ_AS_POLISH =
  'Novo Nordisk: Wegovy-Absatz treibt Rekordgewinn\nNovo Nordisk hat dank der starken Nachfrage nach Wegovy und Ozempic einen Rekordgewinn erzielt. Die Aktie stieg in Kopenhagen um fünf Prozent.';
const SHORT_GERMAN =
  'Hafenfähre fährt elektrisch\nDie Hafenfähre fährt ab dem Frühjahr mit einem neuen Elektromotor, teilte die Hafenbehörde am Freitag mit. Der alte Dieselmotor war dreißig Jahre im Einsatz und musste ständig repariert werden.';
const LONG_GERMAN = `Stadtrat beschließt Haushalt\n${GERMAN_BODY.join('\n\n')}\n\n${SHORT_GERMAN}`;
const FRENCH =
  "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur les transports publics et le logement. Selon la mairie, le plan ajoutera des bus sur les lignes les plus chargées et fera réparer plusieurs ponts avant l'hiver. Les critiques ont jugé les dépenses trop élevées, tandis que les partisans ont estimé que cet investissement était nécessaire depuis longtemps et qu'il fallait agir vite. Les travaux commenceront au printemps, et la ville publiera chaque mois un rapport sur l'avancement des chantiers et sur les coûts.";
const SHORT_FRENCH = 'Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur les transports publics.';

describe('detectLanguage with the language the source declares', () => {
  it('GIVEN short English that tinyld alone misreads, declared en THEN en', () => {
    expect(detectLanguage(ENGLISH_READ_AS_POLISH)).toBe('pl');
    expect(detectLanguage(ENGLISH_READ_AS_POLISH, 'en')).toBe('en');
    expect(detectLanguage(ENGLISH_READ_AS_FINNISH)).toBe('fi');
    expect(detectLanguage(ENGLISH_READ_AS_FINNISH, 'en')).toBe('en');
  });

  it('GIVEN English tinyld cannot place, declared en THEN en; undeclared it stays und', () => {
    expect(detectLanguage(ENGLISH_UNDECIDED)).toBe('und');
    expect(detectLanguage(ENGLISH_UNDECIDED, 'en')).toBe('en');
  });

  it('GIVEN Danish that tinyld is unsure of (Swedish and Norwegian close behind), declared da THEN da', () => {
    const danish = 'Byrådet vedtog tirsdag det nye budget efter en lang debat om kollektiv trafik og boliger. Kommunen siger, at planen giver flere busser på de travleste linjer.';
    expect(detectLanguage(danish)).toBe('und');
    expect(detectLanguage(danish, 'da')).toBe('da');
  });

  it('GIVEN too few letters to tell THEN the declared language', () => {
    expect(detectLanguage('Ford Xiaomi', 'de')).toBe('de');
    expect(detectLanguage('', 'fr')).toBe('fr');
  });

  it('GIVEN long German text declared en (a WordPress blog left on en-US) THEN de', () => {
    expect(detectLanguage(LONG_GERMAN, 'en')).toBe('de');
  });

  it('GIVEN short German text declared en THEN de: its function words say so', () => {
    expect(detectLanguage(SHORT_GERMAN, 'en')).toBe('de');
    expect(detectLanguage(GERMAN_READ_AS_POLISH, 'en')).toBe('de');
  });

  it('GIVEN French text of some length declared en THEN fr; declared fr THEN fr', () => {
    expect(detectLanguage(FRENCH, 'en')).toBe('fr');
    expect(detectLanguage(FRENCH, 'fr')).toBe('fr');
  });

  it('GIVEN a single French sentence declared en THEN en: too short to overrule the source', () => {
    expect(detectLanguage(SHORT_FRENCH)).toBe('fr');
    expect(detectLanguage(SHORT_FRENCH, 'en')).toBe('en');
  });

  it('GIVEN English declared de THEN en: the declaration is a hint, not the truth', () => {
    expect(detectLanguage(ENGLISH_BODY.join(' '), 'de')).toBe('en');
    expect(detectLanguage(ENGLISH_READ_AS_POLISH, 'de')).toBe('en');
  });

  it('GIVEN no declaration THEN detection alone, as before', () => {
    expect(detectLanguage(GERMAN_BODY.join(' '), undefined)).toBe('de');
    expect(detectLanguage(ENGLISH_BODY.join(' '), undefined)).toBe('en');
    expect(detectLanguage('Ford Xiaomi', undefined)).toBe('und');
    expect(detectLanguage(GERMAN_READ_AS_POLISH)).toBe('pl');
  });
});
