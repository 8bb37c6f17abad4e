import type { ChatMessage, TokenUsage } from '../llm/types.js';

/** Tokens kept free in every call for the chat template and the estimates' error. */
export const SAFETY_TOKENS = 64;

/**
 * Rough token count of a text, without a tokenizer: about 4 characters per token for Latin-script
 * text, 2 for other alphabets (Cyrillic, Greek, Arabic…) and 1 per CJK character. It errs on the
 * high side, which is the safe side for fitting text into a context window.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let cjk = 0;
  let other = 0;
  // By index, not for…of: no string per character, for texts estimated on every model call.
  for (let index = 0; index < text.length; index += 1) {
    const code = text.codePointAt(index) ?? 0;
    // A surrogate pair is one character; a lone surrogate counts alone, as for…of reads it.
    if (code > 0xffff) index += 1;
    if (code < 0x250) ascii += 1;
    else if (isCjk(code)) cjk += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 4 + other / 2 + cjk);
}

/** Tokens a list of chat messages takes, with a few per message for the chat template. */
export function estimateMessageTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + estimateTokens(message.content) + 4, 2);
}

/** Usage to book when the provider reported none (some servers never do, streams often don't). */
export function estimateUsage(messages: readonly ChatMessage[], output: string): TokenUsage {
  const promptTokens = estimateMessageTokens(messages);
  const completionTokens = estimateTokens(output);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x9fff) || // CJK ideographs
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x2ffff)
  );
}
