import { createHash } from 'node:crypto';

/** What makes two requests the same question, as far as the cache is concerned. */
export interface CacheKeyParts {
  /** The operation ("summarize", "translate", "quote"...). */
  op: string;
  /** sha256 of the article's text (or of a message's text): an edit means a new key. */
  articleHash: string;
  /** Options that change the answer (length, target language, count); undefined values are ignored. */
  options: Record<string, unknown>;
  /** "provider/model": another model gives another answer. */
  model: string;
  /** PROMPT_VERSION: reworded prompts must not be answered from the old ones' cache. */
  promptVersion: string;
}

/**
 * The cache key of a request: `<op>:<sha256 of the parts as stable JSON>`. Property order and
 * undefined options do not matter, so `{language:'en', length:'short'}` and
 * `{length:'short', language:'en', extra: undefined}` share an entry.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const digest = createHash('sha256').update(stableJson([parts.op, parts.articleHash, parts.options, parts.model, parts.promptVersion])).digest('hex');
  return `${parts.op}:${digest}`;
}

/** sha256 of a text as hex; the "article hash" of free text such as a Discord message. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every depth and undefined members dropped. */
export function stableJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalize(item)));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // A loop, not entries/filter/sort/map chains: every request that misses the cache passes here.
    const object = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(object).sort()) {
      const member = object[key];
      if (member !== undefined) sorted[key] = normalize(member);
    }
    return sorted;
  }
  return value;
}
