/**
 * Function words ignored when comparing sentences. Kept short on purpose: they only need to stop
 * "the", "der", "und" from dominating cosine similarity; content words must survive.
 * Entries are folded (lower case, no diacritics, ß → ss) to match {@link ../text/tokens.js}.
 */
const ENGLISH = `a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves said says say told according also would could will one two new year years last first`;

const GERMAN = `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei beim bin bis bist da damit dann das dass dein deine dem den der des dessen dich die dies
diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige
einigem einigen einiger einiges er es etwas euch euer eure fur gegen gewesen hab habe haben hat hatte hatten
hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder
jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte machen man
manche manchem manchen mancher manches mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob
oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche soll sollte sondern sonst
uber um und uns unser unsere unter viel vom von vor wahrend war waren warst was weg weil weiter welche welchem
welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte wurde wurden zu zum
zur zwar zwischen sei seien laut sagte sagt erklarte bereits jedoch sowie zudem worden ab wegen`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

const STOPWORDS: Record<string, ReadonlySet<string>> = { en: toSet(ENGLISH), de: toSet(GERMAN) };
const BOTH: ReadonlySet<string> = new Set([...STOPWORDS.en!, ...STOPWORDS.de!]);

/** Stop words for an ISO 639-1 code; unknown languages get the English and German lists combined. */
export function stopwordsFor(language: string | undefined): ReadonlySet<string> {
  const code = language?.toLowerCase().slice(0, 2) ?? '';
  return STOPWORDS[code] ?? BOTH;
}

/** The languages with a list of their own. */
export const STOPWORD_LANGUAGES: readonly string[] = Object.keys(STOPWORDS);

/** The stop words of exactly this ISO 639-1 code, or undefined for a language without a list. */
export function functionWordsOf(language: string): ReadonlySet<string> | undefined {
  return Object.hasOwn(STOPWORDS, language) ? STOPWORDS[language] : undefined;
}
