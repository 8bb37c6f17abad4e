import { UserError } from '../errors.js';
import { languageName } from '../llm/languages.js';
import type { LanguageModelError } from '../llm/types.js';
import type { BriefingNotice } from './types.js';

/** How to get a language model, said wherever its absence is the reason. */
export const MODEL_FIX = 'Set OPENAI_BASE_URL (e.g. a local Ollama) or OPENAI_API_KEY.';

export const TRANSLATION_UNAVAILABLE_MESSAGE = `Translation needs a language model. ${MODEL_FIX}`;

/** "German", or "its own language" when detection could not tell. */
function nameOf(code: string): string {
  return code === 'und' ? 'its own language' : languageName(code);
}

/**
 * The text is in the article's language although another was asked for: no model is configured
 * (`offline`), or the configured one failed (`unavailable`).
 */
export function languageFallbackNotice(
  what: 'summary' | 'quotes',
  used: string,
  requested: string,
  reason: 'offline' | 'unavailable',
): BriefingNotice {
  const subject = what === 'summary' ? 'this summary is' : 'these quotes are';
  const message =
    reason === 'offline'
      ? `No language model is configured, so ${subject} in ${nameOf(used)} (the article's language), not ${languageName(requested)}. ${MODEL_FIX}`
      : `The language model is not available right now, so ${subject} in ${nameOf(used)} (the article's language), not ${languageName(requested)}. Try again later.`;
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
  if (error.kind === 'rate_limited') {
    return new UserError('llm_rate_limited', 'The language model is busy right now. Please try again in a minute.');
  }
  return new UserError('llm_unavailable', 'The language model is not available right now. Please try again later.');
}
