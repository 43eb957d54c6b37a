/**
 * `--map Field=Column`: the command line's column picker. A model Field with no column of that
 * name can be pointed at another column (`--map "Employees=Headcount"`) or skipped
 * (`--map "Employees="`: every cell of it reads as blank). Problems are gathered, not thrown one
 * at a time: every Field without a column is named on its own line, with the nearest header.
 */
import {
  type Cell,
  type FieldMapping,
  type Model,
  type ModelIssue,
  type ScoreOptions,
  bindModel,
  bindingHeaders,
  formatIssue,
  headerKey,
  isModelError,
  nearestHeader,
  normalizeText,
  scoredFields,
} from '../core/index.ts';
import { COLUMN_SETTINGS, SCORED_KINDS } from '../core/fields.ts';
import { CliError } from './files.ts';

/** A `--map` value: the Field, the column to read instead (null: read as blank), and the text as typed, for messages. */
export interface MapArgument extends FieldMapping {
  text: string;
}

/** The `--map` values as mappings; a value without `=` or without a Field is refused. */
export function parseMappings(values: readonly string[] | undefined): MapArgument[] {
  return (values ?? []).map((text) => {
    const at = text.indexOf('=');
    const field = at < 0 ? '' : text.slice(0, at).trim();
    if (at < 0 || field === '') {
      throw new CliError(`--map "${text}" is not valid: use --map "Field=Column" to read another column, or --map "Field=" to score the field as blank`);
    }
    const column = text.slice(at + 1).trim();
    return { field, column: column === '' ? null : column, text };
  });
}

function checkMappings(mappings: readonly MapArgument[], model: Model, headers: readonly string[], source: string): string[] {
  const problems: string[] = [];
  const fields = scoredFields(model.entries);
  const fieldKeys = fields.map(headerKey);
  const seen = new Set<string>();
  for (const m of mappings) {
    const key = headerKey(m.field);
    if (!fieldKeys.includes(key)) {
      const near = nearestHeader(m.field, fields);
      problems.push(`--map "${m.text}": the model has no Field "${m.field}"${near ? ` — did you mean "${near}"?` : ''} (its Fields are ${fields.map((f) => `"${f}"`).join(', ')})`);
    } else if (seen.has(key)) {
      problems.push(`--map "${m.text}": the Field "${m.field}" is mapped twice; give it one column`);
    }
    seen.add(key);
    if (m.column !== null && !headers.some((h) => h === m.column || headerKey(h) === headerKey(m.column!))) {
      const near = nearestHeader(m.column, headers);
      problems.push(`--map "${m.text}": ${source} has no column "${m.column}"${near ? ` — did you mean "${near}"?` : ''}`);
    }
  }
  return problems;
}

function quoted(items: readonly string[]): string {
  const list = items.map((item) => `"${item}"`);
  if (list.length === 0) return 'all blank';
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function fieldProblems(issues: readonly ModelIssue[], headers: readonly string[], source: string, canSkip: boolean): string[] {
  const missing = new Map<string, { field: string; rows: number[] }>();
  const others: string[] = [];
  const headerKeys = new Set(headers.map(headerKey));
  for (const issue of issues) {
    const isField = (issue.column === 'Field' || issue.column === 'Value') && issue.value && !headerKeys.has(headerKey(issue.value));
    if (!isField) {
      others.push(formatIssue(issue));
      continue;
    }
    const key = headerKey(issue.value);
    const entry = missing.get(key) ?? { field: issue.value.trim(), rows: [] };
    entry.rows.push(issue.row);
    missing.set(key, entry);
  }
  const lines = [...missing.values()].map(({ field, rows }) => {
    const near = nearestHeader(field, headers);
    const where = `model row${rows.length === 1 ? '' : 's'} ${rows.join(', ')}`;
    return `the Field "${field}" (${where}) is not a column of ${source}${near ? ` — did you mean "${near}"?` : '.'} Use --map "${field}=${near ?? 'COLUMN'}"${canSkip ? `, or --map "${field}=" to score it as blank` : ''}.`;
  });
  if (lines.length > 0) lines.push(`(the columns of ${source} are ${quoted(headers.filter((h) => h.trim() !== ''))})`);
  return [...lines, ...others];
}

/**
 * The header row to bind the model to for this file (core/fields.ts bindingHeaders), after checking the
 * mappings and the model against it. Every problem is reported at once, one per line.
 */
export function bindHeaders(
  model: Model,
  headers: readonly Cell[],
  mappings: readonly MapArgument[],
  source: string,
  options: ScoreOptions = {},
  forSql = false,
): string[] {
  const outcome = forSql ? 'no SQL was written' : 'nothing was scored';
  const names = headers.map((h) => (h === null || h === undefined ? '' : String(h)));
  const problems = checkMappings(mappings, model, names, source);
  if (problems.length === 0) {
    const bound = bindingHeaders(names, mappings);
    try {
      bindModel(model, bound, options);
      return bound;
    } catch (error) {
      if (!isModelError(error)) throw error;
      problems.push(...fieldProblems(error.issues, names, source, !forSql));
    }
  }
  const count = problems.filter((p) => !p.startsWith('(')).length;
  throw new CliError(`${count} problem${count === 1 ? '' : 's'} with ${source}; ${outcome}:\n  ${problems.join('\n  ')}`);
}

/**
 * The model worksheet with each mapped Field renamed to its column (for `icp sql`, which reads
 * columns by name). Skipping a field has no SQL form, so it is refused.
 */
export function renameFields(grid: readonly Cell[][], model: Model, mappings: readonly MapArgument[], columns?: readonly string[], source = 'the table'): Cell[][] {
  const problems = checkMappings(mappings, model, columns ?? [], source).filter((p) => columns || !p.includes(' has no column '));
  const skipped = mappings.filter((m) => m.column === null);
  for (const m of skipped) problems.push(`--map "${m.text}": icp sql cannot score a field as blank; map it to a column, or drop its rows from the model`);
  if (problems.length > 0) throw new CliError(`${problems.length} problem${problems.length === 1 ? '' : 's'} with --map:\n  ${problems.join('\n  ')}`);
  const byKey = new Map(mappings.map((m) => [headerKey(m.field), m.column!]));
  const header = grid.findIndex((row) => row.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  const headerRow = grid[header] ?? [];
  const at = (name: string) => headerRow.findIndex((c) => typeof c === 'string' && headerKey(c) === name);
  const [kindColumn, nameColumn, field, value] = [at('kind'), at('name'), at('field'), at('value')];
  return grid.map((row, r) => {
    if (r <= header) return [...row];
    const copy = [...row];
    const kind = normalizeText(String(row[kindColumn] ?? ''));
    const rename = (i: number) => {
      const column = byKey.get(headerKey(String(copy[i] ?? '')));
      if (i >= 0 && column !== undefined) copy[i] = column;
    };
    if (SCORED_KINDS.includes(kind)) rename(field);
    // The override settings name their column in Value (or Field).
    if (kind === 'setting' && COLUMN_SETTINGS.includes(normalizeText(String(row[nameColumn] ?? '')))) {
      rename(field);
      rename(value);
    }
    return copy;
  });
}
