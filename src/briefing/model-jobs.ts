import { summaryPrompt, translationPrompt } from '../llm/prompts.js';
import type { LanguageModel, TokenUsage } from '../llm/types.js';
import { joinUnits, splitParagraphs, toChunks, toUnits, type Unit } from './chunks.js';
import { callModel } from './model-call.js';
import { estimateMessageTokens, estimateTokens } from './tokens.js';
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

/** Tokens kept free for the chat template and estimation error. */
const SAFETY_TOKENS = 64;
/** Translations can come out longer than their source (and cost more tokens in some scripts). */
const OUTPUT_PER_INPUT = 1.5;
/** Room for a summary's answer, generous for scripts that cost more tokens per word. */
const SUMMARY_OUTPUT_TOKENS: Record<SummaryLength, number> = { short: 300, medium: 600, long: 1_000 };
/** A window too small for anything useful still gets this much input per call. */
const MIN_INPUT_TOKENS = 32;

/**
 * Translates paragraphs into `language`, keeping their number and order. Paragraphs are sent in
 * chunks that fit the context window with room for the answer; a chunk whose answer has the
 * wrong number of paragraphs is redone one paragraph (piece) at a time.
 * @throws LanguageModelError
 */
export async function translateWithModel(
  paragraphs: readonly string[],
  language: string,
  sourceLanguage: string | undefined,
  job: ModelJob,
): Promise<string[]> {
  const overhead = estimateMessageTokens(translationPrompt([], language)) + SAFETY_TOKENS;
  const available = Math.max(MIN_INPUT_TOKENS * 2, job.contextTokens - overhead);
  const inputBudget = Math.max(MIN_INPUT_TOKENS, Math.floor(available / (1 + OUTPUT_PER_INPUT)));
  const units = toUnits(paragraphs, inputBudget, sourceLanguage);
  const chunks = toChunks(units, inputBudget);
  const done: string[] = [];
  const stream = job.onText;
  for (const chunk of chunks) {
    const prefix = done.length > 0 ? `${done.join('\n\n')}\n\n` : '';
    const onText = stream ? (text: string) => stream(prefix + text) : undefined;
    done.push(...(await translateChunk(chunk, language, available, job, onText)));
  }
  return joinUnits(units, done, paragraphs.length);
}

async function translateChunk(
  chunk: readonly Unit[],
  language: string,
  available: number,
  job: ModelJob,
  onText: ((text: string) => void) | undefined,
): Promise<string[]> {
  const ask = async (texts: string[], stream?: (text: string) => void): Promise<string[]> => {
    const inputTokens = texts.reduce((sum, text) => sum + estimateTokens(text) + 2, 0);
    const answer = await callModel(job.model, {
      messages: translationPrompt(texts, language),
      maxTokens: Math.max(available - inputTokens, Math.ceil(inputTokens * OUTPUT_PER_INPUT)),
      temperature: 0.2,
      ...(stream ? { onText: stream } : {}),
    });
    await job.book(answer.usage);
    return splitParagraphs(answer.text);
  };
  const texts = chunk.map((unit) => unit.text);
  const parts = await ask(texts, onText);
  if (parts.length === texts.length) return parts;
  // One piece in, several paragraphs out: the model broke a paragraph; put it back together.
  if (texts.length === 1) return [parts.join(' ')];
  const out: string[] = [];
  for (const text of texts) out.push((await ask([text])).join(' '));
  return out;
}

/**
 * A summary in the requested language and length. An article too long for the context window
 * is summarized part by part first, then those summaries are summarized (map-reduce).
 * @throws LanguageModelError
 */
export async function summarizeWithModel(
  doc: { headline: string; paragraphs: readonly string[]; language: string },
  options: { length: SummaryLength; language: string },
  job: ModelJob,
  depth = 0,
): Promise<string[]> {
  const output = SUMMARY_OUTPUT_TOKENS[options.length];
  const overhead = estimateMessageTokens(summaryPrompt({ headline: doc.headline, paragraphs: [] }, options)) + SAFETY_TOKENS;
  const inputBudget = Math.max(MIN_INPUT_TOKENS, job.contextTokens - overhead - output);
  const size = doc.paragraphs.reduce((sum, paragraph) => sum + estimateTokens(paragraph) + 2, 0);
  if (size <= inputBudget || depth >= 3) {
    const answer = await callModel(job.model, {
      messages: summaryPrompt({ headline: doc.headline, paragraphs: [...doc.paragraphs] }, options),
      maxTokens: output,
      temperature: 0.3,
      ...(job.onText ? { onText: job.onText } : {}),
    });
    await job.book(answer.usage);
    return splitParagraphs(answer.text);
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
    partials.push(part.join(' '));
  }
  return summarizeWithModel({ headline: doc.headline, paragraphs: partials, language: options.language }, options, job, depth + 1);
}
