/**
 * Sheet grids as every host reads them, one set of rules: what counts as blank (core's `isBlank`),
 * the data range (trailing blank rows and columns dropped), the header row (a title row above the
 * table is skipped), and the snapshot a save compares versions with. Pure.
 */
import { callsIcpFunction } from '../core/formula-names.ts';
import { type Cell, isBlank } from '../core/values.ts';
import { fingerprint } from './fingerprint.ts';
import type { ModelSnapshot, SheetInfo, WireCell } from './host.ts';

export { columnLetter, columnRuns, findHeader, formulaText, quoteSheetName } from './sheet-layout.ts';

/** How many rows from the top are searched for the header row. */
export const HEADER_SCAN_ROWS = 25;

/** Empty, white space only, null or undefined: the core's rule, for any cell a host hands over. */
export function isBlankCell(cell: unknown): boolean {
  return isBlank(cell as Cell);
}

export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  return !row || row.every(isBlankCell);
}

/**
 * The sheet's data range as every host reports it: rectangular, as wide as the widest row that
 * holds anything, without the blank rows and columns past the last value; empty cells are ''.
 */
export function trimGrid(grid: readonly (readonly WireCell[])[]): WireCell[][] {
  let height = 0;
  let width = 0;
  grid.forEach((row, r) => {
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlankCell(row[c])) {
        width = c + 1;
        break;
      }
    }
    if (!isBlankRow(row)) height = r + 1;
  });
  return grid.slice(0, height).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

/** A model sheet's rows as a save compares them: trimmed, with the fingerprint of exactly those rows. */
export function snapshotOf(sheetName: string, grid: readonly (readonly WireCell[])[]): ModelSnapshot {
  const rows = trimGrid(grid);
  return { sheetName, rows, version: fingerprint(rows) };
}

/** Text stored literally: never read as a number, date or formula (Sheets' and Excel's apostrophe). */
export function literalText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

function isTextHeader(cell: unknown): boolean {
  if (typeof cell !== 'string' || isBlankCell(cell)) return false;
  return !/^[-+$€£]?[\d.,\s]+%?$/.test(cell.trim());
}

/**
 * The header row among the first rows of a sheet (1-based; 0 when they are all blank): the first
 * row whose text cells cover most of the table's width. A title row above the table (one cell)
 * is skipped; a table without text headers falls back to its first non-blank row.
 */
export function detectHeaderRow(rows: readonly (readonly unknown[])[]): number {
  const filled = rows.map((row) => row.filter((cell) => !isBlankCell(cell)).length);
  const widest = Math.max(0, ...filled);
  if (widest === 0) return 0;
  const needed = Math.max(1, Math.ceil(widest * 0.6));
  const index = rows.findIndex((row) => row.filter(isTextHeader).length >= needed);
  return (index >= 0 ? index : filled.findIndex((count) => count > 0)) + 1;
}

/** A header row's cells as trimmed text, trailing blanks dropped. */
export function headerTexts(row: readonly WireCell[]): string[] {
  const texts = row.map((cell) => (cell === null ? '' : String(cell)).trim());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts;
}

/**
 * A sheet as the panel sees it, from its top rows (at least HEADER_SCAN_ROWS of them, when it has
 * that many) and its last row with content. `dataRows` counts from below the header row to that
 * last row, blank rows in between included.
 */
export function describeSheet(name: string, top: readonly (readonly WireCell[])[], lastRow: number): SheetInfo {
  const scanned = top.slice(0, HEADER_SCAN_ROWS);
  const headerRow = lastRow > 0 ? detectHeaderRow(scanned) : 0;
  if (headerRow === 0) return { name, headerRow: 0, headers: [], dataRows: 0 };
  return { name, headerRow, headers: headerTexts(scanned[headerRow - 1]!), dataRows: Math.max(0, lastRow - headerRow) };
}

/** How many rows up to the last one that holds anything. */
export function lastFilledRow(rows: readonly (readonly unknown[])[]): number {
  let height = rows.length;
  while (height > 0 && isBlankRow(rows[height - 1])) height--;
  return height;
}

/** Rows below the header for a preview: as wide as the headers, trailing blank rows dropped. */
/** Data rows below the header row whose formulas are read to find the columns holding ICP functions. */
export const FORMULA_ROWS = 20;

/**
 * The columns (0-based) whose cells hold a formula calling an ICP function, from the formulas of the
 * first data rows (a blank or non-formula cell is null or plain text): the learner never learns from them.
 */
export function icpColumns(formulas: unknown): number[] {
  const columns = new Set<number>();
  for (const row of Array.isArray(formulas) ? formulas : []) {
    if (!Array.isArray(row)) continue;
    row.forEach((formula: unknown, column) => {
      if (typeof formula === 'string' && formula.trimStart().startsWith('=') && callsIcpFunction(formula)) columns.add(column);
    });
  }
  return [...columns].sort((a, b) => a - b);
}

export function previewRows(info: SheetInfo, body: readonly (readonly WireCell[])[], limit: number): { headers: string[]; rows: WireCell[][] } {
  const width = info.headers.length;
  if (width === 0) return { headers: info.headers, rows: [] };
  const rows = body.slice(0, Math.max(0, limit)).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
  return { headers: info.headers, rows: rows.slice(0, lastFilledRow(rows)) };
}
