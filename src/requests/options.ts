import { DEFAULT_LENGTH, SUMMARY_LENGTHS, type BriefingRequest, type SummaryLength } from '../briefing/types.js';
import { invalidChoice } from './mistakes.js';

/**
 * A `length` value however it was asked (a slash command's choice, the console's `length:`), or the
 * mistake of naming one that does not exist; none asked is the default length.
 */
export function readLength(value: string | null | undefined): SummaryLength | BriefingRequest {
  if (value === undefined || value === null) return DEFAULT_LENGTH;
  const wanted = value.toLowerCase();
  if (isLength(wanted)) return wanted;
  return { kind: 'mistake', error: invalidChoice('length', value, SUMMARY_LENGTHS) };
}

function isLength(value: string): value is SummaryLength {
  return (SUMMARY_LENGTHS as readonly string[]).includes(value);
}
