/**
 * The panel's side of field mapping (core/fields.ts): the Fields a panel document scores, the
 * header row the picked columns give, and the column suggestions of the Summary and Learn tabs.
 */
import { bindingHeaders, headerKey, normalizeText, scoredFields as fieldsOf } from '../core/index.ts';
import type { ModelDoc } from './doc.ts';

export { matchFields, rankHeaders } from '../core/index.ts';
export type { FieldMatch } from '../core/index.ts';

/** The Fields the score formulas read: criteria, exclusions, their `and` rows, and the override settings; first spelling of each. */
export function scoredFields(doc: ModelDoc): string[] {
  return fieldsOf(doc.rows);
}

/**
 * The header row the model binds to when the user picked columns for some Fields (bindingHeaders):
 * each picked column renamed to its Field, the model left as it is. As in the formulas the panel
 * writes, a pick counts only while its Field has no column of its own.
 */
export function substituteHeaders(headers: readonly string[], picks: Readonly<Record<string, string>>): string[] {
  const own = new Set(headers.map(headerKey));
  const mappings = Object.entries(picks).filter(([field]) => !own.has(headerKey(field)));
  return bindingHeaders(headers, mappings.map(([field, column]) => ({ field, column })));
}

/**
 * The first header whose words include one of `words` (tried in order), skipping headers with
 * a word of `avoid` ("Funding stage" is not a deal stage), or ''.
 */
export function suggestColumn(headers: readonly string[], words: readonly string[], avoid: readonly string[] = []): string {
  const wordsOf = (header: string) => normalizeText(header).split(/[^\p{L}\p{N}]+/u);
  const usable = headers.filter((header) => !wordsOf(header).some((w) => avoid.includes(w)));
  for (const word of words) {
    const found = usable.find((header) => wordsOf(header).includes(word));
    if (found) return found;
  }
  return '';
}

/** Header words that suggest the outcome column, likeliest first. */
export const WON_WORDS = ['won', 'outcome', 'stage', 'status'] as const;
export const WON_AVOID = ['funding', 'series', 'company', 'account', 'lead'] as const;
// The deal amount column is chosen in amount-column.ts: never the company's size.
