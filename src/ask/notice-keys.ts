import type { MessageKey } from '../i18n/index.js';
import type { AskNotice } from './types.js';

/** The message each notice of an answer is told with, on every surface. */
export const ASK_NOTICE_KEYS: Readonly<Record<AskNotice, MessageKey>> = {
  llm_fallback: 'ask_notice_llm_fallback',
  citations_dropped: 'ask_notice_citations_dropped',
  not_translated: 'ask_notice_not_translated',
};
