import { describe, expect, it } from 'vitest';
import { cacheKey, stableJson, type CacheKeyParts } from '../../src/cache/key.js';

const base: CacheKeyParts = {
  op: 'summarize',
  articleHash: 'a'.repeat(64),
  options: { length: 'short', language: 'en' },
  model: 'openai/gpt-4o-mini',
  promptVersion: 'p1',
};

describe('cacheKey', () => {
  it('GIVEN the same parts in another property order or with undefined options THEN the key is the same', () => {
    const reordered = cacheKey({ ...base, options: { language: 'en', length: 'short', extra: undefined } });
    expect(reordered).toBe(cacheKey(base));
  });

  it.each([
    ['operation', { op: 'translate' }],
    ['article hash', { articleHash: 'b'.repeat(64) }],
    ['an option', { options: { length: 'long', language: 'en' } }],
    ['the model', { model: 'openai/llama3' }],
    ['the prompt version', { promptVersion: 'p2' }],
  ])('GIVEN a different %s THEN the key differs', (_what, change) => {
    expect(cacheKey({ ...base, ...change })).not.toBe(cacheKey(base));
  });

  it('GIVEN any parts THEN the key is the operation and a sha256, short enough for every store', () => {
    expect(cacheKey(base)).toMatch(/^summarize:[0-9a-f]{64}$/);
  });

  it('GIVEN the parts of an entry an earlier version stored THEN the key is the same, so answers cached before an upgrade are still found', () => {
    const options = { length: 'short', language: 'de', format: 1, x: undefined, n: { b: [1, undefined, { z: 1, a: null }], a: '2' } };
    expect(cacheKey({ op: 'summarize', articleHash: 'abc', options, model: 'openai/m', promptVersion: '7' })).toBe(
      'summarize:d0cd6ada2039496f3b5729abec922433f3ee3c62094fd658d2ce22c49adab29a',
    );
  });

  it('GIVEN values that could be confused when concatenated THEN the keys still differ', () => {
    expect(cacheKey({ ...base, articleHash: 'ab', model: 'c' })).not.toBe(cacheKey({ ...base, articleHash: 'a', model: 'bc' }));
  });
});

describe('stableJson', () => {
  it('GIVEN nested objects THEN keys are sorted at every depth', () => {
    expect(stableJson({ b: { d: 1, c: 2 }, a: [{ z: 1, y: 2 }] })).toBe('{"a":[{"y":2,"z":1}],"b":{"c":2,"d":1}}');
  });

  it('GIVEN undefined members, undefined array items and number-like keys THEN they read as JSON.stringify of the sorted object always did', () => {
    expect(stableJson({ b: 1, a: [undefined, { d: 1, c: 2 }], 10: 'x', 9: 'y', gone: undefined })).toBe('{"9":"y","10":"x","a":[null,{"c":2,"d":1}],"b":1}');
  });
});
