import type { BriefingRequest, SummaryLength } from '../briefing/types.js';
import { didYouMean, replaceWord } from './mistakes.js';
import { readLength } from './options.js';
import { readSlash } from './parse-slash.js';
import { lengthTypo, stripFillers, takeLanguage, takeLength, tokenize } from './parse-words.js';

/** `digest preview [language] [length]`: what the next digest would post, without posting it. */
export interface DigestPreviewRequest {
  kind: 'digest_preview';
  language?: string;
  length?: SummaryLength;
}

const DIGEST_WORDS = new Set(['digest', 'digests', 'zusammenstellung', 'übersicht']);
const PREVIEW_WORDS = new Set(['preview', 'vorschau', 'show', 'zeige', 'zeigen']);

/**
 * Reads a digest preview in slash syntax (`/digest preview language:de length:short`) or plain
 * words in English or German ("digest preview in german short", "Digest Vorschau auf Deutsch
 * kurz"). Undefined when the text asks for something else; a mistake for a wrong length.
 */
export function parseDigestPreview(text: string): DigestPreviewRequest | BriefingRequest | undefined {
  const slash = readSlash(text);
  if (slash !== undefined) {
    if ('mistake' in slash || slash.command !== 'digest') return undefined;
    if (!/^\s*\/digest\s+(preview|vorschau)\b/iu.test(text)) return undefined;
    const length = readLength(slash.options.get('length') ?? 'short');
    if (typeof length !== 'string') return length;
    const language = slash.options.get('language');
    return { kind: 'digest_preview', length, ...(language ? { language } : {}) };
  }
  const [first, second, ...rest] = tokenize(text);
  if (first === undefined || !DIGEST_WORDS.has(first) || (second !== undefined && !PREVIEW_WORDS.has(second))) return undefined;
  const { rest: afterLength, length } = takeLength(rest);
  // "in german" / "auf Deutsch", or a bare language word: the preview has no article to confuse it with.
  const marked = takeLanguage(['digest', ...afterLength], false);
  const leftover = stripFillers(marked.rest.slice(1));
  const typo = length === undefined ? lengthTypo(['digest', ...leftover]) : undefined;
  if (typo) return { kind: 'mistake', error: didYouMean(typo.word, replaceWord(text, typo.word, typo.meant)) };
  const language = marked.language ?? (leftover.length > 0 ? leftover.join(' ') : undefined);
  return { kind: 'digest_preview', ...(language ? { language } : {}), ...(length ? { length } : {}) };
}
