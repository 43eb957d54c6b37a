/**
 * Crossing hosts, into Google Sheets: a workbook made in Excel keeps Excel's spelling of the ICP
 * functions (`ICP.SCORE(`), which Sheets does not know. Find those formula cells on every sheet,
 * and rewrite only their formulas in Sheets' spelling (`ICP_SCORE(`): no other cell is written, and
 * the cells rewritten keep their formats. The names themselves are found and converted by the core
 * (core/formula-names.ts), so text in quotes, sheet names and longer names stay as they are.
 */
import { convertFormulaNames, countForeignNames } from '../core/formula-names.ts';
import type { ForeignFormulas } from '../workbook/host.ts';
import { messages } from '../workbook/messages.ts';
import { activeSpreadsheet, underDocumentLock } from './services.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;


interface ForeignCell {
  /** 1-based. */
  row: number;
  column: number;
  formula: string;
}

/** The formula cells of every sheet that hold an ICP name in Excel's spelling, by sheet. */
function foreignCells(spreadsheet: Spreadsheet): { sheet: Sheet; cells: ForeignCell[] }[] {
  const found: { sheet: Sheet; cells: ForeignCell[] }[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    if (sheet.getLastRow() === 0) continue;
    // The data range starts at A1; a cell holding a value (or text starting with "=") has no formula here.
    const formulas = sheet.getDataRange().getFormulas();
    const cells: ForeignCell[] = [];
    formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        if (formula && countForeignNames(formula, 'sheets') > 0) cells.push({ row: r + 1, column: c + 1, formula });
      }),
    );
    if (cells.length > 0) found.push({ sheet, cells });
  }
  return found;
}

function summary(found: { sheet: Sheet; cells: ForeignCell[] }[]): ForeignFormulas {
  return { formulas: found.reduce((sum, s) => sum + s.cells.length, 0), sheets: found.map((s) => s.sheet.getName()) };
}

/**
 * The cells as runs down a column (rows next to each other), so a formula copied down 5,000 rows is
 * written with one call, not 5,000; every cell of a run is one of the cells, so nothing else is written.
 */
function columnRunsOf(cells: readonly ForeignCell[]): ForeignCell[][] {
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

/** How many formula cells use Excel's spelling (ICP.SCORE), and on which sheets. */
export function findForeignFormulas(): ForeignFormulas {
  return summary(foreignCells(activeSpreadsheet()));
}

/**
 * Rewrites Excel's spelling into Sheets' in exactly the cells that hold it, under the document lock
 * (so a save cannot interleave); answers how many cells it changed, on which sheets.
 */
export function convertForeignFormulas(): ForeignFormulas {
  return underDocumentLock(
    () => {
      const found = foreignCells(activeSpreadsheet());
      for (const { sheet, cells } of found) {
        for (const run of columnRunsOf(cells)) {
          const first = run[0]!;
          sheet.getRange(first.row, first.column, run.length, 1).setFormulas(run.map((cell) => [convertFormulaNames(cell.formula, 'sheets')]));
        }
      }
      SpreadsheetApp.flush();
      return summary(found);
    },
    () => {
      throw new Error(messages.convertBusy());
    },
  );
}
