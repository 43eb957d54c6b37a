/**
 * Blank cells as Excel hands them to a custom function: `null` on Excel on the web, but `0` on
 * Excel desktop (Windows and Mac), with no way to tell that 0 from a typed 0. The policy, the
 * same on every platform so a workbook scores alike everywhere (docs/excel.md):
 *
 * - a row of values whose every cell is blank or 0 is a blank row: it gets blank results;
 * - in the model range, a 0 counts as blank everywhere except in Value (a tier's minimum may be 0)
 *   and Points (a criterion may be worth 0); in the Value of a setting, or of a rule that takes no
 *   Value (is true, is false, is blank, is not blank), and in the Points of an `and` row, it counts
 *   as blank too;
 * - in the prospect values, a 0 counts as blank in every column except the columns the model
 *   reads with a number rule (between, at least, at most, equals) or a yes/no rule (is true,
 *   is false), on a criterion, exclude or `and` row: there a 0 may be meant (0 open deals, a 0/1
 *   flag), so it stays 0;
 * - job titles, tier labels, won/lost outcomes and dimension labels: a 0 counts as blank;
 * - amounts and scores keep 0 (a 0 amount adds nothing; an excluded account scores 0); a tier
 *   column given beside the scores reads 0 as blank.
 *
 * The one function runner (core/run.ts) applies it, by what each argument reads (core/functions.ts
 * declares that per parameter), for the host that says its blanks arrive as 0 (Excel). Pure.
 */
import type { ArgumentKind } from './functions.ts';
import { SCORED_KINDS } from './fields.ts';
import { type Model, findModelHeader } from './model.ts';
import { RULES, type RuleName, parseRuleName, readerOf } from './rules.ts';
import { headerIndex } from './score.ts';
import { headerKey, normalizeText } from './text.ts';
import { type Cell, isBlank } from './values.ts';

/** Rules that take no Value: a desktop 0 in their Value cell is the blank it was. */
const NO_VALUE_RULES = new Set<string>(RULES.filter((r) => r.value === 'none').map((r) => r.name));

/** How a function argument's zeros are read. */
export type ZeroPolicy = 'model' | 'headers' | 'values' | 'blank' | 'keep' | 'scores';

/** The policy for each kind of argument: every kind has one, or this does not compile. */
export const ZERO_POLICY: Readonly<Record<ArgumentKind, ZeroPolicy>> = {
  values: 'values',
  headers: 'headers',
  model: 'model',
  labels: 'blank',
  titles: 'blank',
  tiers: 'blank',
  outcomes: 'blank',
  amounts: 'keep',
  // ICP.BACKTEST: the score column keeps 0 (an excluded account scores 0); a tier column beside it reads 0 as no tier.
  scores: 'scores',
};

function isBlankish(cell: unknown): boolean {
  return cell === 0 || isBlank(cell as Cell);
}

/** A value as a grid (Excel passes matrix parameters as rows; a test may pass one cell). */
function asGrid(value: unknown): unknown[][] | null {
  if (!Array.isArray(value)) return null;
  return value.every((row) => Array.isArray(row)) ? (value as unknown[][]) : [value];
}

const zeroToNull = (cell: unknown): unknown => (cell === 0 ? null : cell);

/** Every 0 read as blank. */
export function zerosAsBlank(value: unknown): unknown {
  const grid = asGrid(value);
  if (!grid) return zeroToNull(value);
  return grid.map((row) => row.map(zeroToNull));
}

/** The model range with desktop zeros read as the blanks they were (see the policy above). */
export function modelZerosAsBlank(value: unknown): unknown {
  const grid = asGrid(value);
  if (!grid) return zeroToNull(value);
  const rows = grid.map((row) => (row.every(isBlankish) ? row.map(() => null) : row));
  const { headerIndex: header, columns } = findModelHeader(rows as Cell[][]);
  const kindColumn = columns.get('Kind');
  const valueColumn = columns.get('Value');
  const pointsColumn = columns.get('Points');
  const ruleColumn = columns.get('Rule');
  return rows.map((row, r) => {
    if (r <= header) return row.map(zeroToNull);
    const kind = kindColumn === undefined ? '' : String(row[kindColumn] ?? '').trim().toLowerCase();
    const rule = ruleColumn === undefined ? undefined : parseRuleName(String(row[ruleColumn] ?? ''));
    const valueIsBlankish = kind === 'setting' || (rule !== undefined && NO_VALUE_RULES.has(rule));
    return row.map((cell, c) => {
      // An `and` row has no Points: a desktop 0 there is the blank it was.
      if (c === pointsColumn) return kind === 'and' ? zeroToNull(cell) : cell;
      if (c === valueColumn && !valueIsBlankish) return cell;
      return zeroToNull(cell);
    });
  });
}

/** The columns (0-based, of `headers`) that some number or yes/no rule of the model reads. */
export function numericColumns(model: Model, headers: readonly Cell[]): Set<number> {
  const bands = [...model.criteria.flatMap((c) => c.bands), ...model.exclusions];
  const read = [...bands, ...bands.flatMap((band) => band.conditions)];
  return columnsOf(read.map((entry) => ({ field: entry.field, rule: entry.rule })), headers);
}

/**
 * The same columns from the model range itself (its Kind, Field and Rule columns), without reading
 * the model: the function reads it once, after the zeros are undone.
 */
function numericColumnsOfGrid(grid: readonly (readonly unknown[])[], headers: readonly Cell[]): Set<number> {
  const { headerIndex: header, columns } = findModelHeader(grid as Cell[][]);
  const kind = columns.get('Kind');
  const field = columns.get('Field');
  const rule = columns.get('Rule');
  if (header < 0 || kind === undefined || field === undefined || rule === undefined) return new Set();
  const rows = grid.slice(header + 1).filter((row) => SCORED_KINDS.includes(normalizeText(String(row[kind] ?? ''))));
  return columnsOf(rows.map((row) => ({ field: String(row[field] ?? '').trim(), rule: parseRuleName(String(row[rule] ?? '')) ?? null })), headers);
}

function columnsOf(bands: readonly { field: string; rule: RuleName | null }[], headers: readonly Cell[]): Set<number> {
  const index = headerIndex(headers);
  const columns = new Set<number>();
  for (const band of bands) {
    if (!band.rule) continue;
    const reader = readerOf(band.rule);
    if (reader !== 'number' && reader !== 'boolean') continue;
    const column = index.get(headerKey(band.field));
    if (column !== undefined) columns.add(column);
  }
  return columns;
}

/**
 * Prospect values with zeros read as blank outside the columns that number or yes/no rules read.
 * A row is copied only when it changes: ranges can be 100k rows.
 */
export function valuesZerosAsBlank(value: unknown, keep: ReadonlySet<number>): unknown {
  const grid = asGrid(value);
  if (!grid) return keep.has(0) ? value : zeroToNull(value);
  const out = new Array<unknown[]>(grid.length);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    let zeros = 0;
    for (let c = 0; c < row.length; c++) if (row[c] === 0) zeros++;
    if (zeros === 0) out[r] = row;
    else if (row.every(isBlankish)) out[r] = row.map(() => null);
    else out[r] = row.map((cell, c) => (keep.has(c) ? cell : zeroToNull(cell)));
  }
  return out;
}

/**
 * A function's arguments with the zeros read by the policy above. `kinds` are what the function's
 * parameters read, in order (core FUNCTIONS).
 */
export function zerosAsBlankByKind(kinds: readonly ArgumentKind[], args: readonly unknown[]): unknown[] {
  const out = [...args];
  kinds.forEach((kind, i) => {
    const policy = ZERO_POLICY[kind];
    if (policy === 'model') out[i] = modelZerosAsBlank(args[i]);
    else if (policy === 'headers' || policy === 'blank') out[i] = zerosAsBlank(args[i]);
    else if (policy === 'scores') out[i] = asGrid(args[i])?.map((row) => row.map((cell, c) => (c === 0 ? cell : zeroToNull(cell)))) ?? args[i];
  });
  const valuesAt = kinds.indexOf('values');
  if (valuesAt >= 0) {
    const model = asGrid(out[kinds.indexOf('model')]);
    const headersAt = kinds.indexOf('headers');
    const headers = headersAt >= 0 ? asGrid(out[headersAt]) : null;
    const headerRow = headers?.find((row) => row.some((cell) => !isBlankish(cell))) ?? headers?.[0] ?? [];
    const keep = model ? numericColumnsOfGrid(model, headerRow as Cell[]) : new Set<number>();
    out[valuesAt] = valuesZerosAsBlank(args[valuesAt], keep);
  }
  return out;
}
