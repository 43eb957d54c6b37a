/** Function arguments as hosts pass them, checked at the boundary (zod) and turned into grids. */
import * as z from 'zod/mini';
import { ShapeError } from './errors.ts';
import type { Cell } from './values.ts';

/** A grid check that touches each row once: arguments can be a million rows. */
const gridSchema = z.custom<Cell[][]>((value) => {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!Array.isArray(value[i])) return false;
  return true;
});
const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.undefined(), z.date()]);

/** A range argument as rows of cells. A single value (one cell) becomes a 1×1 grid. */
export function toGrid(value: unknown, argument: string): Cell[][] {
  if (gridSchema.safeParse(value).success) return value as Cell[][];
  if (Array.isArray(value)) {
    // One row given as a flat list (some callers do): wrap it.
    if (value.every((cell) => !Array.isArray(cell))) return [value as Cell[]];
    throw new ShapeError(argument, `${argument} must be a range: rows of cells`);
  }
  if (cellSchema.safeParse(value).success || Object.prototype.toString.call(value) === '[object Date]') {
    return [[value as Cell]];
  }
  throw new ShapeError(argument, `${argument} must be a range or a single value, not ${typeof value}`);
}

/** The header row over `values`: one row, as wide as `values`. */
export function toHeaderRow(value: unknown, width: number): Cell[] {
  const grid = toGrid(value, 'headers');
  const nonBlankRows = grid.filter((row) => row.some((cell) => cell !== '' && cell !== null && cell !== undefined));
  if (grid.length !== 1 && nonBlankRows.length !== 1) {
    throw new ShapeError('headers', `headers must be the one header row over values, but it has ${grid.length} rows`);
  }
  const row = grid.length === 1 ? grid[0]! : nonBlankRows[0]!;
  if (row.length !== width) {
    throw new ShapeError(
      'headers',
      `headers is ${row.length} column${row.length === 1 ? '' : 's'} wide but values is ${width}; select the header row over exactly the same columns`,
    );
  }
  return row;
}

/** A values grid: rectangular, at least one column. */
export function toValues(value: unknown): Cell[][] {
  const grid = toGrid(value, 'values');
  const width = grid[0]?.length ?? 0;
  if (width === 0) throw new ShapeError('values', 'values is empty; select the prospect rows to score');
  for (let i = 1; i < grid.length; i++) {
    if (grid[i]!.length !== width) {
      throw new ShapeError('values', `values row ${i + 1} is ${grid[i]!.length} cells wide but row 1 is ${width}`);
    }
  }
  return grid;
}

/** A column (or row) of cells as one list, in reading order. */
export function toList(value: unknown, argument: string): Cell[] {
  const grid = toGrid(value, argument);
  if (grid.length === 1) return grid[0]!;
  if (grid.every((row) => row.length === 1)) return grid.map((row) => row[0]);
  throw new ShapeError(argument, `${argument} must be one column or one row, not ${grid.length} rows × ${grid[0]?.length ?? 0} columns`);
}

/** Dimension labels: one text, a comma-separated list, or a range of labels. */
export function toLabels(value: unknown): string[] {
  return toGrid(value, 'dimensions')
    .flat()
    .flatMap((cell) => (cell === null || cell === undefined ? [] : String(cell).split(/[,;|]/)))
    .map((label) => label.trim())
    .filter(Boolean);
}

/** An optional argument: hosts pass undefined, null, or an empty cell when it is left out. */
export function isOmitted(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) {
    return isOmitted(value[0][0]);
  }
  return false;
}
