import { UserError } from '../errors.js';
import { languageName } from '../languages/index.js';
import type { LanguageModelError } from '../llm/types.js';
import type { BriefingNotice } from './types.js';

/** How to get a language model, said wherever its absence is the reason. */
export const MODEL_FIX = 'Set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.';

/** "German", or "its own language" when detection could not tell. */
function nameOf(code: string): string {
  return code === 'und' ? 'its own language' : languageName(code);
}

/** Why the offline engine answered: no model configured, the model failed, or its answer stayed cut off. */
export type FallbackReason = 'offline' | 'unavailable' | 'incomplete';

/**
 * The text is in the article's language although another was asked for: no model is configured
 * (`offline`), the configured one failed (`unavailable`) or its answer stayed cut off (`incomplete`).
 */
export function languageFallbackNotice(
  what: 'summary' | 'quotes',
  used: string,
  requested: string,
  reason: FallbackReason,
): BriefingNotice {
  const subject = what === 'summary' ? 'this summary is' : 'these quotes are';
  const where = `in ${nameOf(used)} (the article's language), not ${languageName(requested)}`;
  const message =
    reason === 'offline'
      ? `No language model is configured, so ${subject} ${where}. ${MODEL_FIX}`
      : reason === 'unavailable'
        ? `The language model is not available right now, so ${subject} ${where}. Try again later.`
        : `The language model's answer was cut off, so ${subject} ${where}. Try again later.`;
  return { code: 'language_fallback', message, params: { used, requested, reason } };
}

/** The model failed, and Herald answered with its offline engine instead. */
export function modelFallbackNotice(what: 'summary' | 'quotes' | 'quote_translation'): BriefingNotice {
  const message =
    what === 'summary'
      ? "The language model is not available right now, so this summary was made offline from the article's own sentences."
      : what === 'quotes'
        ? 'The language model is not available right now, so these quotes were picked offline.'
        : 'The language model is not available right now, so the quotes are not translated.';
  return { code: 'llm_fallback', message, params: { what } };
}

/** The model's answer stayed cut off when asked again, and Herald answered without it. */
export function modelIncompleteNotice(what: 'summary' | 'quotes' | 'quote_translation'): BriefingNotice {
  const message =
    what === 'summary'
      ? "The language model's answer was cut off, so this summary was made offline from the article's own sentences."
      : what === 'quotes'
        ? "The language model's answer was cut off, so these quotes were picked offline."
        : "The language model's answer was cut off, so the quotes are not translated.";
  return { code: 'llm_incomplete', message, params: { what } };
}

/** Part of a translation stayed cut off however small the pieces were sent; "…" marks where. */
export function translationIncompleteNotice(): BriefingNotice {
  return {
    code: 'translation_incomplete',
    message: "This translation is incomplete: the language model's answer was cut off where you see “…”. Try again later.",
  };
}

/** Some of the model's quotes were replaced by passages the offline ranking picked. */
export function quotesFilledNotice(filled: number, dropped: number): BriefingNotice {
  const message =
    dropped > 0
      ? `${dropped} ${dropped === 1 ? 'passage' : 'passages'} from the model ${dropped === 1 ? 'was' : 'were'} not word for word in the article and ${dropped === 1 ? 'was' : 'were'} left out; ${filled} ${filled === 1 ? 'quote was' : 'quotes were'} picked offline instead.`
      : `The model returned fewer quotes than asked; ${filled} ${filled === 1 ? 'quote was' : 'quotes were'} picked offline.`;
  return { code: 'quotes_filled_offline', message, params: { filled, dropped } };
}

/** The article has fewer quotable passages than asked for. */
export function quotesFewerNotice(found: number, requested: number): BriefingNotice {
  return {
    code: 'quotes_fewer',
    message: `Only ${found} of the ${requested} requested quotes could be found in the article.`,
    params: { found, requested },
  };
}

/** The article is only a headline (a news flash): there is no body to quote from. */
export function quotesHeadlineOnlyNotice(): BriefingNotice {
  return { code: 'quotes_headline_only', message: 'This article is only a headline, so there is nothing to quote.' };
}

/** A translation into the language the text is already in: the original is returned. */
export function sameLanguageNotice(language: string): BriefingNotice {
  return {
    code: 'same_language',
    message: `The text is already in ${languageName(language)}, so here it is unchanged.`,
    params: { language },
  };
}

/** What the user is told when the model fails and nothing can stand in for it; no internals. */
export function modelUserError(error: LanguageModelError): UserError {
  return error.kind === 'rate_limited' ? new UserError('llm_rate_limited') : new UserError('llm_unavailable');
}
