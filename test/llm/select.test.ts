import { describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createLanguageModel } from '../../src/llm/select.js';
import { LanguageModelError } from '../../src/llm/types.js';

const configWith = (env: Record<string, string>): Config => configSchema.parse(env);

describe('createLanguageModel', () => {
  it('GIVEN neither OPENAI_API_KEY nor OPENAI_BASE_URL THEN undefined (offline engine)', () => {
    expect(createLanguageModel(configWith({}), silentLogger)).toBeUndefined();
  });

  it('GIVEN OPENAI_BASE_URL THEN the openai provider with LLM_MODEL', () => {
    const model = createLanguageModel(
      configWith({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.2' }),
      silentLogger,
    );
    expect(model).toMatchObject({ provider: 'openai', model: 'llama3.2' });
  });

  it('GIVEN only OPENAI_API_KEY THEN the openai provider with the default model', () => {
    const model = createLanguageModel(configWith({ OPENAI_API_KEY: 'sk-test' }), silentLogger);
    expect(model).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
  });

  it('GIVEN LLM_PROVIDER=offline with a key THEN undefined', () => {
    expect(createLanguageModel(configWith({ OPENAI_API_KEY: 'sk-test', LLM_PROVIDER: 'offline' }), silentLogger)).toBeUndefined();
  });

  it('GIVEN LLM_PROVIDER=openai without key or base URL THEN it fails at startup naming OPENAI_API_KEY', () => {
    const config = configWith({ LLM_PROVIDER: 'openai' });
    expect(() => createLanguageModel(config, silentLogger)).toThrow(LanguageModelError);
    expect(() => createLanguageModel(config, silentLogger)).toThrow(/OPENAI_API_KEY/);
  });
});
