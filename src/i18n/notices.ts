import type { BriefingNotice } from '../briefing/types.js';
import type { MessageKey, Translator } from './index.js';

/** Catalog entry of each notice code the briefing service gives. */
const NOTICE_KEYS: Readonly<Record<BriefingNotice['code'], MessageKey>> = {
  language_fallback: 'notice_language_fallback',
  quotes_filled_offline: 'notice_quotes_filled_offline',
  quotes_fewer: 'notice_quotes_fewer',
  quotes_headline_only: 'notice_quotes_headline_only',
  llm_fallback: 'notice_llm_fallback',
  llm_incomplete: 'notice_llm_incomplete',
  translation_incomplete: 'notice_translation_incomplete',
  same_language: 'notice_same_language',
};

/**
 * A notice in the catalog's words. Short and free of set-up hints, so fit for a public channel;
 * the service's own English message (which may tell the operator what to configure) is the fallback
 * for a code the catalog lacks.
 */
export function catalogNotice(notice: BriefingNotice, t: Translator): string {
  const key = NOTICE_KEYS[notice.code];
  return key === undefined ? notice.message : t(key, notice.params);
}
