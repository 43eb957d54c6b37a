/**
 * The model's columns (SPEC §1) and the prospect columns its Fields name (SPEC §3), declared once:
 * the model reader, the panel (its editor, Score and Learn tabs) and the command line's `--map`
 * all read them here.
 */
import { distance } from 'fastest-levenshtein';
import { headerKey, normalizeText } from './text.ts';
import { type Cell, readText } from './values.ts';

// ---- The model's columns ----------------------------------------------------------------------

export const MODEL_COLUMNS = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points', 'Dimension', 'Note'] as const;
export type ModelColumn = (typeof MODEL_COLUMNS)[number];
/** Dimension and Note may be left out of a model sheet. */
export const REQUIRED_COLUMNS: readonly ModelColumn[] = ['Kind', 'Name', 'Field', 'Rule', 'Value', 'Points'];

/** One row of the scoring worksheet as a person typed it (what the panel edits). */
export interface ModelRow {
  kind: string;
  name: string;
  field: string;
  rule: string;
  value: Cell;
  points: Cell;
  dimension: string;
  note: string;
}

/** The ModelRow key that holds each column. */
export const ROW_KEYS = {
  Kind: 'kind',
  Name: 'name',
  Field: 'field',
  Rule: 'rule',
  Value: 'value',
  Points: 'points',
  Dimension: 'dimension',
  Note: 'note',
} as const satisfies Record<ModelColumn, keyof ModelRow>;

/** A model row's cells in MODEL_COLUMNS order. */
export function rowCells(row: ModelRow): Cell[] {
  return MODEL_COLUMNS.map((column) => row[ROW_KEYS[column]]);
}

// ---- The prospect columns the model reads -------------------------------------------------------

/** The Kinds whose Field is a prospect column the score reads: criteria, exclusions and their `and` rows. */
export const SCORED_KINDS: readonly string[] = ['criterion', 'exclude', 'and'];
/** The settings whose Value (else their Field) names a prospect column: the manual override and its reason. */
export const COLUMN_SETTINGS: readonly string[] = ['override', 'override reason'];

/** What a model row says about the column it reads (a ModelRow, a ModelEntry or a panel row). */
export interface FieldSource {
  kind: string;
  name: string;
  field: string;
  value: Cell;
}

/** The prospect column a scored row reads, or ''. */
function scoredField(row: FieldSource): string {
  return SCORED_KINDS.includes(normalizeText(row.kind)) ? row.field.trim() : '';
}

/** The prospect column a setting names (`override`: its Value, else its Field), or ''. */
export function settingColumn(row: FieldSource): string {
  if (normalizeText(row.kind) !== 'setting' || !COLUMN_SETTINGS.includes(normalizeText(row.name))) return '';
  return (readText(row.value) ?? '').trim() || row.field.trim();
}

/**
 * The Fields the score reads, in the first spelling of each (SPEC §3 match): those of the
 * criteria, exclusions and their `and` rows in sheet order, then the override columns.
 */
export function scoredFields(rows: Iterable<FieldSource>): string[] {
  const list = [...rows];
  const fields = new Map<string, string>();
  for (const field of [...list.map(scoredField), ...list.map(settingColumn)]) {
    const key = headerKey(field);
    if (key && !fields.has(key)) fields.set(key, field);
  }
  return [...fields.values()];
}

export interface FieldMatch {
  field: string;
  /** The header it matches by the SPEC §3 rule, or null. */
  header: string | null;
}

/** Each Field with the header it matches (SPEC §3; the first of two that match), or null. */
export function matchFields(fields: readonly string[], headers: readonly string[]): FieldMatch[] {
  const byKey = new Map<string, string>();
  for (const header of headers) {
    const key = headerKey(header);
    if (key && !byKey.has(key)) byKey.set(key, header);
  }
  return fields.map((field) => ({ field, header: byKey.get(headerKey(field)) ?? null }));
}

// ---- Field mapping: a Field read from a column of another name ----------------------------------

/** A model Field read from another column (`--map "Employees=Headcount"`, the Score tab's picks), or read as blank (`column` null). */
export interface FieldMapping {
  field: string;
  column: string | null;
}

/** Where `column` is among the headers: its exact text first, else by SPEC §3; -1 when it is not there. */
export function columnIndex(headers: readonly string[], column: string): number {
  const exact = headers.indexOf(column);
  return exact >= 0 ? exact : headers.findIndex((h) => headerKey(h) === headerKey(column));
}

/**
 * The header row the model binds to when Fields are mapped: each mapped column renamed to its
 * Field, any other column that would still match a mapped Field hidden, and each skipped Field
 * added past the row's end (so its cells read as blank). A column that is not there is left out.
 * The rows themselves are untouched, and so is the model.
 */
export function bindingHeaders(headers: readonly string[], mappings: readonly FieldMapping[]): string[] {
  const out = headers.map((h) => String(h ?? ''));
  const mappedKeys = new Set(mappings.map((m) => headerKey(m.field)));
  const targets = new Set(mappings.map((m) => (m.column === null ? -1 : columnIndex(headers, m.column))));
  out.forEach((header, i) => {
    if (mappedKeys.has(headerKey(header)) && !targets.has(i)) out[i] = '';
  });
  for (const m of mappings) {
    const index = m.column === null ? out.length : columnIndex(headers, m.column);
    if (index >= 0) out[index] = m.field;
  }
  return out;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The header most likely meant for `field`, to say "did you mean": one containing the other, or a near spelling. */
export function nearestHeader(field: string, headers: readonly string[]): string | undefined {
  const key = headerKey(field);
  let best: { header: string; score: number } | undefined;
  for (const header of headers) {
    const other = headerKey(header);
    if (!other) continue;
    const shared = commonPrefix(key, other);
    const score =
      other.includes(key) || key.includes(other) ? 0
      : shared >= 4 && shared >= 0.4 * Math.min(key.length, other.length) ? 0.1
      : distance(key, other) / Math.max(key.length, other.length);
    if (score <= 0.34 && (!best || score < best.score)) best = { header, score };
  }
  return best?.header;
}

/**
 * Headers ordered by how likely each is the column meant for `field` (likeliest first), for a
 * picker, and the one worth pointing out: sharing a long prefix or containing one another.
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
