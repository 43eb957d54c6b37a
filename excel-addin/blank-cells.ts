/**
 * Blank cells as Excel hands them to a custom function: `null` on Excel on the web, but `0` on
 * Excel desktop (Windows and Mac), with no way to tell that 0 from a typed 0. The policy, the
 * same on every platform so a workbook scores alike everywhere (docs/excel.md):
 *
 * - a row of values whose every cell is blank or 0 is a blank row: it gets blank results;
 * - in the model range, a 0 counts as blank everywhere except in Value (a tier's minimum may be 0)
 *   and Points (a criterion may be worth 0); in the Value of a setting, or of a rule that takes no
 *   Value (is true, is false, is blank, is not blank), it counts as blank too;
 * - in the prospect values, a 0 counts as blank in every column except the columns the model
 *   reads with a number rule (between, at least, at most, equals) or a yes/no rule (is true,
 *   is false): there a 0 may be meant (0 open deals, a 0/1 flag), so it stays 0;
 * - job titles, tier labels, won/lost outcomes and dimension labels: a 0 counts as blank;
 * - amounts and scores keep 0 (a 0 amount adds nothing; an excluded account scores 0); a tier
 *   column given beside the scores reads 0 as blank.
 *
 * Pure: no Office globals, so it is tested directly.
 */
import { type Cell, type Model, findModelHeader, headerIndex, headerKey, readModel } from '../core/index.ts';
import { parseRuleName, readerOf } from '../core/rules.ts';

/** Rules that take no Value: a desktop 0 in their Value cell is the blank it was. */
const NO_VALUE_RULES = new Set(['is true', 'is false', 'is blank', 'is not blank']);

/** How a function argument's zeros are read, by the parameter's name in core FUNCTIONS. */
export type ZeroPolicy = 'model' | 'headers' | 'values' | 'blank' | 'keep' | 'scores';

export const ZERO_POLICY: Readonly<Record<string, ZeroPolicy>> = {
  values: 'values',
  headers: 'headers',
  model: 'model',
  dimensions: 'blank',
  title: 'blank',
  tiers: 'blank',
  won: 'blank',
  amount: 'keep',
  // ICP.BACKTEST: the score column keeps 0 (an excluded account scores 0); a tier column beside it reads 0 as no tier.
  scores: 'scores',
};

function isBlankish(cell: unknown): boolean {
  return cell === null || cell === undefined || cell === 0 || (typeof cell === 'string' && cell.trim() === '');
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
    const isSetting = kindColumn !== undefined && String(row[kindColumn] ?? '').trim().toLowerCase() === 'setting';
    const rule = ruleColumn === undefined ? undefined : parseRuleName(String(row[ruleColumn] ?? ''));
    const valueIsBlankish = isSetting || (rule !== undefined && NO_VALUE_RULES.has(rule));
    return row.map((cell, c) => {
      if (c === pointsColumn) return cell;
      if (c === valueColumn && !valueIsBlankish) return cell;
      return zeroToNull(cell);
    });
  });
}

/** The columns (0-based, of `headers`) that some number or yes/no rule of the model reads. */
export function numericColumns(model: Model, headers: readonly Cell[]): Set<number> {
  const index = headerIndex(headers);
  const columns = new Set<number>();
  const bands = [...model.criteria.flatMap((c) => c.bands), ...model.exclusions];
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

/** The model as read for finding the numeric columns, or null when it does not read (the function will say why). */
function modelOrNull(grid: unknown): Model | null {
  try {
    return readModel(grid, { serialDates: true });
  } catch {
    return null;
  }
}

/**
 * A function's arguments with Excel's zeros read by the policy above. `parameters` are the
 * function's parameter names in order (core FUNCTIONS).
 */
export function normalizeArguments(parameters: readonly string[], args: readonly unknown[]): unknown[] {
  const out = [...args];
  const at = (name: string) => parameters.indexOf(name);
  parameters.forEach((name, i) => {
    const policy = ZERO_POLICY[name] ?? 'keep';
    if (policy === 'model') out[i] = modelZerosAsBlank(args[i]);
    else if (policy === 'headers' || policy === 'blank') out[i] = zerosAsBlank(args[i]);
    else if (policy === 'scores') out[i] = asGrid(args[i])?.map((row) => row.map((cell, c) => (c === 0 ? cell : zeroToNull(cell)))) ?? args[i];
  });
  const valuesAt = parameters.findIndex((name) => ZERO_POLICY[name] === 'values');
  if (valuesAt >= 0) {
    const model = at('model') >= 0 ? modelOrNull(out[at('model')]) : null;
    const headers = at('headers') >= 0 ? asGrid(out[at('headers')]) : null;
    const headerRow = headers?.find((row) => row.some((cell) => !isBlankish(cell))) ?? headers?.[0] ?? [];
    const keep = model ? numericColumns(model, headerRow as Cell[]) : new Set<number>();
    out[valuesAt] = valuesZerosAsBlank(args[valuesAt], keep);
  }
  return out;
}

/** A prospect column that a number or yes/no rule reads and that has blank cells. */
export interface BlankNumericColumn {
  header: string;
  /** How many of the data rows leave it blank (rows blank all across are not counted). */
  blanks: number;
}

/**
 * What the task pane warns about: blank cells in columns that number or yes/no rules read, which
 * Excel desktop passes to the functions as 0. The task pane reads cells through the Excel API,
 * where a blank cell is blank on every platform, so it can tell.
 */
export function blankCellsInNumericColumns(headers: readonly string[], rows: readonly (readonly unknown[])[], model: Model): BlankNumericColumn[] {
  const columns = [...numericColumns(model, headers)].sort((a, b) => a - b);
  const isEmpty = (cell: unknown) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
  const filled = rows.filter((row) => row.some((cell) => !isEmpty(cell)));
  return columns
    .map((column) => ({ header: headers[column] ?? '', blanks: filled.filter((row) => isEmpty(row[column])).length }))
    .filter((found) => found.blanks > 0);
}
