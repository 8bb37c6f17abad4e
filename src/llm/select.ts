import { selectedProvider, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { createOpenAIModel } from './openai.js';
import type { LanguageModel } from './types.js';

/**
 * The language model the configuration asks for, or undefined for the offline engine
 * (LLM_PROVIDER=offline, or auto with neither OPENAI_API_KEY nor OPENAI_BASE_URL).
 * @throws LanguageModelError when the openai provider is selected but its settings are unusable,
 * e.g. LLM_PROVIDER=openai without a key or base URL.
 */
export function createLanguageModel(config: Config, logger: Logger): LanguageModel | undefined {
  if (selectedProvider(config) === 'offline') {
    logger.info({ provider: 'offline' }, 'no LLM configured; using the offline engine');
    return undefined;
  }
  const model = createOpenAIModel({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    logger: logger.child({ component: 'llm' }),
  });
  logger.info({ provider: model.provider, model: model.model, host: model.host }, 'LLM provider ready');
  return model;
}
