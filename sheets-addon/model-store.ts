/**
 * The scoring worksheet on the server: its reads, writes and the document lock, for the save flow
 * every host shares (workbook/save.ts), and the hidden history sheet.
 */
import { HISTORY_HEADER, HISTORY_JSON_COLUMN, findVersion, listVersions, versionSnapshot } from '../workbook/history-sheet.ts';
import { snapshotOf } from '../workbook/grid.ts';
import { HISTORY_SHEET, type HistoryEntry, type ModelSnapshot, type SaveRequest, type SaveResult } from '../workbook/host.ts';
import { messages } from '../workbook/messages.ts';
import { type CellRun, type SaveTarget, saveModelSync } from '../workbook/save.ts';
import { historyId, parseRequest, sheetName as sheetNameSchema } from '../workbook/wire.ts';
import { SHEETS_CELL_LIMIT, restorable, sheetCell, toWireGrid } from './cells.ts';
import { activeSpreadsheet, currentUser, dateFormatter, ensureSize, insertSheetQuietly, underDocumentLock } from './services.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export { HISTORY_CHUNK, HISTORY_HEADER } from '../workbook/history-sheet.ts';

/** The scoring worksheet as the sheet holds it, or null when there is no such sheet. */
export function readModel(sheetName: string): ModelSnapshot | null {
  const name = parseRequest(sheetNameSchema, sheetName, 'a model sheet name');
  const spreadsheet = activeSpreadsheet();
  const sheet = spreadsheet.getSheetByName(name);
  return sheet ? snapshotOf(name, toWireGrid(sheet.getDataRange().getValues(), dateFormatter(spreadsheet))) : null;
}

/** What the cells a save writes held before, formulas kept, and the sheet's size. */
interface Saved {
  /** The save made the sheet: putting back removes it. */
  created: boolean;
  maxRows: number;
  maxColumns: number;
  runs: { run: CellRun; cells: unknown[] }[];
}

function lastOf(runs: readonly CellRun[]): { row: number; column: number } {
  return {
    row: Math.max(0, ...runs.map((run) => run.row)),
    column: Math.max(0, ...runs.map((run) => run.column + run.cells.length - 1)),
  };
}

function capture(sheet: Sheet | null, runs: readonly CellRun[]): Saved {
  if (!sheet) return { created: true, maxRows: 0, maxColumns: 0, runs: [] };
  const maxRows = sheet.getMaxRows();
  const maxColumns = sheet.getMaxColumns();
  // One read of the block the runs cover (within the sheet); cells past its edge were blank.
  const top = Math.min(...runs.map((run) => run.row), maxRows + 1);
  const left = Math.min(...runs.map((run) => run.column), maxColumns + 1);
  const last = lastOf(runs);
  const height = Math.min(last.row, maxRows) - top + 1;
  const width = Math.min(last.column, maxColumns) - left + 1;
  const range = height > 0 && width > 0 ? sheet.getRange(top, left, height, width) : null;
  const values = range ? range.getValues() : [];
  const formulas = range ? range.getFormulas() : [];
  const held = (row: number, column: number) => {
    const r = row - top;
    const c = column - left;
    return restorable(values[r]?.[c] ?? '', formulas[r]?.[c] ?? '');
  };
  return {
    created: false,
    maxRows,
    maxColumns,
    runs: runs.map((run) => ({ run, cells: run.cells.map((_, i) => held(run.row, run.column + i)) })),
  };
}

/**
 * Runs in consecutive rows over the same columns as one block: one setValues for a model saved over
 * a very different one (each call to the Spreadsheet service costs a round trip), one per run otherwise.
 */
function blocksOf<T>(runs: readonly { run: CellRun; cells: T[] }[]): { row: number; column: number; rows: T[][] }[] {
  const blocks: { row: number; column: number; rows: T[][] }[] = [];
  for (const { run, cells } of runs) {
    const last = blocks[blocks.length - 1];
    if (last && last.column === run.column && last.rows[0]!.length === cells.length && last.row + last.rows.length === run.row) last.rows.push(cells);
    else blocks.push({ row: run.row, column: run.column, rows: [cells] });
  }
  return blocks;
}

function historySheet(spreadsheet: Spreadsheet, create: boolean): Sheet | null {
  const found = spreadsheet.getSheetByName(HISTORY_SHEET);
  if (found || !create) return found;
  const sheet = insertSheetQuietly(spreadsheet, HISTORY_SHEET);
  sheet.getRange(1, 1, 1, HISTORY_HEADER.length).setValues([[...HISTORY_HEADER]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  return sheet;
}

/** The save flow's reads and writes in Google Sheets. */
function sheetsTarget(spreadsheet: Spreadsheet): SaveTarget<Saved> {
  const formatDate = dateFormatter(spreadsheet);
  const sheetOf = (name: string) => spreadsheet.getSheetByName(name);
  return {
    // The apostrophe that keeps text literal counts against the cell's limit.
    textLimit: SHEETS_CELL_LIMIT - 1,
    readModel: (name) => {
      const sheet = sheetOf(name);
      return sheet ? toWireGrid(sheet.getDataRange().getValues(), formatDate) : null;
    },
    appendHistory: (cells) => {
      const history = historySheet(spreadsheet, true)!;
      const at = history.getLastRow() + 1;
      ensureSize(history, at, cells.length);
      history.getRange(at, 1, 1, cells.length).setValues([cells.map((cell) => (typeof cell === 'string' ? sheetCell(cell) : cell))]);
      return at;
    },
    dropHistory: (row) => {
      const history = historySheet(spreadsheet, false);
      if (history) history.getRange(row, 1, 1, history.getMaxColumns()).clearContent();
    },
    capture: (name, runs) => capture(sheetOf(name), runs),
    write: (name, runs) => {
      const sheet = sheetOf(name) ?? spreadsheet.insertSheet(name);
      const last = lastOf(runs);
      ensureSize(sheet, last.row, last.column);
      for (const block of blocksOf(runs.map((run) => ({ run, cells: run.cells.map(sheetCell) })))) {
        sheet.getRange(block.row, block.column, block.rows.length, block.rows[0]!.length).setValues(block.rows);
      }
      SpreadsheetApp.flush();
    },
    restore: (name, saved) => {
      const sheet = sheetOf(name);
      if (!sheet) return;
      if (saved.created) {
        spreadsheet.deleteSheet(sheet);
        return;
      }
      for (const block of blocksOf(saved.runs)) sheet.getRange(block.row, block.column, block.rows.length, block.rows[0]!.length).setValues(block.rows);
      if (sheet.getMaxRows() > saved.maxRows) sheet.deleteRows(saved.maxRows + 1, sheet.getMaxRows() - saved.maxRows);
      if (sheet.getMaxColumns() > saved.maxColumns) sheet.deleteColumns(saved.maxColumns + 1, sheet.getMaxColumns() - saved.maxColumns);
    },
    now: () => new Date(),
    newId: () => Utilities.getUuid(),
    who: currentUser,
  };
}

/** The save flow (workbook/save.ts) under the document lock. */
export function saveModel(request: SaveRequest): SaveResult {
  const busy = (): SaveResult => ({ ok: false, reason: 'error', message: messages.lockBusy() });
  return saveModelSync(request, false, (work) => underDocumentLock(work, busy), sheetsTarget(activeSpreadsheet()));
}

/** The saved versions of one model sheet, newest first. */
export function listHistory(modelSheet: string): HistoryEntry[] {
  const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
  const history = historySheet(activeSpreadsheet(), false);
  if (!history || history.getLastRow() < 2) return [];
  // The listing columns only: the JSON can be long.
  return listVersions(history.getRange(2, 1, history.getLastRow() - 1, HISTORY_JSON_COLUMN - 1).getValues(), name);
}

/** The rows of a saved version (not written: the panel saves them as a new version). */
export function readHistory(modelSheet: string, id: string): ModelSnapshot {
  const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
  const wanted = parseRequest(historyId, id, 'a history id');
  const history = historySheet(activeSpreadsheet(), false);
  const lastRow = history ? history.getLastRow() : 0;
  const index = history && lastRow >= 2 ? findVersion(history.getRange(2, 1, lastRow - 1, 1).getValues(), wanted) : -1;
  const row = history && index >= 0 ? history.getRange(index + 2, 1, 1, history.getLastColumn()).getValues()[0] : undefined;
  return versionSnapshot(row, name, wanted);
}
