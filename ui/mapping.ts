/**
 * Model Fields against a prospect sheet's headers (SPEC §3: letters and digits only, any case),
 * and the header suggestions the panel offers where a Field has no column.
 */
import { headerKey, normalizeText } from '../core/index.ts';
import { type ModelDoc, kindOf } from './doc.ts';

/** The Fields the score formulas read: criteria, exclusions, their `and` rows, and the override settings; first spelling of each. */
export function scoredFields(doc: ModelDoc): string[] {
  const fields = new Map<string, string>();
  const add = (field: string) => {
    const key = headerKey(field);
    if (key && !fields.has(key)) fields.set(key, field.trim());
  };
  for (const row of doc.rows) {
    const kind = kindOf(row);
    if (kind === 'criterion' || kind === 'exclude' || kind === 'and') add(row.field);
    const setting = normalizeText(row.name);
    if (kind === 'setting' && (setting === 'override' || setting === 'override reason')) {
      add(typeof row.value === 'string' && row.value.trim() ? row.value : row.field);
    }
  }
  return [...fields.values()];
}

export interface FieldMatch {
  field: string;
  /** The header it matches by the SPEC §3 rule, or null. */
  header: string | null;
}

export function matchFields(fields: readonly string[], headers: readonly string[]): FieldMatch[] {
  const byKey = new Map<string, string>();
  for (const header of headers) {
    const key = headerKey(header);
    if (key && !byKey.has(key)) byKey.set(key, header);
  }
  return fields.map((field) => ({ field, header: byKey.get(headerKey(field)) ?? null }));
}

/**
 * The header row as the formulas see it when the user picked columns for some Fields: each
 * picked header replaced by the Field's own name (the model stays as it is).
 */
export function substituteHeaders(headers: readonly string[], picks: Readonly<Record<string, string>>): string[] {
  const out = [...headers];
  for (const [field, header] of Object.entries(picks)) {
    const index = out.findIndex((h) => h === header);
    if (index >= 0) out[index] = field;
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Headers ordered by how likely each is the column meant for `field` (likeliest first), and
 * the one worth pointing out: sharing a long prefix or containing one another.
 */
export function rankHeaders(field: string, headers: readonly string[]): { ordered: string[]; likely: string | null } {
  const key = headerKey(field);
  const score = (header: string) => {
    const other = headerKey(header);
    if (!other) return 0;
    if (other.includes(key) || key.includes(other)) return 100 + Math.min(other.length, key.length);
    return commonPrefix(key, other);
  };
  const ranked = headers
    .filter((header) => header.trim() !== '')
    .map((header) => ({ header, score: score(header) }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  return { ordered: ranked.map((r) => r.header), likely: best && best.score >= 4 ? best.header : null };
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
