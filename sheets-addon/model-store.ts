/**
 * The scoring worksheet on the server: read it, save it safely (validate, lock, compare versions,
 * keep the previous version in the hidden history sheet, restore the sheet if the write fails).
 */
import { HISTORY_HEADER, HISTORY_JSON_COLUMN, encodeHistoryRow, readHistoryListing, readHistoryRows } from '../workbook/history-sheet.ts';
import { isIcpError, readModel as readCoreModel } from '../core/index.ts';
import {
  HISTORY_SHEET,
  type HistoryEntry,
  type ModelSnapshot,
  type SaveRequest,
  type SaveResult,
  type WireCell,
} from '../workbook/host.ts';
import { literalText, trimGrid } from '../workbook/grid.ts';
import { fingerprint } from '../workbook/fingerprint.ts';
import {
  activeSpreadsheet,
  currentUser,
  dateFormatter,
  ensureSize,
  insertSheetQuietly,
  messageOf,
} from './services.ts';
import {
  type DateFormatter,
  historyIdSchema,
  parseRequest,
  saveRequestSchema,
  sheetNameSchema,
  toWireGrid,
} from '../workbook/wire.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How long a save waits for another save to finish. */
const LOCK_WAIT_MS = 10_000;
// The history sheet's layout is shared with the Excel add-in (workbook/history-sheet.ts), so a workbook
// that crosses hosts keeps its history readable.
export { HISTORY_CHUNK, HISTORY_HEADER } from '../workbook/history-sheet.ts';

function snapshotOf(sheet: Sheet, formatDate: DateFormatter): ModelSnapshot {
  const rows = trimGrid(toWireGrid(sheet.getDataRange().getValues(), formatDate));
  return { sheetName: sheet.getName(), rows, version: fingerprint(rows) };
}

/** The scoring worksheet as the sheet holds it, or null when there is no such sheet. */
export function readModel(sheetName: string): ModelSnapshot | null {
  const name = parseRequest(sheetNameSchema, sheetName, 'a model sheet name');
  const spreadsheet = activeSpreadsheet();
  const sheet = spreadsheet.getSheetByName(name);
  return sheet ? snapshotOf(sheet, dateFormatter(spreadsheet)) : null;
}

/** Every cell of a sheet's used range, formulas kept, so a failed write can put it back. */
interface Capture {
  rows: number;
  columns: number;
  maxRows: number;
  maxColumns: number;
  cells: (string | number | boolean | Date)[][];
}

function capture(sheet: Sheet): Capture {
  const range = sheet.getDataRange();
  const values = range.getValues();
  const formulas = range.getFormulas();
  const cells = values.map((row, r) =>
    row.map((value, c) => formulas[r]![c] || (typeof value === 'string' ? literalText(value) : value)),
  );
  return {
    rows: range.getNumRows(),
    columns: range.getNumColumns(),
    maxRows: sheet.getMaxRows(),
    maxColumns: sheet.getMaxColumns(),
    cells,
  };
}

function restore(sheet: Sheet, before: Capture, rowsWritten: number, columnsWritten: number): void {
  sheet.getRange(1, 1, Math.max(before.rows, rowsWritten, 1), Math.max(before.columns, columnsWritten, 1)).clearContent();
  sheet.getRange(1, 1, before.rows, before.columns).setValues(before.cells);
  if (sheet.getMaxRows() > before.maxRows) sheet.deleteRows(before.maxRows + 1, sheet.getMaxRows() - before.maxRows);
  if (sheet.getMaxColumns() > before.maxColumns) {
    sheet.deleteColumns(before.maxColumns + 1, sheet.getMaxColumns() - before.maxColumns);
  }
}

function sheetCell(cell: WireCell): string | number | boolean {
  if (cell === null) return '';
  return typeof cell === 'string' ? literalText(cell) : cell;
}

function writeRows(sheet: Sheet, rows: WireCell[][], before: Capture | null): void {
  const width = Math.max(1, ...rows.map((row) => row.length));
  ensureSize(sheet, rows.length, width);
  if (before) sheet.getRange(1, 1, before.rows, before.columns).clearContent();
  if (rows.length === 0) return;
  // Text is written as literal text: Sheets reads written text as typing, so `10-20` would become a
  // date and `20%` the number 0.2. Numbers and yes/no values go as they are.
  const grid = rows.map((row) => Array.from({ length: width }, (_, c) => sheetCell(row[c] ?? null)));
  sheet.getRange(1, 1, rows.length, width).setValues(grid);
}

/** The problem with the rows as a sentence, or null when the core reads them as a valid model. */
function validationProblem(rows: WireCell[][]): string | null {
  try {
    readCoreModel(rows, { serialDates: false });
    return null;
  } catch (error) {
    if (isIcpError(error)) return error.message;
    throw error;
  }
}

/**
 * Validate, then write under the document lock. Refuses (writing nothing) when the sheet changed
 * since the panel read it; keeps the replaced version in the history sheet; if anything throws
 * while writing, puts the sheet back exactly as it was.
 */
export function saveModel(raw: SaveRequest): SaveResult {
  const request = parseRequest(saveRequestSchema, raw, 'a model to save');
  const problem = validationProblem(request.rows);
  if (problem) return { ok: false, reason: 'error', message: `Nothing was saved: ${problem}` };

  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) {
    return { ok: false, reason: 'error', message: 'Someone else is saving the model right now, so nothing was saved; try again in a moment.' };
  }
  try {
    return saveLocked(activeSpreadsheet(), request);
  } finally {
    lock.releaseLock();
  }
}

function saveLocked(spreadsheet: Spreadsheet, request: SaveRequest): SaveResult {
  const formatDate = dateFormatter(spreadsheet);
  const existing = spreadsheet.getSheetByName(request.sheetName);
  const current = existing ? snapshotOf(existing, formatDate) : null;
  const unchanged = !current || current.version === request.baseVersion || (request.baseVersion === null && current.rows.length === 0);
  if (current && !unchanged) return { ok: false, reason: 'conflict', current };

  const sheet = existing ?? spreadsheet.insertSheet(request.sheetName);
  const before = existing ? capture(existing) : null;
  const history = current && current.rows.length > 0 ? historySheet(spreadsheet, true) : null;
  const historyRows = history ? history.getMaxRows() : 0;
  const historyLast = history ? history.getLastRow() : 0;
  try {
    writeRows(sheet, request.rows, before);
    if (history && current) appendHistory(history, current, request.note);
  } catch (error) {
    putBack(spreadsheet, sheet, before, request.rows);
    if (history) dropHistoryAfter(history, historyLast, historyRows);
    return { ok: false, reason: 'error', message: `The model could not be saved, so the sheet "${request.sheetName}" was left as it was: ${messageOf(error)}` };
  }
  SpreadsheetApp.flush();
  return { ok: true, version: snapshotOf(sheet, formatDate).version };
}

function putBack(spreadsheet: Spreadsheet, sheet: Sheet, before: Capture | null, rows: WireCell[][]): void {
  if (!before) {
    spreadsheet.deleteSheet(sheet);
    return;
  }
  restore(sheet, before, rows.length, Math.max(1, ...rows.map((row) => row.length)));
}

function dropHistoryAfter(history: Sheet, lastRow: number, maxRows: number): void {
  const added = history.getLastRow() - lastRow;
  if (added > 0) history.getRange(lastRow + 1, 1, added, history.getLastColumn()).clearContent();
  if (history.getMaxRows() > maxRows) history.deleteRows(maxRows + 1, history.getMaxRows() - maxRows);
}

/** The hidden history sheet; created (hidden, header row frozen) when `create` is set. */
function historySheet(spreadsheet: Spreadsheet, create: boolean): Sheet | null {
  const found = spreadsheet.getSheetByName(HISTORY_SHEET);
  if (found || !create) return found;
  const sheet = insertSheetQuietly(spreadsheet, HISTORY_SHEET);
  sheet.getRange(1, 1, 1, HISTORY_HEADER.length).setValues([[...HISTORY_HEADER]]);
  sheet.setFrozenRows(1);
  sheet.hideSheet();
  return sheet;
}

function appendHistory(history: Sheet, previous: ModelSnapshot, note: string): void {
  const version = { id: Utilities.getUuid(), when: new Date().toISOString(), who: currentUser(), note, sheetName: previous.sheetName, rows: previous.rows };
  const cells = encodeHistoryRow(version).map((cell) => (typeof cell === 'string' ? literalText(cell) : cell));
  const at = history.getLastRow() + 1;
  ensureSize(history, at, cells.length);
  history.getRange(at, 1, 1, cells.length).setValues([cells]);
}

/** The saved versions of one model sheet, newest first. */
export function listHistory(modelSheet: string): HistoryEntry[] {
  const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
  const history = historySheet(activeSpreadsheet(), false);
  if (!history || history.getLastRow() < 2) return [];
  const rows = history.getRange(2, 1, history.getLastRow() - 1, HISTORY_JSON_COLUMN - 1).getValues();
  return rows
    .flatMap((row) => {
      const entry = readHistoryListing(row);
      return entry && entry.sheetName === name ? [{ id: entry.id, when: entry.when, who: entry.who, note: entry.note, rows: entry.rows }] : [];
    })
    .reverse();
}

/** The rows of a saved version (not written: the panel saves them as a new version). */
export function readHistory(modelSheet: string, id: string): ModelSnapshot {
  const name = parseRequest(sheetNameSchema, modelSheet, 'a model sheet name');
  const wanted = parseRequest(historyIdSchema, id, 'a history id');
  const history = historySheet(activeSpreadsheet(), false);
  const lastRow = history ? history.getLastRow() : 0;
  const ids = history && lastRow >= 2 ? history.getRange(2, 1, lastRow - 1, 1).getValues() : [];
  const index = ids.findIndex((row) => String(row[0]) === wanted);
  if (!history || index < 0) {
    throw new Error(`There is no saved version "${wanted}" of the model "${name}" in the "${HISTORY_SHEET}" sheet.`);
  }
  const cells = history.getRange(index + 2, 1, 1, history.getLastColumn()).getValues()[0]!;
  const rows = readHistoryRows(cells);
  if (!rows) {
    throw new Error(`The saved version "${wanted}" in the "${HISTORY_SHEET}" sheet is damaged (its JSON cannot be read), so it cannot be restored.`);
  }
  return { sheetName: name, rows, version: fingerprint(rows) };
}
