import { summaryPrompt, translationPrompt } from './prompts.js';
import { parseHeadedSummary, summaryShownSoFar } from './summary-headline.js';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../llm/types.js';
import { joinUnits, splitParagraphs, toChunks, toUnits } from './chunks.js';
import { splitSentences } from '../text/sentences.js';
import { callForWholeAnswer, callModel } from './model-call.js';
import { estimateMessageTokens, estimateTokens, SAFETY_TOKENS } from './tokens.js';
import type { SummaryLength } from './types.js';

/** What a multi-call job needs besides its text. */
export interface ModelJob {
  model: LanguageModel;
  /** The model's context window in tokens; chunks are sized to fit it. */
  contextTokens: number;
  /** Books one call's token usage (budget accounting). */
  book: (usage: TokenUsage) => Promise<void>;
  /** Streams the job's whole text so far, when given. */
  onText?: (textSoFar: string) => void;
}

/** Translations can come out longer than their source (and cost more tokens in some scripts). */
const OUTPUT_PER_INPUT = 1.5;
/** Room for a summary's answer, generous for scripts that cost more tokens per word. */
const SUMMARY_OUTPUT_TOKENS: Record<SummaryLength, number> = { short: 300, medium: 600, long: 1_000 };
/** A window too small for anything useful still gets this much input per call. */
const MIN_INPUT_TOKENS = 32;
/** Room for a translated headline in front of a summary. */
const HEADLINE_OUTPUT_TOKENS = 80;
/** Marks where a translated piece was cut off, so the reader sees what is missing. */
const CUT_MARK = '…';

/** A translation; `complete` is false when some piece stayed cut off however small it was sent. */
export interface Translation {
  paragraphs: string[];
  complete: boolean;
}

/** One translated piece of text, and whether the model finished it. */
interface Piece {
  text: string;
  complete: boolean;
}

/**
 * Translates paragraphs into `language`, keeping their number and order. Paragraphs are sent in
 * chunks that fit the context window with room for the answer; a chunk whose answer has the
 * wrong number of paragraphs, or was cut off, is redone one piece at a time, and a piece cut off
 * on its own is redone in halves (between sentences). What stays cut is kept, marked with "…",
 * and the translation is not `complete`.
 * @throws LanguageModelError
 */
export async function translateWithModel(
  paragraphs: readonly string[],
  language: string,
  sourceLanguage: string | undefined,
  job: ModelJob,
): Promise<Translation> {
  const overhead = estimateMessageTokens(translationPrompt([], language)) + SAFETY_TOKENS;
  const available = Math.max(MIN_INPUT_TOKENS * 2, job.contextTokens - overhead);
  const inputBudget = Math.max(MIN_INPUT_TOKENS, Math.floor(available / (1 + OUTPUT_PER_INPUT)));
  const units = toUnits(paragraphs, inputBudget, sourceLanguage);
  const chunks = toChunks(units, inputBudget);
  const done: Piece[] = [];
  const stream = job.onText;
  const translator = new ChunkTranslator(language, sourceLanguage, available, job);
  for (const chunk of chunks) {
    const prefix = done.length > 0 ? `${done.map((piece) => piece.text).join('\n\n')}\n\n` : '';
    const onText = stream ? (text: string) => stream(prefix + text) : undefined;
    done.push(...(await translator.chunk(chunk.map((unit) => unit.text), onText)));
  }
  return {
    paragraphs: joinUnits(units, done.map((piece) => piece.text), paragraphs.length),
    complete: done.every((piece) => piece.complete),
  };
}

/** The calls of one translation, each sized to the same window. */
class ChunkTranslator {
  constructor(
    private readonly language: string,
    private readonly sourceLanguage: string | undefined,
    private readonly available: number,
    private readonly job: ModelJob,
  ) {}

  /** One translated piece per text in `texts`. */
  async chunk(texts: readonly string[], onText?: (text: string) => void): Promise<Piece[]> {
    const answer = await this.ask(texts, onText);
    if (!answer.cut && answer.parts.length === texts.length) return answer.parts.map((text) => ({ text, complete: true }));
    // One piece in, several paragraphs out: the model broke a paragraph; put it back together.
    if (!answer.cut && texts.length === 1) return [{ text: answer.parts.join(' '), complete: true }];
    if (texts.length === 1) return [await this.halves(texts[0] ?? '', answer.parts.join(' '))];
    const out: Piece[] = [];
    for (const text of texts) {
      const alone = await this.ask([text]);
      out.push(alone.cut ? await this.halves(text, alone.parts.join(' ')) : { text: alone.parts.join(' '), complete: true });
    }
    return out;
  }

  /** `text`, whose translation came back cut as `cutText`, sent again in two halves of its sentences. */
  private async halves(text: string, cutText: string): Promise<Piece> {
    const sentences = splitSentences(text, this.sourceLanguage);
    if (sentences.length < 2) return marked(cutText);
    const middle = Math.ceil(sentences.length / 2);
    const pieces: Piece[] = [];
    for (const half of [sentences.slice(0, middle), sentences.slice(middle)]) {
      const answer = await this.ask([half.join(' ')]);
      pieces.push(answer.cut ? marked(answer.parts.join(' ')) : { text: answer.parts.join(' '), complete: true });
    }
    return { text: pieces.map((piece) => piece.text).join(' '), complete: pieces.every((piece) => piece.complete) };
  }

  private async ask(texts: readonly string[], stream?: (text: string) => void): Promise<{ parts: string[]; cut: boolean }> {
    const inputTokens = texts.reduce((sum, text) => sum + estimateTokens(text) + 2, 0);
    const answer = await callModel(this.job.model, {
      messages: translationPrompt([...texts], this.language),
      maxTokens: Math.max(this.available - inputTokens, Math.ceil(inputTokens * OUTPUT_PER_INPUT)),
      temperature: 0.2,
      ...(stream ? { onText: stream } : {}),
    });
    await this.job.book(answer.usage);
    return { parts: splitParagraphs(answer.text), cut: answer.cut !== undefined };
  }
}

/** A piece that stayed cut off, marked where it stops. */
function marked(text: string): Piece {
  return { text: `${text.trimEnd()}${CUT_MARK}`, complete: false };
}

/** A model summary; `headline` is the article's headline in the summary's language, when asked for and given. */
export interface ModelSummary {
  headline?: string;
  paragraphs: string[];
}

/**
 * A summary in the requested language and length. An article too long for the context window
 * is summarized part by part first, then those summaries are summarized (map-reduce). An answer
 * cut off by the token limit is asked for once more with twice the room. With
 * `translateHeadline`, the call that writes the final summary also returns the headline translated.
 * @throws IncompleteAnswerError when it stays cut off; LanguageModelError
 */
export async function summarizeWithModel(
  doc: { headline: string; paragraphs: readonly string[]; language: string },
  options: { length: SummaryLength; language: string; translateHeadline?: boolean },
  job: ModelJob,
  depth = 0,
): Promise<ModelSummary> {
  const output = SUMMARY_OUTPUT_TOKENS[options.length] + (options.translateHeadline ? HEADLINE_OUTPUT_TOKENS : 0);
  const overhead = estimateMessageTokens(summaryPrompt({ headline: doc.headline, paragraphs: [] }, options)) + SAFETY_TOKENS;
  const inputBudget = Math.max(MIN_INPUT_TOKENS, job.contextTokens - overhead - output);
  const size = doc.paragraphs.reduce((sum, paragraph) => sum + estimateTokens(paragraph) + 2, 0);
  if (size <= inputBudget || depth >= 3) {
    const onText = job.onText;
    const answer = await callForWholeAnswer(
      job.model,
      {
        messages: summaryPrompt({ headline: doc.headline, paragraphs: [...doc.paragraphs] }, options),
        maxTokens: output,
        temperature: 0.3,
        ...(onText ? { onText: options.translateHeadline ? (text: string) => onText(summaryShownSoFar(text)) : onText } : {}),
      },
      job,
    );
    if (!options.translateHeadline) return { paragraphs: splitParagraphs(answer.text) };
    const { headline, body } = parseHeadedSummary(answer.text);
    const paragraphs = splitParagraphs(body);
    if (paragraphs.length === 0) throw new LanguageModelError('The model returned a headline without a summary', 'malformed');
    return headline === undefined ? { paragraphs } : { headline, paragraphs };
  }
  const chunks = toChunks(toUnits(doc.paragraphs, inputBudget, doc.language), inputBudget);
  const partials: string[] = [];
  for (const chunk of chunks) {
    const part = await summarizeWithModel(
      { headline: doc.headline, paragraphs: chunk.map((unit) => unit.text), language: doc.language },
      { length: 'long', language: options.language },
      { ...job, onText: undefined },
      depth + 1,
    );
    partials.push(part.paragraphs.join(' '));
  }
  return summarizeWithModel({ headline: doc.headline, paragraphs: partials, language: options.language }, options, job, depth + 1);
}
