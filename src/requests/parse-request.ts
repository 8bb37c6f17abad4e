import type { BriefingRequest } from '../briefing/types.js';
import { parseSlash } from './parse-slash.js';
import { parseWords } from './parse-words.js';

/** Slash syntax when the text starts with "/<command>", plain words otherwise. Never throws. */
export function parseRequest(text: string): BriefingRequest {
  return parseSlash(text) ?? parseWords(text);
}
