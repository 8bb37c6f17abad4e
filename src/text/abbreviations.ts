/**
 * Abbreviation and sentence-starter lists used to repair Intl.Segmenter's sentence breaks.
 *
 * Intl.Segmenter (ICU) breaks after "word. Capital" unless the abbreviation is suppressed, and Node
 * ships without suppressions, so "Dr. Müller", "z. B. die" or "am 3. Oktober" get cut. The lists
 * here are deliberately small and news-oriented; entries are lower-case and without the final dot.
 */

/** Abbreviations that practically never end a sentence: always join with what follows. */
export const NON_TERMINAL: Record<'en' | 'de' | 'any', ReadonlySet<string>> = {
  any: new Set(['dr', 'prof', 'vs', 'ca', 'approx', 'no', 'nr', 'st', 'mt']),
  en: new Set([
    'mr', 'mrs', 'ms', 'messrs', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt', 'sgt', 'cpl', 'maj',
    'adm', 'rev', 'hon', 'pres', 'supt', 'fig', 'cf', 'e.g', 'i.e', 'ft', 'ave', 'blvd', 'dept',
  ]),
  de: new Set([
    'bzw', 'vgl', 'z.b', 'u.a', 'd.h', 'v.a', 's.o', 's.u', 'u.u', 'o.ä', 'i.d.r', 'z.t', 'u.v.m',
    'hr', 'fr', 'abs', 'dipl', 'ing', 'inkl', 'exkl', 'evtl', 'ggf', 'sog', 'geb', 'gest', 'dt',
    'min', 'max', 'str', 'tel', 'zit', 'lt', 'gem', 'insb', 'urspr', 'jh', 'jhd', 'mind',
  ]),
};

/**
 * Abbreviations that may also end a sentence ("3,5 Mrd." can close one): join only when the next
 * word does not look like the start of a new sentence.
 */
export const AMBIGUOUS: Record<'en' | 'de' | 'any', ReadonlySet<string>> = {
  any: new Set(['etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']),
  en: new Set(['inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'bros', 'mln', 'bn', 'est']),
  de: new Set(['mio', 'mrd', 'tsd', 'usw', 'okt', 'dez', 'mrz', 'bzgl', 'zzgl', 'gmbh', 'ag', 'co']),
};

/** Words after an ordinal number in German ("3. Oktober", "2. Bundesliga", "19. Jahrhundert"). */
export const GERMAN_ORDINAL_FOLLOWERS: ReadonlySet<string> = new Set([
  'januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september',
  'oktober', 'november', 'dezember', 'jahrhundert', 'jahrtausend', 'jahrestag', 'geburtstag',
  'platz', 'rang', 'spieltag', 'runde', 'liga', 'bundesliga', 'etappe', 'mal', 'klasse', 'stock',
  'etage', 'stelle', 'lauf', 'halbzeit', 'minute', 'tag', 'woche', 'fc', 'sitzung', 'lesung',
  'auflage', 'kapitel', 'absatz', 'artikel', 'staffel', 'folge', 'wahlgang', 'stufe', 'welle',
]);

/** Words that typically open a sentence; a capitalised continuation that is none of these is likely a name or noun. */
export const SENTENCE_STARTERS: Record<'en' | 'de', ReadonlySet<string>> = {
  en: new Set([
    'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
    'there', 'here', 'in', 'on', 'at', 'but', 'and', 'or', 'so', 'however', 'meanwhile', 'after',
    'before', 'when', 'while', 'if', 'as', 'his', 'her', 'their', 'its', 'our', 'my', 'some', 'many',
    'most', 'one', 'no', 'not', 'according', 'for', 'with', 'by', 'from', 'to', 'of', 'since',
    'although', 'though', 'also', 'then', 'now', 'yet', 'still', 'what', 'who', 'why', 'how', 'where',
    'last', 'next', 'earlier', 'later', 'both', 'each', 'all', 'other', 'another', 'such', 'despite',
    'during', 'under', 'over', 'about', 'more', 'further', 'only', 'even', 'until', 'because',
    'officials', 'police', 'critics', 'analysts', 'experts', 'today', 'yesterday', 'tomorrow',
    'image', 'photo', 'video', 'audio', 'source', 'sources', 'file',
  ]),
  de: new Set([
    'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines',
    'es', 'er', 'sie', 'wir', 'ich', 'ihr', 'man', 'in', 'im', 'am', 'an', 'auf', 'aus', 'bei', 'mit',
    'nach', 'von', 'vom', 'vor', 'zu', 'zum', 'zur', 'für', 'über', 'unter', 'um', 'durch', 'gegen',
    'ohne', 'seit', 'bis', 'ab', 'auch', 'aber', 'doch', 'denn', 'und', 'oder', 'so', 'dies', 'diese',
    'dieser', 'dieses', 'damit', 'dann', 'da', 'dabei', 'dazu', 'deshalb', 'daher', 'trotzdem',
    'zudem', 'außerdem', 'jedoch', 'allerdings', 'laut', 'wie', 'was', 'wer', 'wo', 'warum', 'als',
    'wenn', 'nun', 'noch', 'nur', 'schon', 'bereits', 'sein', 'seine', 'ihre', 'unser', 'viele',
    'einige', 'alle', 'beide', 'mehr', 'kein', 'keine', 'nicht', 'heute', 'gestern', 'morgen',
    'zuvor', 'danach', 'später', 'insgesamt', 'erst', 'zunächst', 'hier', 'dort', 'nachdem',
    'während', 'weil', 'obwohl', 'trotz', 'wegen', 'ob', 'mittlerweile', 'inzwischen',
    'bild', 'foto', 'video', 'quelle', 'quellen',
  ]),
};
