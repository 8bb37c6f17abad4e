/**
 * Article store benchmark: 10,000 generated article files (about 300 words each, half English,
 * half German), timed and weighed while loading, rescanning, searching and resolving.
 * Run: node --import tsx test/bench/articles.ts
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ArticleStore } from '../../src/articles/store.js';
import { mapPooled } from '../../src/articles/pool.js';

const ARTICLES = Number(process.env['BENCH_ARTICLES'] ?? 10_000);
const SEARCH_SECONDS = 1.5;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same corpus. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANIES = ['Ford', 'Xiaomi', 'Siemens', 'Volkswagen', 'Tesla', 'BASF', 'Bosch', 'Airbus', 'Nokia', 'Toyota', 'Bayer', 'Lufthansa', 'Samsung', 'Infineon', 'Zalando', 'Allianz'];
const CITIES = ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt', 'Düsseldorf', 'London', 'Chicago', 'Shanghai', 'Detroit', 'Zürich', 'Wien', 'Paris', 'Madrid', 'Toronto', 'Seoul'];
const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'lu', 'sa', 'ver', 'no', 'dal', 'qui', 'bre', 'tor', 'fa', 'zen', 'gu', 'pel', 'an', 'ost', 'rü', 'mä'];
const EN_TOPICS = ['expands electric vehicle plans', 'reports record quarterly profit', 'cuts jobs amid slowing demand', 'opens new factory', 'faces regulatory probe', 'signs supply deal', 'recalls thousands of cars', 'raises prices for customers', 'invests in battery research', 'wins major government contract'];
const DE_TOPICS = ['baut Elektroauto-Pläne aus', 'meldet Rekordgewinn im Quartal', 'streicht Stellen wegen schwacher Nachfrage', 'eröffnet neues Werk', 'gerät ins Visier der Aufsicht', 'schließt Liefervertrag ab', 'ruft tausende Fahrzeuge zurück', 'erhöht die Preise für Kunden', 'investiert in Batterieforschung', 'gewinnt großen Regierungsauftrag'];
const EN_SENTENCES = [
  '{company} said on {day} that it would invest {n} million dollars in {city} over the next three years.',
  'Analysts in {city} described the decision as a clear signal that the company is betting on long-term growth.',
  'The move comes as competition in the market for electric vehicles intensifies and margins come under pressure.',
  'A spokesperson for {company} declined to comment on the details of the negotiations with {partner}.',
  'Shares of {company} rose {p} percent in early trading after the announcement was made public.',
  'According to people familiar with the matter, talks with {partner} began several months ago.',
  'The company employs about {n} thousand people worldwide and generates most of its revenue in Europe.',
  'Union representatives warned that the plan could put hundreds of jobs at the {city} site at risk.',
  'Regulators are expected to review the agreement before the end of the year.',
  '"We are confident that this step will strengthen our position," the chief executive told reporters in {city}.',
  'Industry experts say that software and batteries will decide which carmakers survive the transition.',
  'The project, code-named {code}, is expected to start production in {year}.',
  'Customers have complained about long delivery times and rising prices in recent months.',
  'Last year, {company} reported revenue of {n} billion euros, an increase of {p} percent.',
  'Critics argue that the subsidies distort competition and favour large incorporated groups.',
  'The government in {city} welcomed the investment and promised faster approval procedures.',
  'Supply chain problems and higher energy costs weighed on results in the second quarter.',
  'Neither company disclosed the financial terms of the deal.',
];
const DE_SENTENCES = [
  '{company} teilte am {tag} mit, in den kommenden drei Jahren {n} Millionen Euro in {city} investieren zu wollen.',
  'Analysten in {city} werteten die Entscheidung als deutliches Signal, dass das Unternehmen auf langfristiges Wachstum setzt.',
  'Der Schritt erfolgt, während der Wettbewerb im Markt für Elektrofahrzeuge zunimmt und die Margen unter Druck geraten.',
  'Ein Sprecher von {company} wollte sich zu den Einzelheiten der Gespräche mit {partner} nicht äußern.',
  'Die Aktie von {company} stieg im frühen Handel um {p} Prozent, nachdem die Nachricht bekannt wurde.',
  'Nach Angaben von mit der Sache vertrauten Personen begannen die Gespräche mit {partner} bereits vor mehreren Monaten.',
  'Das Unternehmen beschäftigt weltweit rund {n} tausend Menschen und erzielt den Großteil seines Umsatzes in Europa.',
  'Gewerkschaftsvertreter warnten, der Plan könne hunderte Arbeitsplätze am Standort {city} gefährden.',
  'Die Aufsichtsbehörden dürften die Vereinbarung noch vor Jahresende prüfen.',
  '„Wir sind überzeugt, dass dieser Schritt unsere Position stärkt“, sagte der Vorstandschef vor Journalisten in {city}.',
  'Branchenkenner gehen davon aus, dass Software und Batterien darüber entscheiden, welche Hersteller den Wandel überstehen.',
  'Das Projekt mit dem Codenamen {code} soll im Jahr {year} in Produktion gehen.',
  'Kunden beklagten sich in den vergangenen Monaten über lange Lieferzeiten und steigende Preise.',
  'Im vergangenen Jahr erzielte {company} einen Umsatz von {n} Milliarden Euro, ein Plus von {p} Prozent.',
  'Kritiker bemängeln, dass die Förderung den Wettbewerb verzerrt und große Konzerne begünstigt.',
  'Die Regierung in {city} begrüßte die Investition und versprach schnellere Genehmigungsverfahren.',
  'Lieferkettenprobleme und höhere Energiekosten belasteten das Ergebnis im zweiten Quartal.',
  'Finanzielle Details der Vereinbarung nannten beide Unternehmen nicht.',
];
const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const DE_DAYS = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'];

/** One generated article: headline line, then six paragraphs of three or four sentences. */
function generateArticle(index: number): { name: string; text: string; code: string; company: string; german: boolean } {
  const random = randomSource(index + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const german = index % 2 === 1;
  const company = pick(COMPANIES);
  let partner = pick(COMPANIES);
  if (partner === company) partner = pick(COMPANIES);
  const syllables = 2 + Math.floor(random() * 3);
  const codeWord = Array.from({ length: syllables }, () => pick(SYLLABLES)).join('');
  const code = `${codeWord.charAt(0).toUpperCase()}${codeWord.slice(1)}`;
  const city = pick(CITIES);
  const fill = (sentence: string): string =>
    sentence
      .replaceAll('{company}', company)
      .replaceAll('{partner}', partner)
      .replaceAll('{city}', pick(CITIES))
      .replaceAll('{code}', code)
      .replaceAll('{day}', pick(EN_DAYS))
      .replaceAll('{tag}', pick(DE_DAYS))
      .replaceAll('{n}', String(10 + Math.floor(random() * 900)))
      .replaceAll('{p}', german ? (random() * 9).toFixed(1).replace('.', ',') : (random() * 9).toFixed(1))
      .replaceAll('{year}', String(2026 + Math.floor(random() * 4)));
  const headline = german
    ? `${company} ${pick(DE_TOPICS)}: Projekt ${code} in ${city}`
    : `${company} ${pick(EN_TOPICS)} with project ${code} in ${city}`;
  const pool = german ? DE_SENTENCES : EN_SENTENCES;
  const paragraphs = Array.from({ length: 6 }, () =>
    Array.from({ length: 3 + Math.floor(random() * 2) }, () => fill(pick(pool))).join(' '),
  );
  return { name: `${String(index).padStart(5, '0')}-${code.toLowerCase()}.txt`, text: `${headline}\n${paragraphs.join('\n')}\n`, code, company, german };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function perSecond(seconds: number, work: () => void): number {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  while (performance.now() < end) {
    work();
    count++;
  }
  return count / seconds;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-bench-articles-'));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const generated = Array.from({ length: ARTICLES }, (_, i) => generateArticle(i));
    await mapPooled(generated, 64, (article) => writeFile(join(dir, article.name), article.text));
    const totalBytes = generated.reduce((sum, article) => sum + Buffer.byteLength(article.text), 0);
    const words = generated.reduce((sum, article) => sum + article.text.split(/\s+/).filter(Boolean).length, 0);

    // Baseline: only reading the same files, concurrently, as fast as Node can.
    let started = performance.now();
    const names = await readdir(dir);
    await mapPooled(names, 32, (name) => readFile(join(dir, name)));
    const rawReadMs = performance.now() - started;

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    const store = await ArticleStore.open({ dir, watch: false });
    const loadMs = performance.now() - started;
    const loadCpu = process.cpuUsage(cpuBefore);
    const loadCpuMs = (loadCpu.user + loadCpu.system) / 1000;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const rssAfter = process.memoryUsage().rss;

    // Language is detected on first read of article.language; time it on a sample.
    const languageSample = generated.slice(0, 1000);
    started = performance.now();
    const detected = languageSample.map((g) => store.get(g.name.replace(/\.txt$/, ''))?.language);
    const languageMs = (performance.now() - started) / languageSample.length;
    const languages = new Map<string, number>();
    for (const language of detected) languages.set(String(language), (languages.get(String(language)) ?? 0) + 1);
    const correctLanguage = languageSample.filter((g, i) => detected[i] === (g.german ? 'de' : 'en')).length;

    started = performance.now();
    await store.refresh();
    const rescanMs = performance.now() - started;

    const changedCount = 10;
    for (let i = 0; i < changedCount; i++) {
      const article = generated[i * 97] ?? generated[0];
      if (article) await writeFile(join(dir, article.name), `${article.text}\nUpdate: ${article.company} confirmed the report.\n`);
    }
    started = performance.now();
    await store.refresh();
    const incrementalMs = performance.now() - started;

    const sample = generated.filter((_, i) => i % 37 === 0);
    let cursor = 0;
    const next = <T>(items: readonly T[]): T => items[cursor++ % items.length] as T;
    const queries: Record<string, () => string> = {
      'one headline word': () => next(sample).code,
      'two words (company + code)': () => { const g = next(sample); return `${g.company} ${g.code}`; },
      'prefix while typing': () => next(sample).code.slice(0, 4),
      'German without umlauts': () => next(['fuhrte gesprache', 'strassenbau munchen', 'grossteil umsatzes', 'genehmigungsverfahren dusseldorf']),
      'common word (many hits)': () => next(['electric', 'Elektrofahrzeuge', 'Ford', 'Berlin']),
      'typo': () => { const c = next(sample).code.toLowerCase(); return `${c.slice(0, 2)}${c.slice(3)}x`; },
    };
    const searchRates = Object.entries(queries).map(([label, query]) => [label, perSecond(SEARCH_SECONDS, () => store.search(query(), 25))] as const);
    const resolveIdRate = perSecond(SEARCH_SECONDS, () => store.resolve(next(sample).name.replace(/\.txt$/, '').toUpperCase()));
    const resolveWordsRate = perSecond(SEARCH_SECONDS, () => {
      const g = next(sample);
      try {
        store.resolve(`${g.code} ${g.company}`);
      } catch {
        // Ambiguous codes are possible in a generated corpus; the time is what counts.
      }
    });
    const notFoundRate = perSecond(SEARCH_SECONDS, () => {
      try {
        store.resolve(next(['quantenrechner', 'zzyzx harbor', 'blockchain oyster']));
      } catch {
        // Expected: not found, with suggestions computed over all articles.
      }
    });
    store.close();

    const lines = [
      `Article store: ${store.size.toLocaleString('en')} of ${ARTICLES.toLocaleString('en')} generated files loaded (${mb(totalBytes)}, ~${Math.round(words / ARTICLES)} words each, half English, half German)`,
      `  load (read + parse + hash + index): ${loadMs.toFixed(0)} ms = ${(loadMs / ARTICLES).toFixed(3)} ms/file (CPU ${loadCpuMs.toFixed(0)} ms), ${(loadMs / rawReadMs).toFixed(1)}x a bare concurrent read of the same files (${rawReadMs.toFixed(0)} ms)`,
      `  memory after load: heap +${mb(heapAfter - heapBefore)} (${((heapAfter - heapBefore) / totalBytes).toFixed(1)}x the text on disk), RSS +${mb(rssAfter - rssBefore)}`,
      `  language (tinyld, on first read): ${languageMs.toFixed(2)} ms/article; ${languageSample.length} sampled: ${[...languages].map(([l, n]) => `${l} ${n}`).join(', ')} (${((correctLanguage / languageSample.length) * 100).toFixed(1)}% right)`,
      `  rescan, nothing changed: ${rescanMs.toFixed(0)} ms (${((rescanMs / loadMs) * 100).toFixed(0)}% of a full load); ${changedCount} files changed: ${incrementalMs.toFixed(0)} ms`,
      `  search (limit 25), queries per second:`,
      ...searchRates.map(([label, rate]) => `    ${label.padEnd(28)} ${Math.round(rate).toLocaleString('en').padStart(8)}/s`),
      `  resolve, per second: by id ${Math.round(resolveIdRate).toLocaleString('en')}/s, by headline words ${Math.round(resolveWordsRate).toLocaleString('en')}/s, not found + suggestions ${Math.round(notFoundRate).toLocaleString('en')}/s`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await cleanup();
  }
}

await main();
