/**
 * Retrieval for questions: the article search ranks candidate articles, then every sentence of
 * those articles is scored by how much of the question it covers. Sentences are cut from the
 * article's own text, so a passage is verbatim by construction.
 */
import type { ArticleLookup } from '../articles/lookup.js';
import type { BodySearch } from '../articles/recent-bodies.js';
import type { Article } from '../articles/types.js';
import { splitSentenceSpans } from '../text/sentences.js';
import { foldDiacritics as foldText, stem, words } from '../text/tokens.js';
import { stopwordsFor } from '../text/stopwords.js';

/** One sentence of an article and how well it answers the question. */
export interface Passage {
  article: Article;
  /** Verbatim: `article.paragraphs[paragraph].slice(start, end)`. */
  text: string;
  paragraph: number;
  /** Position of the sentence in its article, 0-based. */
  index: number;
  /** Share of the question's weight (IDF over the candidate sentences) the sentence contains, 0..1. */
  score: number;
}

export interface Retrieval {
  /** The candidate articles, best first. */
  articles: Article[];
  /** The best sentences, best first (at most {@link MAX_PASSAGES}). */
  passages: Passage[];
  /** The best passage's score (0 when there is none): below MIN_COVERAGE nothing answers the question. */
  best: number;
}

/** Articles searched per question: beyond a few, the right sentence is rarely in a lower-ranked one. */
export const MAX_ARTICLES = 6;
/**
 * Recent feed articles added by their bodies' words: the article search knows feed articles by
 * headline only, and a question often asks about what only the body says.
 */
export const MAX_BODY_ARTICLES = 6;
/** Sentences handed to the model (and ranked for the bench's recall). */
export const MAX_PASSAGES = 8;
const MAX_PER_ARTICLE = 5;
/**
 * Below this share of the question's weight, no sentence is taken to answer it and Herald refuses
 * offline. Tuned on test/devset/questions.jsonl (npm run bench -- ask).
 */
export const MIN_COVERAGE = 0.45;
/** Weight of a question word that is also in the article's headline. */
const HEADLINE_WEIGHT = 0.35;
/** "How much", "how many", "when", "wie viel", "wann": a sentence with a figure in it is likelier the answer. */
const NUMBER_QUESTION = /\b(how (much|many|long|old|far)|when|what year|wie (viel|viele|lange|alt|weit)|wann|in welchem jahr)\b/u;
const NUMBER_BONUS = 0.15;
/**
 * Below this, the question is refused before the model is asked (unless it is narrowed to articles):
 * passages this far from the question would only invite an answer from the model's memory. Every
 * answerable dev-set question scores above it.
 */
export const MODEL_MIN_COVERAGE = 0.2;
/** Sentences ranked per article: news puts what matters first, and a 1 MB file must not stall. */
const MAX_SENTENCES = 300;

// Words that make a question a question but say nothing of its subject, in English and German.
const QUESTION_WORDS = new Set(
  `how many much what which who whom whose when where why tell know explain happened happen happens did does
  article articles story news wie viele viel wer wem wen wann warum wieso weshalb welche welcher welches
  passiert passierte geschah artikel nachricht erzahl erzahle gibt gab`.split(/\s+/u),
);
const STOP = new Set([...stopwordsFor('en'), ...stopwordsFor('de'), ...QUESTION_WORDS]);

/** The words of `text` that carry meaning, folded: what the search is asked for. */
export function questionWords(text: string): string[] {
  return [...new Set(words(text).filter((word) => !STOP.has(word) && (word.length > 1 || /\d/u.test(word))))];
}

function termsOf(text: string, language: string): Set<string> {
  return new Set(questionWords(text).map((word) => stem(word, language)));
}

/**
 * The articles and sentences that best answer `question`. With `about`, only those articles are
 * read (a question narrowed to one article, or a follow-up); otherwise the search picks them, and
 * `bodies` adds the recent feed articles whose bodies have the question's words.
 */
export function retrieve(question: string, lookup: Pick<ArticleLookup, 'search'>, about?: readonly Article[], bodies?: BodySearch): Retrieval {
  const query = questionWords(question);
  const articles = about && about.length > 0 ? [...about] : candidates(query, lookup, bodies);
  const sentences = articles.flatMap((article) => sentencesOf(article));
  // Stems depend on the language; the question is read in each article's language.
  const questionTerms = new Map<string, Set<string>>();
  const termsFor = (language: string): Set<string> => {
    let terms = questionTerms.get(language);
    if (!terms) questionTerms.set(language, (terms = termsOf(question, language)));
    return terms;
  };
  const documentFrequency = new Map<string, number>();
  const sentenceTerms = sentences.map((sentence) => {
    const terms = termsOf(sentence.text, sentence.article.language);
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    return terms;
  });
  const n = sentences.length;
  const idf = (term: string): number => Math.log((n + 1) / ((documentFrequency.get(term) ?? 0) + 0.5));
  const headlines = new Map(articles.map((article) => [article.id, termsOf(article.headline, article.language)]));
  const wantsNumber = NUMBER_QUESTION.test(foldText(question));
  const scored = sentences.map((sentence, i): Passage => {
    const wanted = termsFor(sentence.article.language);
    const headline = headlines.get(sentence.article.id);
    let total = 0;
    let found = 0;
    for (const term of wanted) {
      // Words of the headline find the article; within it, they say little about which sentence answers.
      const weight = idf(term) * (headline?.has(term) ? HEADLINE_WEIGHT : 1);
      total += weight;
      if (sentenceTerms[i]?.has(term)) found += weight;
    }
    const coverage = total > 0 ? found / total : 0;
    const number = wantsNumber && coverage > 0 && /\d/u.test(sentence.text) ? NUMBER_BONUS : 0;
    return { ...sentence, score: Math.min(1, coverage + number) };
  });
  const order = new Map(articles.map((article, i) => [article.id, i]));
  scored.sort((a, b) => b.score - a.score || (order.get(a.article.id) ?? 0) - (order.get(b.article.id) ?? 0) || a.index - b.index);
  const perArticle = new Map<string, number>();
  const passages: Passage[] = [];
  for (const passage of scored) {
    if (passages.length >= MAX_PASSAGES) break;
    const taken = perArticle.get(passage.article.id) ?? 0;
    if (taken >= MAX_PER_ARTICLE) continue;
    perArticle.set(passage.article.id, taken + 1);
    passages.push(passage);
  }
  return { articles, passages, best: passages[0]?.score ?? 0 };
}

/** The search's articles, then those only the recent feed bodies name. */
function candidates(query: readonly string[], lookup: Pick<ArticleLookup, 'search'>, bodies: BodySearch | undefined): Article[] {
  if (query.length === 0) return [];
  const articles = lookup.search(query.join(' '), MAX_ARTICLES).map((m) => m.article);
  const seen = new Set(articles.map((article) => article.id));
  for (const article of bodies?.match(query, MAX_BODY_ARTICLES) ?? []) {
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    articles.push(article);
  }
  return articles;
}

/** Every sentence of the article body, in order, cut from its paragraphs. */
function sentencesOf(article: Article): Omit<Passage, 'score'>[] {
  const out: Omit<Passage, 'score'>[] = [];
  for (const [p, paragraph] of article.paragraphs.entries()) {
    for (const span of splitSentenceSpans(paragraph, article.language)) {
      if (out.length >= MAX_SENTENCES) return out;
      out.push({ article, text: paragraph.slice(span.start, span.end), paragraph: p, index: out.length });
    }
  }
  return out;
}
