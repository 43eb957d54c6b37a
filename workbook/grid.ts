/** Small helpers for sheet grids and A1 references; pure, no Apps Script services. */
// Column letters, quoting and header lookup are shared with the Excel add-in.
export { columnLetter, columnRuns, findHeader, formulaText, quoteSheetName } from './sheet-layout.ts';
import type { WireCell } from './host.ts';

export function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The grid without its trailing blank rows and trailing blank columns. */
export function trimGrid(grid: WireCell[][]): WireCell[][] {
  let height = grid.length;
  while (height > 0 && grid[height - 1]!.every(isBlankCell)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = grid[r]!;
    for (let c = row.length; c > width; c--) {
      if (!isBlankCell(row[c - 1])) {
        width = c;
        break;
      }
    }
  }
  return grid.slice(0, height).map((row) => row.slice(0, width));
}

/** Text stored literally: never read as a number, date or formula. */
export function literalText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

function isTextHeader(cell: unknown): boolean {
  if (typeof cell !== 'string' || cell.trim() === '') return false;
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
