/**
 * The panel's reads, planned once over the port: the model sheet, the sheets with their header
 * rows (a title row above the table is skipped), the active sheet, a few rows for previews.
 */
import { call, type Flow } from './flow.ts';
import { FORMULA_ROWS, HEADER_SCAN_ROWS, describeSheet, icpColumns, previewRows, snapshotOf } from './grid.ts';
import { HISTORY_SHEET, type ModelSnapshot, type RowsAnswer, type SheetInfo } from './host.ts';
import { messages } from './messages.ts';
import type { Extent, Port } from './port.ts';
import { parseRequest, rowLimit, sheetName as sheetNameSchema } from './wire.ts';

/** Throws the sentence for a sheet that is not there, naming the sheets there are. */
export function* noSuchSheet(port: Port, name: string): Flow<never> {
  const sheets = yield* call(() => port.sheets());
  throw new Error(messages.noSuchSheet(name, sheets.map((sheet) => sheet.name)));
}

/** Where the sheet's content ends, or a sentence naming the sheets there are. */
export function* requireExtent(port: Port, name: string): Flow<Extent> {
  return (yield* call(() => port.extent(name))) ?? (yield* noSuchSheet(port, name));
}

/** A sheet's header row and headers, from its top rows (workbook/grid.ts). */
export function* describe(port: Port, name: string, known?: Extent): Flow<SheetInfo> {
  const { lastRow, lastColumn } = known ?? (yield* requireExtent(port, name));
  if (lastRow === 0 || lastColumn === 0) return describeSheet(name, [], 0);
  const block = { row: 1, column: 1, rows: Math.min(HEADER_SCAN_ROWS, lastRow), columns: lastColumn };
  const top = yield* call(() => port.read(name, block));
  return describeSheet(name, top ?? [], lastRow);
}

/** The scoring worksheet as the sheet holds it, or null when there is no such sheet. */
export function* readModel(port: Port, sheetName: string): Flow<ModelSnapshot | null> {
  const name = parseRequest(sheetNameSchema, sheetName, 'a model sheet name');
  const cells = yield* call(() => port.read(name));
  return cells ? snapshotOf(name, cells) : null;
}

/** Every visible sheet (the hidden history sheet is not a prospect sheet). */
export function* listSheets(port: Port): Flow<SheetInfo[]> {
  const sheets = yield* call(() => port.sheets());
  const infos: SheetInfo[] = [];
  for (const sheet of sheets) {
    if (!sheet.hidden && sheet.name !== HISTORY_SHEET) infos.push(yield* describe(port, sheet.name));
  }
  return infos;
}

/** The sheet the user is on, with its detected header row. */
export function* activeSheet(port: Port): Flow<SheetInfo | null> {
  const name = yield* call(() => port.activeSheet());
  return name === null ? null : yield* describe(port, name);
}

/**
 * Up to `limit` rows below the header row, as wide as the headers, trailing blank rows dropped;
 * and the columns whose first data rows hold formulas calling ICP functions (the Learn tab never
 * learns from the model's own answers).
 */
export function* readRows(port: Port, sheetName: string, limit: number): Flow<RowsAnswer> {
  const name = parseRequest(sheetNameSchema, sheetName, 'a sheet name');
  const count = parseRequest(rowLimit, limit, 'a row limit');
  const info = yield* describe(port, name);
  const height = Math.min(count, info.dataRows);
  if (info.headers.length === 0 || height === 0) return { headers: info.headers, rows: [] };
  const block = { row: info.headerRow + 1, column: 1, rows: height, columns: info.headers.length };
  const body = yield* call(() => port.read(name, block));
  const formulas = yield* call(() => port.readFormulas(name, { ...block, rows: Math.min(FORMULA_ROWS, height) }));
  return { ...previewRows(info, body ?? [], count), icpColumns: icpColumns(formulas) };
}
