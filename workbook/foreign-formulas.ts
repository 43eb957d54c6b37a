/**
 * Crossing hosts: a workbook made in Excel keeps Excel's spelling of the ICP functions
 * (`ICP.SCORE(`), which Sheets does not know, and the other way round. Find those formula cells on
 * every sheet, and rewrite only their formulas in this host's spelling: no other cell is written.
 * The names are found and converted by the core (core/formula-names.ts), so text in quotes, sheet
 * names and longer names stay as they are.
 */
import { convertFormulaNames, countForeignNames } from '../core/formula-names.ts';
import { call, type Flow } from './flow.ts';
import type { ForeignFormulas } from './host.ts';
import type { CellBlock, Port } from './port.ts';

interface ForeignCell {
  row: number;
  column: number;
  formula: string;
}

interface Found {
  /** The last row any sheet uses: where Sheets' open-ended ranges (`A2:H`) are closed in Excel. */
  lastRow: number;
  sheets: { name: string; cells: ForeignCell[] }[];
}

function* foreignCells(port: Port): Flow<Found> {
  const host = port.traits.dialect.names;
  const found: Found = { lastRow: 1, sheets: [] };
  for (const { name } of yield* call(() => port.sheets())) {
    const formulas = (yield* call(() => port.readFormulas(name))) ?? [];
    found.lastRow = Math.max(found.lastRow, formulas.length);
    const cells: ForeignCell[] = [];
    formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        if (formula && countForeignNames(formula, host) > 0) cells.push({ row: r + 1, column: c + 1, formula });
      }),
    );
    if (cells.length > 0) found.sheets.push({ name, cells });
  }
  return found;
}

const summary = (found: Found): ForeignFormulas => ({
  formulas: found.sheets.reduce((sum, sheet) => sum + sheet.cells.length, 0),
  sheets: found.sheets.map((sheet) => sheet.name),
});

/** How many formula cells use the other host's spelling, and on which sheets (in workbook order). */
export function* findForeignFormulas(port: Port): Flow<ForeignFormulas> {
  return summary(yield* foreignCells(port));
}

/**
 * The cells as runs down a column (rows next to each other), so a formula copied down 5,000 rows is
 * written with one block, not 5,000; every cell of a run is one of the cells, so nothing else is written.
 */
function columnRuns(cells: readonly ForeignCell[]): ForeignCell[][] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: ForeignCell[][] = [];
  for (const cell of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last.column === cell.column && last.row + 1 === cell.row) run.push(cell);
    else runs.push([cell]);
  }
  return runs;
}

/** Rewrites the other host's spelling into this host's in exactly the cells that hold it; run under the lock. */
export function* convertForeignFormulas(port: Port): Flow<ForeignFormulas> {
  const found = yield* foreignCells(port);
  const to = port.traits.dialect.names;
  for (const { name, cells } of found.sheets) {
    const blocks: CellBlock[] = columnRuns(cells).map((run) => ({
      row: run[0]!.row,
      column: run[0]!.column,
      cells: run.map((cell) => [{ formula: convertFormulaNames(cell.formula, to, { lastRow: found.lastRow }) }]),
    }));
    yield* call(() => port.write(name, blocks));
  }
  return summary(found);
}
